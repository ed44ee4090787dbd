import type { ProgressInfo } from '@huggingface/transformers';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { isModelInstalled, modelFolder, type ModelSource } from './model-files';
import {
  ModelChoiceSchema,
  modelSettingKey,
  type ModelCapability,
  type ModelChoice,
  type ModelStatus,
} from './schemas';

type State = ModelStatus['state'];

interface CapabilityState {
  state: State;
  /** Why it is off: never started yet, weights missing, or switched off in the configuration. */
  offReason: 'not-started' | 'not-installed' | 'disabled' | null;
  source: ModelStatus['source'];
  progress: number | null;
  error: string | null;
  /** The last logged tenth of progress, so logs say 10%, 20%… instead of every chunk. */
  loggedTenth: number;
}

interface Registry {
  /** Admin choices read from Settings; the environment provides the defaults. */
  chosen: Partial<Record<ModelCapability, ModelChoice>>;
  states: Record<ModelCapability, CapabilityState>;
}

const initialState = (): CapabilityState => ({
  state: 'off',
  offReason: 'not-started',
  source: null,
  progress: null,
  error: null,
  loggedTenth: -1,
});

// Next.js route handlers run from their own bundle in this process: share one registry.
const globalForModels = globalThis as unknown as { hearthModels?: Registry };
const registry = (globalForModels.hearthModels ??= {
  chosen: {},
  states: { embedding: initialState(), generation: initialState() },
});

export function modelSource(): ModelSource {
  return { modelsDir: config().modelsDir, allowRemote: config().ALLOW_REMOTE_MODELS };
}

export function chosenModel(capability: ModelCapability): ModelChoice {
  const chosen = registry.chosen[capability];
  if (chosen) return chosen;
  const settings = config();
  return capability === 'embedding'
    ? {
        id: settings.EMBEDDING_MODEL,
        dtype: ModelChoiceSchema.shape.dtype.parse(settings.EMBEDDING_DTYPE),
      }
    : {
        id: settings.GENERATION_MODEL,
        dtype: ModelChoiceSchema.shape.dtype.parse(settings.GENERATION_DTYPE),
      };
}

/** Reads the admin's model choices; returns the capabilities whose model changed. */
export async function readModelSettings(): Promise<ModelCapability[]> {
  const changed: ModelCapability[] = [];
  for (const capability of ['embedding', 'generation'] as const) {
    const row = await db().setting.findUnique({ where: { key: modelSettingKey(capability) } });
    const parsed = row ? ModelChoiceSchema.safeParse(row.value) : null;
    const next = parsed?.success ? parsed.data : undefined;
    if (parsed && !parsed.success) {
      console.warn(`[models] Ignoring invalid setting ${modelSettingKey(capability)}`);
    }
    const before = chosenModel(capability);
    registry.chosen[capability] = next;
    const after = chosenModel(capability);
    if (before.id !== after.id || before.dtype !== after.dtype) changed.push(capability);
  }
  return changed;
}

export function setModelState(
  capability: ModelCapability,
  state: State,
  details: {
    offReason?: CapabilityState['offReason'];
    source?: CapabilityState['source'];
    error?: string;
  } = {},
): void {
  const entry = registry.states[capability];
  const model = chosenModel(capability);
  if (entry.state !== state) {
    const suffix = details.error
      ? `: ${details.error}`
      : details.source
        ? ` (${details.source})`
        : '';
    console.log(`[models] ${capability} ${model.id} (${model.dtype}): ${state}${suffix}`);
  }
  Object.assign(entry, {
    state,
    offReason: state === 'off' ? (details.offReason ?? 'not-installed') : null,
    source: details.source ?? (state === 'off' ? null : entry.source),
    error: details.error ?? null,
    progress: state === 'loading' ? entry.progress : null,
    loggedTenth: state === 'loading' ? entry.loggedTenth : -1,
  });
}

/** transformers.js progress while reading or downloading weights, for the admin page and the logs. */
export function reportLoadProgress(capability: ModelCapability, info: ProgressInfo): void {
  if (info.status !== 'progress_total') return;
  const entry = registry.states[capability];
  entry.progress = Math.min(1, Math.max(0, info.progress / 100));
  const tenth = Math.floor(entry.progress * 10);
  if (tenth > entry.loggedTenth) {
    entry.loggedTenth = tenth;
    const verb = entry.source === 'remote' ? 'Downloading' : 'Loading';
    console.log(
      `[models] ${verb} ${info.name}: ${tenth * 10}% (${fileSize(info.loaded)} of ${fileSize(info.total)})`,
    );
  }
}

export function modelState(capability: ModelCapability): State {
  return registry.states[capability].state;
}

const WHEN_OFF: Record<ModelCapability, string> = {
  embedding:
    'Knowledge-base search uses keywords only (BM25) and the intent classifier uses text features only.',
  generation:
    'Knowledge-base answers quote the best passage instead of writing a reply, and intent responses are not rephrased.',
};
const WHEN_READY: Record<ModelCapability, string> = {
  embedding: 'Knowledge-base search combines meaning (embeddings) with keywords.',
  generation: 'The bot writes knowledge-base answers in its own words, grounded in your articles.',
};

/** Each capability in plain words, with what to do when it is off. */
export function modelStatus(): ModelStatus[] {
  return (['embedding', 'generation'] as const).map((capability) => {
    const entry = registry.states[capability];
    const model = chosenModel(capability);
    const base = {
      capability,
      model,
      state: entry.state,
      source: entry.source,
      progress: entry.progress,
    };
    switch (entry.state) {
      case 'ready':
        return { ...base, detail: WHEN_READY[capability], howToEnable: null };
      case 'loading':
        return {
          ...base,
          detail: `Loading ${model.id}… Until it is ready: ${WHEN_OFF[capability]}`,
          howToEnable: null,
        };
      case 'failed':
        return {
          ...base,
          detail: `${model.id} failed to load (${entry.error}). ${WHEN_OFF[capability]}`,
          howToEnable: `Check the files in ${modelFolder(config().modelsDir, model)}, run \`npm run models:pull\` again, or choose another model in the admin page.`,
        };
      case 'off':
        return {
          ...base,
          detail: `Off. ${WHEN_OFF[capability]}`,
          howToEnable: howToEnable(capability, entry, model),
        };
    }
  });
}

function howToEnable(
  capability: ModelCapability,
  entry: CapabilityState,
  model: ModelChoice,
): string {
  const settings = config();
  if (entry.offReason === 'disabled') return 'Set GENERATION_WORKERS to 1 or more and restart.';
  if (entry.offReason === 'not-started' && isModelInstalled(settings.modelsDir, model)) {
    return `The model is installed and loads when first needed (or at server start).`;
  }
  const folder = modelFolder(settings.modelsDir, model);
  return (
    `Install ${model.id} (${model.dtype}): run \`npm run models:pull -- --${capability} ${model.id}:${model.dtype}\` ` +
    `(it needs internet access; for an offline server, run it elsewhere and copy ${folder} over), ` +
    `or set ALLOW_REMOTE_MODELS=true to download it at start.` +
    (capability === 'generation' ? ' Any small ONNX chat model with a chat template works.' : '')
  );
}

export function fileSize(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} kB`;
}
