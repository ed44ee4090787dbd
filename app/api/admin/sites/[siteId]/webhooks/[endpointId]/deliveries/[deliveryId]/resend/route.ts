import { resendWebhookDelivery } from '@/lib/webhooks';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

export const POST = siteRoute<{ endpointId: string; deliveryId: string }>(
  async ({ member, siteId, params }) =>
    resendWebhookDelivery(member, siteId, params.endpointId, params.deliveryId),
);
