import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { SetIntentFlagsSchema } from '@/lib/schemas/intent';
import type { Admin } from '@/lib/sites/workspace-site';
import { requireSiteIntent } from './site-intent';

/** handoff: answering this intent brings in a human; rephrase: the generator may reword the response. */
export async function setIntentFlags(
  admin: Admin,
  siteId: string,
  intentId: string,
  input: unknown,
): Promise<void> {
  const flags = SetIntentFlagsSchema.parse(input);
  await db().$transaction(async (tx) => {
    const intent = await requireSiteIntent(tx, admin, siteId, intentId);
    await tx.intent.update({ where: { id: intentId }, data: flags });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'intent.flags_changed',
        target: `intent:${intent.id}`,
        details: { siteId, name: intent.name, ...flags },
      },
      tx,
    );
  });
}
