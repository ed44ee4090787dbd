import { loadEmbedder } from './embedder';
import { closeGenerationPool, generationPool } from './generation/shared-pool';
import { readModelSettings } from './registry';

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
  await closeGenerationPool();
}
