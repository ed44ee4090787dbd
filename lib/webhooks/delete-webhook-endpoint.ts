import { forgetSite } from '@/lib/conversations';
import { db } from '@/lib/db';
import type { Admin } from '@/lib/sites/workspace-site';
import {
  recordEndpointChange,
  refreshSiteWebhookEvents,
  requireSiteEndpoint,
} from './site-endpoint';

/** Deletes an endpoint with its delivery log; its queued deliveries find nothing to send. */
export async function deleteWebhookEndpoint(
  admin: Admin,
  siteId: string,
  endpointId: string,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const endpoint = await requireSiteEndpoint(tx, admin, siteId, endpointId);
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await refreshSiteWebhookEvents(tx, siteId);
    await recordEndpointChange(tx, admin, endpoint, 'webhook.deleted');
  });
  forgetSite(siteId);
}
