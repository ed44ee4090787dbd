import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { SaveResponsesSchema } from '@/lib/schemas/intent';
import type { Admin } from '@/lib/sites/workspace-site';
import { requireSiteIntent } from './site-intent';

/** Replaces an intent's responses, in order; the bot picks among them and fills {entity} variables. */
export async function saveIntentResponses(
  admin: Admin,
  siteId: string,
  intentId: string,
  input: unknown,
): Promise<void> {
  const { responses } = SaveResponsesSchema.parse(input);
  await db().$transaction(async (tx) => {
    const intent = await requireSiteIntent(tx, admin, siteId, intentId);
    await tx.intentResponse.deleteMany({ where: { intentId } });
    await tx.intentResponse.createMany({
      data: responses.map((body, position) => ({ intentId, body, position })),
    });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'intent.responses_saved',
        target: `intent:${intent.id}`,
        details: { siteId, name: intent.name, responses: responses.length },
      },
      tx,
    );
  });
}
