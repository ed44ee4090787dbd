import { ActionError } from '@/lib/auth/errors';
import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { AnnotateExampleSchema } from '@/lib/schemas/entity';
import type { Admin } from '@/lib/sites/workspace-site';
import { requireSiteIntent } from './site-intent';

/** Replaces the entities marked in one training example (the editor marks them by selecting text). */
export async function annotateExample(
  admin: Admin,
  siteId: string,
  intentId: string,
  exampleId: string,
  input: unknown,
): Promise<void> {
  const { annotations } = AnnotateExampleSchema.parse(input);
  await db().$transaction(async (tx) => {
    const intent = await requireSiteIntent(tx, admin, siteId, intentId);
    const example = await tx.trainingExample.findFirst({ where: { id: exampleId, intentId } });
    if (!example) throw new ActionError('not_found', 'No such example');
    if (annotations.some((annotation) => annotation.end > example.text.length)) {
      throw new ActionError('invalid', 'An annotation reaches past the end of the example');
    }
    await tx.trainingExample.update({ where: { id: exampleId }, data: { annotations } });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'example.annotated',
        target: `intent:${intent.id}`,
        details: { siteId, exampleId, entities: annotations.map((a) => a.entity) },
      },
      tx,
    );
  });
}
