// npm run models:pull [-- --embedding ID[:DTYPE]] [--generation ID[:DTYPE]]
// Downloads the configured models (EMBEDDING_MODEL, GENERATION_MODEL…) or the ones named into
// MODELS_DIR, so a server can run offline with ALLOW_REMOTE_MODELS=false.
import { parseArgs } from 'node:util';
import { ModelChoiceSchema, pullModels, type ModelCapability, type ModelChoice } from '@/lib/ai';

const { values } = parseArgs({
  options: { embedding: { type: 'string' }, generation: { type: 'string' } },
});

function named(value: string): ModelChoice {
  const [id, dtype = 'q8'] = value.split(':');
  return ModelChoiceSchema.parse({ id, dtype });
}

const asked = Object.fromEntries(
  (['embedding', 'generation'] as const)
    .filter((capability) => values[capability])
    .map((capability) => [capability, named(values[capability]!)]),
) as Partial<Record<ModelCapability, ModelChoice>>;

const results = await pullModels(Object.keys(asked).length ? asked : undefined);
let failed = false;
for (const result of results) {
  if (result.outcome !== 'failed') continue;
  failed = true;
  console.error(
    `${result.capability}: could not fetch ${result.model.id} (${result.model.dtype}): ${result.error}\n` +
      '  Check that this machine reaches huggingface.co and that the model has ONNX weights of that dtype.',
  );
}
if (!failed) console.log('Done. The server loads these models from the models folder, offline.');
process.exit(failed ? 1 : 0);
