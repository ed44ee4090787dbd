import { db } from '@/lib/db';
import {
  INTENT_FILE_FORMATS,
  IntentFileFormatSchema,
  IntentSlotsSchema,
  type IntentBundle,
} from '@/lib/schemas/intent';
import { requireWorkspaceSite, type Admin } from '@/lib/sites/workspace-site';
import { serializeIntentFile } from './formats';
import { siteCustomEntities } from './site-custom-entities';
import { ExampleAnnotationsSchema } from '@/lib/schemas/entity';

/** The site's training data as a file in the chosen format. */
export async function exportIntents(
  admin: Admin,
  siteId: string,
  formatInput: unknown,
): Promise<{ fileName: string; mimeType: string; content: string }> {
  const format = IntentFileFormatSchema.parse(formatInput);
  const site = await requireWorkspaceSite(admin, siteId);
  const intents = await db().intent.findMany({
    where: { siteId },
    orderBy: { name: 'asc' },
    include: {
      examples: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { text: true, annotations: true },
      },
      responses: { orderBy: { position: 'asc' }, select: { body: true } },
    },
  });
  const bundles: IntentBundle[] = intents.map((intent) => ({
    name: intent.name,
    description: intent.description,
    examples: intent.examples.map((example) => example.text),
    responses: intent.responses.map((response) => response.body),
    quickReplies: intent.quickReplies,
    handoff: intent.handoff,
    rephrase: intent.rephrase,
    slots: IntentSlotsSchema.catch([]).parse(intent.slots),
    annotations: Object.fromEntries(
      intent.examples.flatMap((example) => {
        const annotations = ExampleAnnotationsSchema.catch([]).parse(example.annotations);
        return annotations.length ? [[example.text, annotations]] : [];
      }),
    ),
  }));
  const entities = await siteCustomEntities(siteId);
  const testPhrases = await db().testPhrase.findMany({
    where: { siteId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { intent: true, text: true },
  });
  const { extension, mimeType } = INTENT_FILE_FORMATS[format];
  const slug =
    site.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'site';
  return {
    fileName: `${slug}-intents.${format === 'nlpjs' ? 'corpus.json' : extension}`,
    mimeType,
    content: serializeIntentFile(format, { bundles, entities, testPhrases }, site.language),
  };
}
