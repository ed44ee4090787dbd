import { pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { isModelInstalled, modelKey, pointTransformersAt } from './model-files';
import { chosenModel, modelSource, reportLoadProgress, setModelState } from './registry';

const BATCH_SIZE = 16;

interface LoadedEmbedder {
  key: string;
  extract: FeatureExtractionPipeline;
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
    void previous?.then((old) => old?.extract.dispose());
    const installed = isModelInstalled(source.modelsDir, model);
    if (!installed && !source.allowRemote) {
      setModelState('embedding', 'off', { offReason: 'not-installed' });
      entry.missing = true;
      return null;
    }
    setModelState('embedding', 'loading', { source: installed ? 'local' : 'remote' });
    try {
      pointTransformersAt(source);
      const extract = await pipeline('feature-extraction', model.id, {
        dtype: model.dtype,
        local_files_only: installed,
        progress_callback: (info) => reportLoadProgress('embedding', info),
      });
      setModelState('embedding', 'ready', { source: installed ? 'local' : 'remote' });
      entry.loaded = { key, extract };
      return entry.loaded;
    } catch (error) {
      setModelState('embedding', 'failed', { error: (error as Error).message });
      return null;
    }
  })();
  globalForEmbedder.hearthEmbedder = entry;
  return entry.promise;
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
): Promise<{ model: string; vectors: Float32Array[] } | null> {
  const embedder = await loadEmbedder();
  if (!embedder) return null;
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += BATCH_SIZE) {
    const batch = texts.slice(start, start + BATCH_SIZE);
    const output = await embedder.extract(batch, { pooling: 'mean', normalize: true });
    const [rows, width] = output.dims;
    const data = output.data as Float32Array;
    for (let row = 0; row < rows; row++) vectors.push(data.slice(row * width, (row + 1) * width));
    output.dispose();
  }
  return { model: embedder.key, vectors };
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
