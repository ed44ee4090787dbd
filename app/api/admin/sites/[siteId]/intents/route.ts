import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { createIntent, listIntents } from '@/lib/intents';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

export const GET = siteRoute(async ({ siteId }) => listIntents(siteId));

export const POST = siteRoute(async ({ member, siteId, request }) =>
  createIntent(member, siteId, await readBody(request, z.unknown())),
);
