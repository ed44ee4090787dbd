import { config } from '@/lib/config';
import { isModelInstalled, modelKey } from '../model-files';
import { chosenModel, modelSource, reportLoadProgress, setModelState } from '../registry';
import { GenerationPool, type GenerationRequest, type GenerationResult } from './pool';

/** Defaults for the bot; each request may ask for less. */
export const GENERATION_LIMITS = {
  /** Waiting requests per worker before new ones are turned away. */
  queuePerWorker: 4,
  timeoutMs: 30_000,
  maxTokens: 256,
} as const;

interface SharedPool {
  key: string;
  pool: GenerationPool | null;
}

// One pool per process, also when a Next.js route bundle loads its own copy of this module.
const globalForGeneration = globalThis as unknown as { hearthGeneration?: SharedPool };

/** The process's generation pool for the chosen model; null when generation is off. */
export function generationPool(): GenerationPool | null {
  const model = chosenModel('generation');
  const key = modelKey(model);
  const source = modelSource();
  const workers = config().GENERATION_WORKERS;
  const shared = globalForGeneration.hearthGeneration;
  // A model copied into the folder after start is picked up without a restart.
  const installedSince =
    shared?.pool === null && workers > 0 && isModelInstalled(source.modelsDir, model);
  if (shared?.key === key && !installedSince) return shared.pool;

  void shared?.pool?.close();
  if (workers === 0) {
    setModelState('generation', 'off', { offReason: 'disabled' });
    globalForGeneration.hearthGeneration = { key, pool: null };
    return null;
  }
  const installed = isModelInstalled(source.modelsDir, model);
  if (!installed && !source.allowRemote) {
    setModelState('generation', 'off', { offReason: 'not-installed' });
    globalForGeneration.hearthGeneration = { key, pool: null };
    return null;
  }
  const from = installed ? 'local' : 'remote';
  setModelState('generation', 'loading', { source: from });
  const pool = new GenerationPool({
    model,
    source,
    installed,
    workers,
    queueLimit: workers * GENERATION_LIMITS.queuePerWorker,
    timeoutMs: GENERATION_LIMITS.timeoutMs,
    maxTokens: GENERATION_LIMITS.maxTokens,
    onProgress: (info) => reportLoadProgress('generation', info),
    onState: (state, { error }) => {
      if (globalForGeneration.hearthGeneration?.pool !== pool) return;
      if (state === 'ready') setModelState('generation', 'ready', { source: from });
      if (state === 'failed') setModelState('generation', 'failed', { error });
    },
  });
  globalForGeneration.hearthGeneration = { key, pool };
  return pool;
}

/**
 * Generates a reply on a worker thread, streaming text to `onToken`. Never throws for the expected
 * cases: the outcome says whether to use the text or fall back (busy, timeout, unavailable…).
 */
export async function generate(request: GenerationRequest): Promise<GenerationResult> {
  const pool = generationPool();
  if (pool) return pool.generate(request);
  return {
    outcome: 'unavailable',
    text: '',
    tokens: 0,
    model: null,
    queuedMs: 0,
    firstTokenMs: null,
    durationMs: 0,
  };
}

export async function closeGenerationPool(): Promise<void> {
  const shared = globalForGeneration.hearthGeneration;
  globalForGeneration.hearthGeneration = undefined;
  await shared?.pool?.close();
}
