import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { SaveQuickRepliesSchema } from '@/lib/schemas/intent';
import type { Admin } from '@/lib/sites/workspace-site';
import { requireSiteIntent } from './site-intent';

/**
 * The intent's buttons: the quick replies under its answer (one naming another intent answers
 * that intent) and the label visitors see when the intent itself is offered as a button.
 */
export async function saveIntentQuickReplies(
  admin: Admin,
  siteId: string,
  intentId: string,
  input: unknown,
): Promise<void> {
  const { quickReplies, buttonLabel } = SaveQuickRepliesSchema.parse(input);
  await db().$transaction(async (tx) => {
    const intent = await requireSiteIntent(tx, admin, siteId, intentId);
    await tx.intent.update({
      where: { id: intentId },
      data: { quickReplies, ...(buttonLabel !== undefined && { buttonLabel }) },
    });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'intent.quick_replies_saved',
        target: `intent:${intent.id}`,
        details: { siteId, name: intent.name, quickReplies, buttonLabel },
      },
      tx,
    );
  });
}
