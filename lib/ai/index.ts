// Every transformers.js model the product uses: loading, status, embeddings and generation.
export {
  embed,
  embeddingModelKey,
  embeddingModelReads,
  embeddingsFor,
  embedTexts,
  readyEmbeddingModelKey,
} from './embedder';
export {
  EncoderBusyError,
  MESSAGE_ENCODING_MAX_WAIT_MS,
  TURN_ENCODING_MAX_WAIT_MS,
  type EncodeOptions,
} from './shared-encoder';
export { generate, GENERATION_LIMITS } from './generation/shared-pool';
export { GenerationPool } from './generation/pool';
export type {
  GenerationOutcome,
  GenerationPoolOptions,
  GenerationRequest,
  GenerationResult,
} from './generation/pool';
export type { ChatMessage } from './generation/protocol';
export { chooseModel, ChooseModelInputSchema, type ChooseModelInput } from './choose-model';
export { modelStatus } from './registry';
export { describeModels, modelsSettled, startModels, stopModels } from './start-models';
export { pullModels, type PullResult } from './pull-models';
export { isModelInstalled, modelKey } from './model-files';
export * from './schemas';
