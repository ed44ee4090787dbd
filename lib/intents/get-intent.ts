import { db } from '@/lib/db';
import { ExampleAnnotationsSchema, type ExampleAnnotation } from '@/lib/schemas/entity';
import { IntentSlotsSchema, type IntentSlot } from '@/lib/schemas/intent';
import type { IntentActionView } from '@/lib/schemas/webhook';
import { exampleKey } from './example-key';
import { findExampleConflicts } from './find-example-conflicts';

export interface IntentDetail {
  id: string;
  name: string;
  description: string | null;
  /** How visitors see the intent on a button; null = derived from the name. */
  buttonLabel: string | null;
  handoff: boolean;
  rephrase: boolean;
  quickReplies: string[];
  responses: string[];
  /** Entities the bot asks for before answering. */
  slots: IntentSlot[];
  /** The site's system answers instead of the responses (admins see its secret). */
  action: IntentActionView | null;
  examples: {
    id: string;
    text: string;
    source: 'manual' | 'import' | 'conversation';
    /** Entities marked in the text. */
    annotations: ExampleAnnotation[];
    /** Other intents that have the same example. */
    conflictsWith: string[];
  }[];
}

/** One intent of a site for the editor, with each example's conflicts. */
export async function getIntent(siteId: string, intentId: string): Promise<IntentDetail | null> {
  const intent = await db().intent.findFirst({
    where: { id: intentId, siteId },
    include: {
      examples: { orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] },
      responses: { orderBy: { position: 'asc' } },
      action: { select: { url: true, secret: true, allowPrivateAddresses: true } },
    },
  });
  if (!intent) return null;
  const conflicts = new Map(
    (await findExampleConflicts(siteId)).map((conflict) => [conflict.key, conflict.intents]),
  );
  return {
    id: intent.id,
    name: intent.name,
    description: intent.description,
    buttonLabel: intent.buttonLabel,
    handoff: intent.handoff,
    rephrase: intent.rephrase,
    quickReplies: intent.quickReplies,
    responses: intent.responses.map((response) => response.body),
    slots: IntentSlotsSchema.catch([]).parse(intent.slots),
    action: intent.action,
    examples: intent.examples.map((example) => ({
      id: example.id,
      text: example.text,
      source: example.source,
      annotations: ExampleAnnotationsSchema.catch([]).parse(example.annotations),
      conflictsWith: (conflicts.get(exampleKey(example.text)) ?? []).filter(
        (name) => name !== intent.name,
      ),
    })),
  };
}
