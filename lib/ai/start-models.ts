import { closeEmbedder, loadEmbedder } from './embedder';
import { closeGenerationPool, generationPool } from './generation/shared-pool';
import { modelStatus, readModelSettings } from './registry';

/** At server start: read the admin's model choices and start loading in the background. */
export async function startModels(): Promise<void> {
  await readModelSettings();
  void loadEmbedder();
  generationPool();
}

/** Resolves once every model has loaded, or turned out to be off (scripts and tests). */
export async function modelsSettled(): Promise<void> {
  await loadEmbedder();
  await generationPool()?.ready();
}

export async function stopModels(): Promise<void> {
  await Promise.all([closeGenerationPool(), closeEmbedder()]);
}

/** One line per model for the server's console: what is on, and how to turn on what is off. */
export async function describeModels(): Promise<string[]> {
  await modelsSettled();
  return modelStatus().map((status) => {
    const name = status.capability === 'embedding' ? 'Embedding model' : 'Generation model';
    return status.state === 'ready'
      ? `${name}: ${status.model.id} (${status.model.dtype}) ready`
      : `${name}: ${status.detail}${status.howToEnable ? ` To turn it on: ${status.howToEnable}` : ''}`;
  });
}
