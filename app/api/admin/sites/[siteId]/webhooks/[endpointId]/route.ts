import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { deleteWebhookEndpoint, updateWebhookEndpoint } from '@/lib/webhooks';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

type Params = { endpointId: string };

export const PATCH = siteRoute<Params>(async ({ member, siteId, params, request }) =>
  updateWebhookEndpoint(member, siteId, params.endpointId, await readBody(request, z.unknown())),
);

export const DELETE = siteRoute<Params>(async ({ member, siteId, params }) =>
  deleteWebhookEndpoint(member, siteId, params.endpointId),
);
