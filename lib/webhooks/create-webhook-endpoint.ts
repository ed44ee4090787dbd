import { forgetSite } from '@/lib/conversations';
import { db } from '@/lib/db';
import { WebhookEndpointInputSchema } from '@/lib/schemas/webhook';
import { requireWorkspaceSite, type Admin } from '@/lib/sites/workspace-site';
import { newSigningSecret, recordEndpointChange, refreshSiteWebhookEvents } from './site-endpoint';

/** Registers an endpoint with a new signing secret; returns its id and the secret. */
export async function createWebhookEndpoint(
  admin: Admin,
  siteId: string,
  input: unknown,
): Promise<{ id: string; secret: string }> {
  const settings = WebhookEndpointInputSchema.parse(input);
  const endpoint = await db().$transaction(async (tx) => {
    await requireWorkspaceSite(admin, siteId, tx);
    const created = await tx.webhookEndpoint.create({
      data: { siteId, ...settings, secret: newSigningSecret() },
    });
    await refreshSiteWebhookEvents(tx, siteId);
    await recordEndpointChange(tx, admin, created, 'webhook.created', {
      events: settings.events,
      enabled: settings.enabled,
      allowPrivateAddresses: settings.allowPrivateAddresses,
    });
    return created;
  });
  forgetSite(siteId);
  return { id: endpoint.id, secret: endpoint.secret };
}
