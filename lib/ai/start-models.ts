import { loadEmbedder } from './embedder';
import { closeGenerationPool, generationPool } from './generation/shared-pool';
import { readModelSettings } from './registry';

/** At server start: read the admin's model choices and start loading in the background. */
export async function startModels(): Promise<void> {
  await readModelSettings();
  void loadEmbedder();
  generationPool();
}

export async function stopModels(): Promise<void> {
  await closeGenerationPool();
}
