import { db } from '@/lib/db';
import type { Admin } from '@/lib/sites/workspace-site';
import { newSigningSecret, recordEndpointChange, requireSiteEndpoint } from './site-endpoint';

/** A new signing secret for the endpoint: deliveries from now on are signed with it. */
export async function rotateWebhookSecret(
  admin: Admin,
  siteId: string,
  endpointId: string,
): Promise<{ secret: string }> {
  return db().$transaction(async (tx) => {
    const endpoint = await requireSiteEndpoint(tx, admin, siteId, endpointId);
    const { secret } = await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { secret: newSigningSecret() },
    });
    await recordEndpointChange(tx, admin, endpoint, 'webhook.secret_rotated');
    return { secret };
  });
}
