import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { SENTENCE_ENCODER_ID, type ModelChoice, type ModelDtype } from './schemas';

const DTYPE_FILE_SUFFIX: Record<ModelDtype, string> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

export interface ModelSource {
  modelsDir: string;
  allowRemote: boolean;
  /** A Hugging Face hub mirror (default: huggingface.co). */
  remoteHost?: string;
}

/** Where transformers.js looks for (and, when allowed, downloads) a model. */
export function modelFolder(modelsDir: string, model: ModelChoice): string {
  return path.join(modelsDir, ...model.id.split('/'));
}

/** True when the folder holds what a pipeline needs: config, tokenizer and the chosen weights. */
export function isModelInstalled(modelsDir: string, model: ModelChoice): boolean {
  // Installed with the project's packages.
  if (model.id === SENTENCE_ENCODER_ID) return true;
  const folder = modelFolder(modelsDir, model);
  if (!existsSync(path.join(folder, 'config.json'))) return false;
  if (!existsSync(path.join(folder, 'tokenizer.json'))) return false;
  const onnxFolder = path.join(folder, 'onnx');
  if (!existsSync(onnxFolder)) return false;
  const weights = new RegExp(
    `^(model|decoder_model_merged)${DTYPE_FILE_SUFFIX[model.dtype]}\\.onnx$`,
  );
  return readdirSync(onnxFolder).some((name) => weights.test(name));
}

/**
 * Points transformers.js at the models folder, for reading and for downloads alike, so a model
 * fetched once is found locally from then on. Called in every thread that loads a model.
 */
export function pointTransformersAt({ modelsDir, allowRemote, remoteHost }: ModelSource): void {
  if (remoteHost) env.remoteHost = remoteHost;
  env.allowLocalModels = true;
  env.localModelPath = `${modelsDir}${path.sep}`;
  env.allowRemoteModels = allowRemote;
  env.useFSCache = true;
  env.cacheDir = modelsDir;
}

/** A stable name for the exact weights, stored next to embeddings so a model change re-embeds. */
export function modelKey(model: ModelChoice): string {
  return `${model.id}@${model.dtype}`;
}
