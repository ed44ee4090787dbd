import { serialize, train, type TrainingExampleInput, type TrainingSettings } from '@/lib/nlp';
import { activateModelVersion } from '@/lib/training';
import { db } from './db';

/** Trains the examples (seed 7, as the demo) and makes the model the site's live version 1. */
export async function activateTrainedModel(
  siteId: string,
  examples: TrainingExampleInput[],
  settings: Pick<TrainingSettings, 'language'> = { language: 'en' },
): Promise<void> {
  const { model, metrics } = await train(examples, { ...settings, seed: 7 });
  const version = await db().modelVersion.create({
    data: {
      siteId,
      version: 1,
      artifact: serialize(model),
      metrics: JSON.parse(JSON.stringify(metrics)),
      exampleCount: examples.length,
      intentCount: new Set(examples.map((example) => example.intent)).size,
    },
  });
  await activateModelVersion({ siteId, versionId: version.id });
}
