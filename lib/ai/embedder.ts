import { pipeline } from '@huggingface/transformers';
import { isModelInstalled, modelKey, pointTransformersAt, type ModelSource } from './model-files';
import { chosenModel, modelSource, reportLoadProgress, setModelState } from './registry';
import { SENTENCE_ENCODER_ID, type ModelChoice } from './schemas';
import { sentenceEncoderInWorker } from './sentence-encoder-in-worker';
import { sharedEncoder, type EncodeOptions, type Encoder } from './shared-encoder';

interface LoadedEmbedder extends Encoder {
  key: string;
}

/**
 * The built-in encoder (on a worker thread), or a transformers.js feature-extraction model
 * (mean-pooled).
 */
async function loadEncoder(model: ModelChoice, source: ModelSource, installed: boolean) {
  if (model.id === SENTENCE_ENCODER_ID) return sentenceEncoderInWorker();
  pointTransformersAt(source);
  const extract = await pipeline('feature-extraction', model.id, {
    dtype: model.dtype,
    local_files_only: installed,
    progress_callback: (info) => reportLoadProgress('embedding', info),
  });
  return {
    async encode(texts: string[]) {
      const output = await extract(texts, { pooling: 'mean', normalize: true });
      const [rows, width] = output.dims;
      const data = output.data as Float32Array;
      const vectors = Array.from({ length: rows }, (_, row) =>
        data.slice(row * width, (row + 1) * width),
      );
      output.dispose();
      return vectors;
    },
    dispose: () => void extract.dispose(),
  } satisfies Encoder;
}

interface Loading {
  key: string;
  promise: Promise<LoadedEmbedder | null>;
  /** Resolved to null because the weights were missing. */
  missing: boolean;
  loaded: LoadedEmbedder | null;
}

// One embedder per process, also when a Next.js route bundle loads its own copy of this module.
const globalForEmbedder = globalThis as unknown as { hearthEmbedder?: Loading };

/** Loads the chosen sentence-embedding model once; null when it is not installed (and may not be downloaded). */
export function loadEmbedder(): Promise<LoadedEmbedder | null> {
  const model = chosenModel('embedding');
  const key = modelKey(model);
  const source = modelSource();
  // A model copied into the folder after start is picked up without a restart.
  const loading = globalForEmbedder.hearthEmbedder;
  const installedSince = loading?.missing && isModelInstalled(source.modelsDir, model);
  if (loading?.key === key && !installedSince) return loading.promise;
  const previous = loading?.promise;
  const entry: Loading = { key, promise: Promise.resolve(null), missing: false, loaded: null };
  entry.promise = (async () => {
    void previous?.then((old) => old?.dispose());
    const installed = isModelInstalled(source.modelsDir, model);
    if (!installed && !source.allowRemote) {
      setModelState('embedding', 'off', { offReason: 'not-installed' });
      entry.missing = true;
      return null;
    }
    setModelState('embedding', 'loading', { source: installed ? 'local' : 'remote' });
    try {
      const encoder = sharedEncoder(await loadEncoder(model, source, installed));
      setModelState('embedding', 'ready', { source: installed ? 'local' : 'remote' });
      entry.loaded = { key, encode: encoder.encode, dispose: encoder.dispose };
      return entry.loaded;
    } catch (error) {
      setModelState('embedding', 'failed', { error: (error as Error).message });
      return null;
    }
  })();
  globalForEmbedder.hearthEmbedder = entry;
  return entry.promise;
}

/** Unloads the embedding model (its worker stops); the next `embed` loads it again. */
export async function closeEmbedder(): Promise<void> {
  const loading = globalForEmbedder.hearthEmbedder;
  globalForEmbedder.hearthEmbedder = undefined;
  (await loading?.promise)?.dispose();
}

/**
 * Sentence embeddings (mean-pooled, unit length), one per text; null when no embedding model is
 * available, so callers fall back to their sparse features.
 */
export async function embed(texts: string[]): Promise<Float32Array[] | null> {
  return (await embedTexts(texts))?.vectors ?? null;
}

/** Like `embed`, also naming the model that made the vectors (stored next to them). */
export async function embedTexts(
  texts: string[],
  options?: EncodeOptions,
): Promise<{ model: string; vectors: Float32Array[] } | null> {
  const embedder = await loadEmbedder();
  if (!embedder) return null;
  return { model: embedder.key, vectors: await embedder.encode(texts, options) };
}

/**
 * Whether vectors from this model mean anything for text in `language`: the built-in one reads
 * English, and Chinese through its words' English glosses (sentence-encoder.ts).
 */
export function embeddingModelReads(modelKey: string, language: string): boolean {
  return !modelKey.startsWith(`${SENTENCE_ENCODER_ID}@`) || language === 'en' || language === 'zh';
}

/**
 * Vectors from the embedding model for texts in `language`, with the model's name; undefined when no
 * model reads that language. Fails if the model changes while they are being used (training).
 */
export async function embeddingsFor(
  language: string,
): Promise<{ model: string; embed: (texts: string[]) => Promise<Float32Array[]> } | undefined> {
  const probe = await embedTexts(['hello']);
  if (!probe || !embeddingModelReads(probe.model, language)) return undefined;
  return {
    model: probe.model,
    embed: async (texts) => {
      const embedded = await embedTexts(texts);
      if (embedded?.model !== probe.model) throw new Error('The embedding model changed meanwhile');
      return embedded.vectors;
    },
  };
}

/** Names the weights behind `embed` once loaded (waits for the load); null when off. */
export async function embeddingModelKey(): Promise<string | null> {
  return (await loadEmbedder())?.key ?? null;
}

/**
 * The same without waiting: null while the model is still loading or downloading, so a visitor's
 * question is never held up by it. Starts the load when it has not started.
 */
export function readyEmbeddingModelKey(): string | null {
  void loadEmbedder();
  return globalForEmbedder.hearthEmbedder?.loaded?.key ?? null;
}
