import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { SaveIntentSlotsSchema } from '@/lib/schemas/intent';
import type { Admin } from '@/lib/sites/workspace-site';
import { requireSiteIntent } from './site-intent';

/** The entities the bot asks for before answering the intent, each with the admin's question. */
export async function saveIntentSlots(
  admin: Admin,
  siteId: string,
  intentId: string,
  input: unknown,
): Promise<void> {
  const { slots } = SaveIntentSlotsSchema.parse(input);
  await db().$transaction(async (tx) => {
    const intent = await requireSiteIntent(tx, admin, siteId, intentId);
    await tx.intent.update({ where: { id: intentId }, data: { slots } });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'intent.slots_saved',
        target: `intent:${intent.id}`,
        details: { siteId, name: intent.name, slots },
      },
      tx,
    );
  });
}
