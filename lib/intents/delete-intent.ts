import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import type { Admin } from '@/lib/sites/workspace-site';
import { requireSiteIntent } from './site-intent';

/** Deletes an intent with its examples and responses (the foreign keys cascade; nothing is left behind). */
export async function deleteIntent(admin: Admin, siteId: string, intentId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const intent = await requireSiteIntent(tx, admin, siteId, intentId);
    const examples = await tx.trainingExample.count({ where: { intentId } });
    await tx.intent.delete({ where: { id: intent.id } });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'intent.deleted',
        target: `intent:${intent.id}`,
        details: { siteId, name: intent.name, examples },
      },
      tx,
    );
  });
}
