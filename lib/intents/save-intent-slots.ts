import { recordAuditEvent } from '@/lib/audit';
import { ActionError } from '@/lib/auth/errors';
import { db } from '@/lib/db';
import { isBuiltInEntity, SaveIntentSlotsSchema } from '@/lib/schemas/intent';
import type { Admin } from '@/lib/sites/workspace-site';
import { requireSiteIntent } from './site-intent';
import { siteEntityDefinitions } from './site-custom-entities';

/**
 * The entities the bot asks for before answering the intent, each with the admin's question: built-in
 * types or entities the site defines (or marks in its examples).
 */
export async function saveIntentSlots(
  admin: Admin,
  siteId: string,
  intentId: string,
  input: unknown,
): Promise<void> {
  const { slots } = SaveIntentSlotsSchema.parse(input);
  await db().$transaction(async (tx) => {
    const intent = await requireSiteIntent(tx, admin, siteId, intentId);
    const custom = slots.filter((slot) => !isBuiltInEntity(slot.entity));
    if (custom.length) {
      const defined = new Set((await siteEntityDefinitions(siteId)).map((entity) => entity.name));
      const unknown = custom.find((slot) => !defined.has(slot.entity));
      if (unknown) {
        throw new ActionError('invalid', `The site has no entity named "${unknown.entity}"`);
      }
    }
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
