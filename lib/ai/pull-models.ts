import { pipeline, type ProgressInfo } from '@huggingface/transformers';
import { config } from '@/lib/config';
import { isModelInstalled, modelFolder, pointTransformersAt } from './model-files';
import { chosenModel, fileSize } from './registry';
import { SENTENCE_ENCODER_ID, type ModelCapability, type ModelChoice } from './schemas';

const TASK: Record<ModelCapability, 'feature-extraction' | 'text-generation'> = {
  embedding: 'feature-extraction',
  generation: 'text-generation',
};

export interface PullResult {
  capability: ModelCapability;
  model: ModelChoice;
  folder: string;
  outcome: 'already-installed' | 'downloaded' | 'failed';
  error?: string;
}

/**
 * Downloads models from the Hugging Face hub into the models folder (whatever ALLOW_REMOTE_MODELS
 * says: pulling is the explicit act), then loads each once to check it works. By default the
 * configured models; `models` names others (e.g. one an admin picked).
 */
export async function pullModels(
  models: Partial<Record<ModelCapability, ModelChoice>> = {
    embedding: chosenModel('embedding'),
    generation: chosenModel('generation'),
  },
  log: (line: string) => void = console.log,
): Promise<PullResult[]> {
  const { modelsDir } = config();
  const results: PullResult[] = [];
  for (const [capability, model] of Object.entries(models) as [ModelCapability, ModelChoice][]) {
    const folder = modelFolder(modelsDir, model);
    if (isModelInstalled(modelsDir, model)) {
      log(
        model.id === SENTENCE_ENCODER_ID
          ? `${capability}: ${model.id} is built in (installed with the npm packages)`
          : `${capability}: ${model.id} (${model.dtype}) is already in ${folder}`,
      );
      results.push({ capability, model, folder, outcome: 'already-installed' });
      continue;
    }
    log(`${capability}: downloading ${model.id} (${model.dtype}) into ${folder}`);
    pointTransformersAt({ modelsDir, allowRemote: true });
    let loggedTenth = -1;
    const progress = (info: ProgressInfo) => {
      if (info.status !== 'progress_total') return;
      const tenth = Math.floor(info.progress / 10);
      if (tenth <= loggedTenth) return;
      loggedTenth = tenth;
      log(`  ${tenth * 10}% (${fileSize(info.loaded)} of ${fileSize(info.total)})`);
    };
    try {
      const loaded = await pipeline(TASK[capability], model.id, {
        dtype: model.dtype,
        progress_callback: progress,
      });
      await loaded.dispose();
      if (!isModelInstalled(modelsDir, model))
        throw new Error(`the files did not land in ${folder}`);
      results.push({ capability, model, folder, outcome: 'downloaded' });
    } catch (error) {
      results.push({
        capability,
        model,
        folder,
        outcome: 'failed',
        error: (error as Error).message,
      });
    }
  }
  return results;
}
