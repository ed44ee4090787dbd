import { ActionError } from '@/lib/auth/errors';
import type { Prisma } from '@/lib/db';
import { requireWorkspaceSite, type Admin } from '@/lib/sites/workspace-site';

/** The intent, if it belongs to that site of the admin's workspace. */
export async function requireSiteIntent(
  tx: Prisma.TransactionClient,
  admin: Admin,
  siteId: string,
  intentId: string,
) {
  await requireWorkspaceSite(admin, siteId, tx);
  const intent = await tx.intent.findFirst({ where: { id: intentId, siteId } });
  if (!intent) throw new ActionError('not_found', 'No such intent');
  return intent;
}
