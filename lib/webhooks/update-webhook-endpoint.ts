import { forgetSite } from '@/lib/conversations';
import { db } from '@/lib/db';
import { WebhookEndpointPatchSchema } from '@/lib/schemas/webhook';
import type { Admin } from '@/lib/sites/workspace-site';
import {
  recordEndpointChange,
  refreshSiteWebhookEvents,
  requireSiteEndpoint,
} from './site-endpoint';

/** Changes an endpoint's URL, events, enabled flag or private-address permission. */
export async function updateWebhookEndpoint(
  admin: Admin,
  siteId: string,
  endpointId: string,
  input: unknown,
): Promise<void> {
  const changes = WebhookEndpointPatchSchema.parse(input);
  await db().$transaction(async (tx) => {
    const endpoint = await requireSiteEndpoint(tx, admin, siteId, endpointId);
    const updated = await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: changes });
    await refreshSiteWebhookEvents(tx, siteId);
    await recordEndpointChange(tx, admin, updated, 'webhook.changed', changes);
  });
  forgetSite(siteId);
}
