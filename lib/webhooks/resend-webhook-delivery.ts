import { ActionError } from '@/lib/auth/errors';
import { db } from '@/lib/db';
import { enqueueJob, nudgeJobs } from '@/lib/jobs';
import type { Admin } from '@/lib/sites/workspace-site';
import { DELIVER_WEBHOOK } from './deliver-webhook';
import { RETRY_FOR_MS } from './queue-webhook-event';
import { recordEndpointChange, requireSiteEndpoint } from './site-endpoint';

/**
 * Sends a delivery again (same event id and body, signed afresh), with a new day of retries. A
 * delivery still pending is already on its way and is left alone.
 */
export async function resendWebhookDelivery(
  admin: Admin,
  siteId: string,
  endpointId: string,
  deliveryId: string,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const endpoint = await requireSiteEndpoint(tx, admin, siteId, endpointId);
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, endpointId: endpoint.id, status: { not: 'pending' } },
      data: { status: 'pending', retryUntil: new Date(Date.now() + RETRY_FOR_MS) },
    });
    if (count === 0) {
      const exists = await tx.webhookDelivery.count({
        where: { id: deliveryId, endpointId: endpoint.id },
      });
      if (!exists) throw new ActionError('not_found', 'No such delivery');
      throw new ActionError('conflict', 'This delivery is still being sent');
    }
    await enqueueJob(DELIVER_WEBHOOK, { deliveryId }, { tx });
    await recordEndpointChange(tx, admin, endpoint, 'webhook.delivery_resent', { deliveryId });
  });
  nudgeJobs();
}
