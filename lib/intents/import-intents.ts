import { recordAuditEvent } from '@/lib/audit';
import { db, type Prisma } from '@/lib/db';
import {
  ImportIntentsSchema,
  type ImportProblem,
  type IntentFileFormat,
} from '@/lib/schemas/intent';
import { requireWorkspaceSite, type Admin } from '@/lib/sites/workspace-site';
import { exampleKey } from './example-key';
import { findExampleConflicts, type ExampleConflict } from './find-example-conflicts';
import {
  guessIntentFileFormat,
  IntentFileError,
  OUT_OF_SCOPE_INTENT,
  parseIntentFile,
  type ParsedIntentFile,
} from './formats';
import { mergeCustomEntities } from './save-custom-entities';
import { fileLanguageProblem, fileLanguageWarning } from './file-language';

export interface ImportSummary {
  format: IntentFileFormat;
  /** True when nothing was stored: what confirming would do. */
  preview: boolean;
  intentsCreated: number;
  intentsUpdated: number;
  examplesAdded: number;
  /** Examples the intents already had, or the file lists more than once. */
  duplicatesSkipped: number;
  /** Entity annotations on the examples added. */
  annotationsAdded: number;
  responsesAdded: number;
  entitiesCreated: number;
  entitiesUpdated: number;
  /** Examples of the out-of-scope class (Rasa out_of_scope, nlp.js None). */
  outOfScopeExamples: number;
  /** nlp.js tests stored as the site's test phrases: never trained on, each version measured on them. */
  testPhrasesAdded: number;
  /** Test phrases the site already had (or the file lists more than once). */
  testPhrasesSkipped: number;
  /** What the file holds that could not be imported, line by line. */
  notImported: ImportProblem[];
  /** Set when the examples read as another language than the site's. */
  languageWarning: string | null;
  /** The same example under two intents, after the import: worth fixing before training. */
  conflicts: ExampleConflict[];
}

/** Thrown inside the transaction of a preview so that it rolls back, carrying the summary out. */
class PreviewRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('preview');
  }
}

/**
 * Imports a training-data file. The whole file is read first: one wrong line refuses all of it
 * (IntentFileError, line-numbered) and the import runs in one transaction, so nothing half-applies.
 * A preview runs the same import and rolls it back, so its counts are exactly what confirming does.
 */
export async function importIntents(
  admin: Admin,
  siteId: string,
  input: unknown,
): Promise<ImportSummary> {
  const { content, mode, preview, ...file } = ImportIntentsSchema.parse(input);
  const site = await requireWorkspaceSite(admin, siteId);
  const format =
    file.format === 'auto' ? guessIntentFileFormat(file.fileName, content) : file.format;
  const parsed = parseIntentFile(format, content);
  const languageProblem = fileLanguageProblem(parsed, site.language);
  if (languageProblem) throw new IntentFileError([languageProblem]);

  try {
    return await db().$transaction(
      async (tx) => {
        await requireWorkspaceSite(admin, siteId, tx);
        const summary = await applyImport(tx, siteId, parsed, mode, format, preview);
        summary.languageWarning = fileLanguageWarning(parsed, site.language);
        if (preview) throw new PreviewRollback(summary);
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
              entitiesCreated: summary.entitiesCreated,
              notImported: summary.notImported.length,
            },
          },
          tx,
        );
        return summary;
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    if (error instanceof PreviewRollback) return error.summary;
    throw error;
  }
}

async function applyImport(
  tx: Prisma.TransactionClient,
  siteId: string,
  { bundles, carries, entities, validation, notImported, repeatedExamples }: ParsedIntentFile,
  mode: 'merge' | 'replace',
  format: IntentFileFormat,
  preview: boolean,
): Promise<ImportSummary> {
  if (mode === 'replace') {
    await tx.intent.deleteMany({ where: { siteId } });
    await tx.customEntity.deleteMany({ where: { siteId } });
    await tx.testPhrase.deleteMany({ where: { siteId } });
  }
  const existing = await tx.intent.findMany({
    where: { siteId, name: { in: bundles.map((bundle) => bundle.name) } },
    include: { examples: { select: { text: true } }, responses: { select: { body: true } } },
  });
  const byName = new Map(existing.map((intent) => [intent.name, intent]));
  const summary: ImportSummary = {
    format,
    preview,
    intentsCreated: 0,
    intentsUpdated: 0,
    examplesAdded: 0,
    duplicatesSkipped: repeatedExamples,
    annotationsAdded: 0,
    responsesAdded: 0,
    entitiesCreated: 0,
    entitiesUpdated: 0,
    outOfScopeExamples: 0,
    testPhrasesAdded: 0,
    testPhrasesSkipped: 0,
    notImported,
    languageWarning: null,
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
    if (bundle.name === OUT_OF_SCOPE_INTENT) summary.outOfScopeExamples += examples.length;
    const knownResponses = new Set(current?.responses.map((response) => response.body));
    const responses = carries.responses
      ? bundle.responses.filter((body) => !knownResponses.has(body))
      : [];
    summary.responsesAdded += responses.length;

    let intentId: string;
    if (current) {
      summary.intentsUpdated += 1;
      intentId = current.id;
      if (carries.flags) {
        await tx.intent.update({
          where: { id: current.id },
          data: {
            description: bundle.description ?? current.description,
            handoff: bundle.handoff,
            rephrase: bundle.rephrase,
            quickReplies: [...new Set([...current.quickReplies, ...bundle.quickReplies])],
            // A file without required entities leaves the intent's as they are.
            ...(bundle.slots.length ? { slots: bundle.slots } : {}),
          },
        });
      }
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
          slots: bundle.slots,
        },
      });
      intentId = created.id;
    }
    await tx.trainingExample.createMany({
      data: examples.map((text) => {
        const annotations = bundle.annotations[text] ?? [];
        summary.annotationsAdded += annotations.length;
        return { intentId, text, source: 'import' as const, annotations };
      }),
    });
    await tx.intentResponse.createMany({
      data: responses.map((body, index) => ({
        intentId,
        body,
        position: knownResponses.size + index,
      })),
    });
  }
  const entityCounts = await mergeCustomEntities(tx, siteId, entities);
  summary.entitiesCreated = entityCounts.created;
  summary.entitiesUpdated = entityCounts.updated;
  const { count: testPhrasesAdded } = await tx.testPhrase.createMany({
    data: validation.map(({ intent, text }) => ({ siteId, intent, text })),
    skipDuplicates: true,
  });
  summary.testPhrasesAdded = testPhrasesAdded;
  summary.testPhrasesSkipped = validation.length - testPhrasesAdded;
  summary.conflicts = await findExampleConflicts(siteId, tx, 50);
  return summary;
}
