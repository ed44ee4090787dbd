import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { createWebhookEndpoint, listWebhookEndpoints } from '@/lib/webhooks';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

export const GET = siteRoute(async ({ member, siteId }) => listWebhookEndpoints(member, siteId));

/** Registers an endpoint; the answer carries its new signing secret. */
export const POST = siteRoute(async ({ member, siteId, request }) =>
  createWebhookEndpoint(member, siteId, await readBody(request, z.unknown())),
);
