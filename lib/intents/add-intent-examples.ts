import type { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import type { AddedExamplesSchema } from '@/lib/schemas/api';
import { AddExamplesSchema } from '@/lib/schemas/intent';
import type { Admin } from '@/lib/sites/workspace-site';
import { exampleKey } from './example-key';
import { findExampleConflicts } from './find-example-conflicts';
import { requireSiteIntent } from './site-intent';

/** What a bulk paste added (the shape lives in lib/schemas/api.ts). */
export type AddedExamples = z.output<typeof AddedExamplesSchema>;

/** Bulk paste: adds one example per line to an intent and flags duplicates and conflicts. */
export async function addIntentExamples(
  admin: Admin,
  siteId: string,
  intentId: string,
  input: unknown,
): Promise<AddedExamples> {
  const { examples } = AddExamplesSchema.parse(input);
  return db().$transaction(async (tx) => {
    const intent = await requireSiteIntent(tx, admin, siteId, intentId);
    const existing = await tx.trainingExample.findMany({
      where: { intentId },
      select: { text: true },
    });
    const known = new Set(existing.map((example) => exampleKey(example.text)));
    const fresh: string[] = [];
    const duplicates: string[] = [];
    for (const text of examples) {
      const key = exampleKey(text);
      if (known.has(key)) duplicates.push(text);
      else {
        known.add(key);
        fresh.push(text);
      }
    }
    await tx.trainingExample.createMany({
      data: fresh.map((text) => ({ intentId, text, source: 'manual' as const })),
    });
    const freshKeys = new Set(fresh.map(exampleKey));
    const conflicts = (await findExampleConflicts(siteId, tx)).filter((conflict) =>
      freshKeys.has(conflict.key),
    );
    if (fresh.length) {
      await recordAuditEvent(
        {
          workspaceId: admin.workspaceId,
          actorId: admin.userId,
          action: 'intent.examples_added',
          target: `intent:${intent.id}`,
          details: { siteId, name: intent.name, added: fresh.length, conflicts: conflicts.length },
        },
        tx,
      );
    }
    return { added: fresh.length, duplicates, conflicts };
  });
}
