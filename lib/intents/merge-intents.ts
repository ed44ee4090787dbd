import { ActionError } from '@/lib/auth/errors';
import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { MergeIntentsSchema } from '@/lib/schemas/intent';
import { requireWorkspaceSite, type Admin } from '@/lib/sites/workspace-site';
import { exampleKey } from './example-key';

/**
 * Folds intents into a target: their examples (keeping where each came from), responses and quick
 * replies move over, duplicates are dropped, and the emptied intents are deleted.
 */
export async function mergeIntents(
  admin: Admin,
  siteId: string,
  input: unknown,
): Promise<{ examplesMoved: number; duplicatesDropped: number }> {
  const { sourceIds, targetId } = MergeIntentsSchema.parse(input);
  const sources = [...new Set(sourceIds)].filter((id) => id !== targetId);
  if (!sources.length) throw new ActionError('invalid', 'Pick intents other than the target');

  return db().$transaction(async (tx) => {
    await requireWorkspaceSite(admin, siteId, tx);
    const intents = await tx.intent.findMany({
      where: { siteId, id: { in: [targetId, ...sources] } },
      include: {
        examples: { orderBy: { createdAt: 'asc' } },
        responses: { orderBy: { position: 'asc' } },
      },
    });
    const target = intents.find((intent) => intent.id === targetId);
    const merged = intents.filter((intent) => intent.id !== targetId);
    if (!target || merged.length !== sources.length) {
      throw new ActionError('not_found', 'No such intent');
    }

    const knownExamples = new Set(target.examples.map((example) => exampleKey(example.text)));
    const moved = merged
      .flatMap((intent) => intent.examples)
      .filter((example) => {
        const key = exampleKey(example.text);
        if (knownExamples.has(key)) return false;
        knownExamples.add(key);
        return true;
      });
    const knownResponses = new Set(target.responses.map((response) => response.body));
    const newResponses = merged
      .flatMap((intent) => intent.responses)
      .map((response) => response.body)
      .filter((body) => !knownResponses.has(body) && knownResponses.add(body));
    const quickReplies = [
      ...new Set([target, ...merged].flatMap((intent) => intent.quickReplies)),
    ].slice(0, 8);

    // Deleting first frees the examples' texts; the rows are re-created under the target.
    await tx.intent.deleteMany({ where: { id: { in: sources } } });
    await tx.trainingExample.createMany({
      data: moved.map(({ text, source, messageId, createdAt }) => ({
        intentId: target.id,
        text,
        source,
        messageId,
        createdAt,
      })),
    });
    await tx.intentResponse.createMany({
      data: newResponses.map((body, index) => ({
        intentId: target.id,
        body,
        position: target.responses.length + index,
      })),
    });
    await tx.intent.update({
      where: { id: target.id },
      data: { quickReplies, handoff: target.handoff || merged.some((intent) => intent.handoff) },
    });
    const total = merged.reduce((sum, intent) => sum + intent.examples.length, 0);
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'intent.merged',
        target: `intent:${target.id}`,
        details: {
          siteId,
          into: target.name,
          merged: merged.map((intent) => intent.name),
          examplesMoved: moved.length,
        },
      },
      tx,
    );
    return { examplesMoved: moved.length, duplicatesDropped: total - moved.length };
  });
}
