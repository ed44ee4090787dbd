import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { ImportIntentsSchema, type IntentFileFormat } from '@/lib/schemas/intent';
import { requireWorkspaceSite, type Admin } from '@/lib/sites/workspace-site';
import { exampleKey } from './example-key';
import { findExampleConflicts, type ExampleConflict } from './find-example-conflicts';
import { guessIntentFileFormat, parseIntentFile } from './formats';

export interface ImportSummary {
  format: IntentFileFormat;
  intentsCreated: number;
  intentsUpdated: number;
  examplesAdded: number;
  /** Examples the intents already had. */
  duplicatesSkipped: number;
  /** The same example under two intents, after the import: worth fixing before training. */
  conflicts: ExampleConflict[];
}

/**
 * Imports a training-data file. The whole file is read first: one wrong line refuses all of it
 * (IntentFileError, line-numbered) and the import runs in one transaction, so nothing half-applies.
 */
export async function importIntents(
  admin: Admin,
  siteId: string,
  input: unknown,
): Promise<ImportSummary> {
  const { content, mode, ...file } = ImportIntentsSchema.parse(input);
  await requireWorkspaceSite(admin, siteId);
  const format =
    file.format === 'auto' ? guessIntentFileFormat(file.fileName, content) : file.format;
  const { bundles, carries } = parseIntentFile(format, content);

  return db().$transaction(
    async (tx) => {
      await requireWorkspaceSite(admin, siteId, tx);
      if (mode === 'replace') await tx.intent.deleteMany({ where: { siteId } });
      const existing = await tx.intent.findMany({
        where: { siteId, name: { in: bundles.map((bundle) => bundle.name) } },
        include: { examples: { select: { text: true } }, responses: { select: { body: true } } },
      });
      const byName = new Map(existing.map((intent) => [intent.name, intent]));
      const summary: ImportSummary = {
        format,
        intentsCreated: 0,
        intentsUpdated: 0,
        examplesAdded: 0,
        duplicatesSkipped: 0,
        conflicts: [],
      };

      for (const bundle of bundles) {
        const current = byName.get(bundle.name);
        const knownExamples = new Set(current?.examples.map((example) => exampleKey(example.text)));
        const examples = bundle.examples.filter((text) => {
          const key = exampleKey(text);
          if (knownExamples.has(key)) return false;
          knownExamples.add(key);
          return true;
        });
        summary.examplesAdded += examples.length;
        summary.duplicatesSkipped += bundle.examples.length - examples.length;
        const knownResponses = new Set(current?.responses.map((response) => response.body));
        const responses = carries.responses
          ? bundle.responses.filter((body) => !knownResponses.has(body))
          : [];

        let intentId: string;
        if (current) {
          summary.intentsUpdated += 1;
          intentId = current.id;
          await tx.intent.update({
            where: { id: current.id },
            data: carries.flags
              ? {
                  description: bundle.description ?? current.description,
                  handoff: bundle.handoff,
                  rephrase: bundle.rephrase,
                  quickReplies: [...new Set([...current.quickReplies, ...bundle.quickReplies])],
                }
              : {},
          });
        } else {
          summary.intentsCreated += 1;
          const created = await tx.intent.create({
            data: {
              siteId,
              name: bundle.name,
              description: bundle.description,
              handoff: bundle.handoff,
              rephrase: bundle.rephrase,
              quickReplies: bundle.quickReplies,
            },
          });
          intentId = created.id;
        }
        await tx.trainingExample.createMany({
          data: examples.map((text) => ({ intentId, text, source: 'import' as const })),
        });
        await tx.intentResponse.createMany({
          data: responses.map((body, index) => ({
            intentId,
            body,
            position: knownResponses.size + index,
          })),
        });
      }
      summary.conflicts = await findExampleConflicts(siteId, tx, 50);
      await recordAuditEvent(
        {
          workspaceId: admin.workspaceId,
          actorId: admin.userId,
          action: 'intents.imported',
          target: `site:${siteId}`,
          details: {
            format,
            mode,
            intentsCreated: summary.intentsCreated,
            intentsUpdated: summary.intentsUpdated,
            examplesAdded: summary.examplesAdded,
          },
        },
        tx,
      );
      return summary;
    },
    { timeout: 60_000 },
  );
}
