import { recordAuditEvent } from '@/lib/audit';
import { ActionError } from '@/lib/auth/errors';
import { db } from '@/lib/db';
import { EditExampleSchema } from '@/lib/schemas/intent';
import type { Admin } from '@/lib/sites/workspace-site';
import { exampleKey } from './example-key';
import { requireSiteIntent } from './site-intent';

/**
 * Rewrites one example of an intent. Its entity marks point into the old text, so they are
 * dropped when the text changes; a text the intent already has is a conflict, not a duplicate.
 */
export async function editIntentExample(
  admin: Admin,
  siteId: string,
  intentId: string,
  exampleId: string,
  input: unknown,
): Promise<{ id: string; text: string }> {
  const { text } = EditExampleSchema.parse(input);
  return db().$transaction(async (tx) => {
    const intent = await requireSiteIntent(tx, admin, siteId, intentId);
    const example = await tx.trainingExample.findFirst({ where: { id: exampleId, intentId } });
    if (!example) throw new ActionError('not_found', 'No such example');
    if (example.text === text) return { id: example.id, text };
    const siblings = await tx.trainingExample.findMany({
      where: { intentId, id: { not: example.id } },
      select: { text: true },
    });
    if (siblings.some((sibling) => exampleKey(sibling.text) === exampleKey(text))) {
      throw new ActionError('conflict', `"${intent.name}" already has this example`);
    }
    await tx.trainingExample.update({
      where: { id: example.id },
      data: { text, annotations: [] },
    });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'intent.example_edited',
        target: `intent:${intent.id}`,
        details: { siteId, name: intent.name, exampleId: example.id },
      },
      tx,
    );
    return { id: example.id, text };
  });
}
