import { randomBytes } from 'node:crypto';
import { recordAuditEvent } from '@/lib/audit';
import { ActionError } from '@/lib/auth/errors';
import type { Prisma } from '@/lib/db';
import { requireWorkspaceSite, type Admin } from '@/lib/sites/workspace-site';

/** A new signing secret: 32 random bytes, hex, prefixed so it is recognisable in a config file. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

/** The endpoint, if it belongs to that site of the admin's workspace; anything else is "not found". */
export async function requireSiteEndpoint(
  tx: Prisma.TransactionClient,
  admin: Admin,
  siteId: string,
  endpointId: string,
) {
  await requireWorkspaceSite(admin, siteId, tx);
  const endpoint = await tx.webhookEndpoint.findFirst({ where: { id: endpointId, siteId } });
  if (!endpoint) throw new ActionError('not_found', 'No such webhook endpoint');
  return endpoint;
}

/**
 * Stores on the site what its enabled endpoints subscribe to. Updating the site row tells every
 * node to drop its cached copy (the Site trigger), so listeners see the change at once.
 */
export async function refreshSiteWebhookEvents(
  tx: Prisma.TransactionClient,
  siteId: string,
): Promise<void> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { siteId, enabled: true },
    select: { events: true },
  });
  const webhookEvents = [...new Set(endpoints.flatMap((endpoint) => endpoint.events))].sort();
  await tx.site.update({ where: { id: siteId }, data: { webhookEvents } });
}

/** Every endpoint change is audited the same way: `webhook.<what>` on the endpoint. */
export function recordEndpointChange(
  tx: Prisma.TransactionClient,
  admin: Admin,
  endpoint: { id: string; siteId: string; url: string },
  action: string,
  details: Prisma.InputJsonObject = {},
): Promise<void> {
  return recordAuditEvent(
    {
      workspaceId: admin.workspaceId,
      actorId: admin.userId,
      action,
      target: `webhook:${endpoint.id}`,
      details: { siteId: endpoint.siteId, url: endpoint.url, ...details },
    },
    tx,
  );
}
