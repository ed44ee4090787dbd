import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { RemoveExamplesSchema } from '@/lib/schemas/intent';
import type { Admin } from '@/lib/sites/workspace-site';
import { requireSiteIntent } from './site-intent';

export async function removeIntentExamples(
  admin: Admin,
  siteId: string,
  intentId: string,
  input: unknown,
): Promise<{ removed: number }> {
  const { exampleIds } = RemoveExamplesSchema.parse(input);
  return db().$transaction(async (tx) => {
    const intent = await requireSiteIntent(tx, admin, siteId, intentId);
    const { count } = await tx.trainingExample.deleteMany({
      where: { id: { in: exampleIds }, intentId },
    });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'intent.examples_removed',
        target: `intent:${intent.id}`,
        details: { siteId, name: intent.name, removed: count },
      },
      tx,
    );
    return { removed: count };
  });
}
