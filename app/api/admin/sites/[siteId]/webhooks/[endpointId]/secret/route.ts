import { rotateWebhookSecret } from '@/lib/webhooks';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

/** A new signing secret for the endpoint, returned once in the answer. */
export const POST = siteRoute<{ endpointId: string }>(async ({ member, siteId, params }) =>
  rotateWebhookSecret(member, siteId, params.endpointId),
);
