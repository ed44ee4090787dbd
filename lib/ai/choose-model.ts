import { z } from 'zod';
import { db } from '@/lib/db';
import { loadEmbedder } from './embedder';
import { generationPool } from './generation/shared-pool';
import { modelStatus, readModelSettings } from './registry';
import {
  ModelCapabilitySchema,
  ModelChoiceSchema,
  modelSettingKey,
  type ModelStatus,
} from './schemas';

export const ChooseModelInputSchema = z.object({
  capability: ModelCapabilitySchema,
  model: ModelChoiceSchema,
});
export type ChooseModelInput = z.infer<typeof ChooseModelInputSchema>;

/**
 * An admin picks the model for a capability; it loads right away on this server (from the models
 * folder, or downloaded when allowed). Other server nodes pick it up when they restart.
 */
export async function chooseModel(input: ChooseModelInput): Promise<ModelStatus[]> {
  const { capability, model } = ChooseModelInputSchema.parse(input);
  const key = modelSettingKey(capability);
  await db().setting.upsert({
    where: { key },
    create: { key, value: model },
    update: { value: model },
  });
  await readModelSettings();
  if (capability === 'embedding') void loadEmbedder();
  else generationPool();
  return modelStatus();
}
