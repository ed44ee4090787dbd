import { ActionError } from '@/lib/auth/errors';
import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { RenameIntentSchema } from '@/lib/schemas/intent';
import { requireSiteIntent } from './site-intent';
import type { Admin } from '@/lib/sites/workspace-site';

/** Renames an intent; the next trained model uses the new name (past messages keep the old one). */
export async function renameIntent(
  admin: Admin,
  siteId: string,
  intentId: string,
  input: unknown,
): Promise<void> {
  const { name } = RenameIntentSchema.parse(input);
  await db().$transaction(async (tx) => {
    const intent = await requireSiteIntent(tx, admin, siteId, intentId);
    if (intent.name === name) return;
    const taken = await tx.intent.findUnique({ where: { siteId_name: { siteId, name } } });
    if (taken) throw new ActionError('conflict', `An intent named "${name}" already exists`);
    await tx.intent.update({ where: { id: intent.id }, data: { name } });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'intent.renamed',
        target: `intent:${intent.id}`,
        details: { siteId, from: intent.name, to: name },
      },
      tx,
    );
  });
}
