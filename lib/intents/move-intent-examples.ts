import { ActionError } from '@/lib/auth/errors';
import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { MoveExamplesSchema } from '@/lib/schemas/intent';
import type { Admin } from '@/lib/sites/workspace-site';
import { exampleKey } from './example-key';
import { requireSiteIntent } from './site-intent';

/** Fixes a mislabelled example (e.g. from the misclassified list) by moving it to the right intent. */
export async function moveIntentExamples(
  admin: Admin,
  siteId: string,
  intentId: string,
  input: unknown,
): Promise<{ moved: number; duplicatesDropped: number }> {
  const { exampleIds, targetIntentId } = MoveExamplesSchema.parse(input);
  if (targetIntentId === intentId) throw new ActionError('invalid', 'Pick another intent');
  return db().$transaction(async (tx) => {
    const from = await requireSiteIntent(tx, admin, siteId, intentId);
    const to = await requireSiteIntent(tx, admin, siteId, targetIntentId);
    const examples = await tx.trainingExample.findMany({
      where: { id: { in: exampleIds }, intentId },
    });
    const targetKeys = new Set(
      (
        await tx.trainingExample.findMany({ where: { intentId: to.id }, select: { text: true } })
      ).map((example) => exampleKey(example.text)),
    );
    const movable = examples.filter((example) => !targetKeys.has(exampleKey(example.text)));
    await tx.trainingExample.updateMany({
      where: { id: { in: movable.map((example) => example.id) } },
      data: { intentId: to.id },
    });
    // An example the target already has is simply removed from the wrong intent.
    await tx.trainingExample.deleteMany({
      where: { id: { in: examples.filter((e) => !movable.includes(e)).map((e) => e.id) } },
    });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'intent.examples_moved',
        target: `intent:${from.id}`,
        details: { siteId, from: from.name, to: to.name, moved: examples.length },
      },
      tx,
    );
    return { moved: movable.length, duplicatesDropped: examples.length - movable.length };
  });
}
