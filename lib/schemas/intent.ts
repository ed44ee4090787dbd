import { z } from 'zod';
import { RowIdSchema } from '@/lib/schemas/storable';
import {
  EntityNameSchema,
  EntityTypeSchema,
  ExampleAnnotationsSchema,
  type EntityType,
} from './entity';

/** An intent's name as the classifier and the analytics see it: no spaces, so it survives every format. */
export const IntentNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the intent a name')
  .max(100, 'Use at most 100 characters')
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N}_.\-/]*$/u,
    'Use letters, digits, _ . - or / (no spaces), starting with a letter or digit',
  );

export const ExampleTextSchema = z
  .string()
  .trim()
  .min(1, 'An example cannot be empty')
  .max(500, 'An example has at most 500 characters');

export const ResponseBodySchema = z
  .string()
  .trim()
  .min(1, 'A response cannot be empty')
  .max(2000, 'A response has at most 2000 characters');

export const QuickReplySchema = z
  .string()
  .trim()
  .min(1, 'A quick reply cannot be empty')
  .max(60, 'A quick reply has at most 60 characters');

const id = RowIdSchema;

export const CreateIntentSchema = z.object({
  name: IntentNameSchema,
  description: z.string().trim().max(500).optional(),
});
export type CreateIntent = z.infer<typeof CreateIntentSchema>;

export const RenameIntentSchema = z.object({ name: IntentNameSchema });

export const MergeIntentsSchema = z.object({
  /** Intents folded into the target and then deleted. */
  sourceIds: z.array(id).min(1, 'Pick at least one intent to merge').max(100),
  targetId: id,
});
export type MergeIntents = z.infer<typeof MergeIntentsSchema>;

/** Bulk paste: one example per entry (the editor splits the pasted text into lines). */
export const AddExamplesSchema = z.object({
  examples: z
    .array(z.string())
    .max(5000, 'Paste at most 5000 examples at once')
    .transform((lines) => lines.map((line) => line.trim()).filter(Boolean))
    .pipe(z.array(ExampleTextSchema).min(1, 'Paste at least one example')),
});

export const RemoveExamplesSchema = z.object({ exampleIds: z.array(id).min(1).max(5000) });

/** One example rewritten (its entity marks, which point into the old text, are dropped). */
export const EditExampleSchema = z.object({ text: ExampleTextSchema });

export const MoveExamplesSchema = z.object({
  exampleIds: z.array(id).min(1).max(5000),
  targetIntentId: id,
});

export const SaveResponsesSchema = z.object({
  responses: z.array(ResponseBodySchema).max(20, 'At most 20 responses'),
});

/** How visitors see an intent on a button; empty = derived from its name ("business_info" → "Business info"). */
export const ButtonLabelSchema = z
  .string()
  .trim()
  .max(60, 'A button label has at most 60 characters')
  .transform((label) => label || null);

export const SaveQuickRepliesSchema = z.object({
  quickReplies: z.array(QuickReplySchema).max(8, 'At most 8 quick replies'),
  /** Left out = unchanged. */
  buttonLabel: ButtonLabelSchema.optional(),
});

export const SetIntentFlagsSchema = z
  .object({ handoff: z.boolean().optional(), rephrase: z.boolean().optional() })
  .refine((flags) => flags.handoff !== undefined || flags.rephrase !== undefined, 'Nothing to set');

/**
 * An entity the visitor must give before the intent is answered, and what the bot asks for it: a
 * built-in entity type or the name of one of the site's own entities.
 */
export const IntentSlotSchema = z.object({
  entity: EntityNameSchema,
  prompt: z
    .string()
    .trim()
    .min(1, 'Write what the bot asks for it')
    .max(500, 'A prompt has at most 500 characters'),
});
export type IntentSlot = z.infer<typeof IntentSlotSchema>;

export const IntentSlotsSchema = z
  .array(IntentSlotSchema)
  .max(10, 'Require at most 10 entities')
  .refine(
    (slots) => new Set(slots.map((slot) => slot.entity)).size === slots.length,
    'Require each kind of entity once',
  );

export const SaveIntentSlotsSchema = z.object({ slots: IntentSlotsSchema });

/** A labelled message a site checks its bot with and never trains on. */
export const TestPhraseSchema = z.object({ intent: IntentNameSchema, text: ExampleTextSchema });

/** One intent with everything that travels in an import or export file. */
export const IntentBundleSchema = z.object({
  name: IntentNameSchema,
  description: z.string().trim().max(500).nullable().default(null),
  examples: z.array(ExampleTextSchema).default([]),
  responses: z.array(ResponseBodySchema).default([]),
  quickReplies: z.array(QuickReplySchema).default([]),
  handoff: z.boolean().default(false),
  rephrase: z.boolean().default(false),
  /** Entity annotations by example text (examples are unique within an intent). */
  annotations: z.record(z.string(), ExampleAnnotationsSchema).default({}),
  /** Entities the bot asks for before answering (only Hearth's own format carries them). */
  slots: IntentSlotsSchema.default([]),
});
export type IntentBundle = z.infer<typeof IntentBundleSchema>;

export const IntentFileFormatSchema = z.enum(['hearth-json', 'csv', 'rasa-yaml', 'nlpjs']);
export type IntentFileFormat = z.infer<typeof IntentFileFormatSchema>;

export const INTENT_FILE_FORMATS: Record<
  IntentFileFormat,
  { label: string; extension: string; mimeType: string }
> = {
  'hearth-json': { label: 'Hearth JSON', extension: 'json', mimeType: 'application/json' },
  csv: { label: 'CSV (text,intent)', extension: 'csv', mimeType: 'text/csv' },
  'rasa-yaml': { label: 'Rasa NLU YAML', extension: 'yml', mimeType: 'application/yaml' },
  nlpjs: { label: 'nlp.js corpus JSON', extension: 'json', mimeType: 'application/json' },
};

export const ImportIntentsSchema = z.object({
  /** auto: guessed from the file name and content. */
  format: z.union([IntentFileFormatSchema, z.literal('auto')]).default('auto'),
  fileName: z.string().max(255).default(''),
  content: z.string().max(5_000_000, 'The file is larger than 5 MB'),
  /** merge: add to the intents there; replace: the file becomes the whole training data. */
  mode: z.enum(['merge', 'replace']).default('merge'),
  /** preview: read the file and report what would change and what cannot be imported; store nothing. */
  preview: z.boolean().default(false),
});
export type ImportIntents = z.infer<typeof ImportIntentsSchema>;

/** Where an import file is wrong, for the editor to point at. */
export const ImportProblemSchema = z.object({
  line: z.number().int().nullable(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

/** How entity types are named to admins and agents. */
export const ENTITY_LABELS: Record<EntityType, string> = {
  orderNumber: 'Order number',
  email: 'Email',
  phone: 'Phone number',
  money: 'Amount',
  date: 'Date',
};

export function isBuiltInEntity(name: string): name is EntityType {
  return EntityTypeSchema.safeParse(name).success;
}

/** How admins see an entity: a built-in type's label, or a custom entity's own name. */
export function entityLabel(name: string): string {
  return isBuiltInEntity(name) ? ENTITY_LABELS[name] : name;
}

/** Review-queue messages the admin adds as examples of an intent, from the intents page. */
export const AddSuggestedExamplesSchema = z.object({
  messageIds: z.array(RowIdSchema).min(1).max(200),
});
