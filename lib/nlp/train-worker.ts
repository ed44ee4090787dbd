// Worker-thread entry: trains off the bot's event loop and posts progress, then the artifact.
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { TrainingExampleInput } from './model';
import { serialize } from './serialize';
import { train, TrainingSettings } from './train';
import type { TrainingJobMessage } from './train-in-worker';

const TrainingJob = z.object({
  examples: z.array(TrainingExampleInput),
  settings: TrainingSettings,
  /** Embeddings are computed by the caller (the model lives there) and looked up by text. */
  embeddings: z
    .object({ texts: z.array(z.string()), vectors: z.array(z.instanceof(Float32Array)) })
    .optional(),
});

const post = (message: TrainingJobMessage, transfer: ArrayBuffer[] = []) =>
  parentPort?.postMessage(message, transfer);

try {
  const job = TrainingJob.parse(workerData);
  const lookup = job.embeddings
    ? new Map(job.embeddings.texts.map((text, i) => [text, job.embeddings?.vectors[i]]))
    : undefined;
  const embed = lookup
    ? async (texts: string[]) =>
        texts.map((text) => {
          const vector = lookup.get(text);
          if (!vector) throw new Error(`no embedding for "${text}"`);
          return vector;
        })
    : undefined;
  const { model, metrics } = await train(job.examples, {
    ...job.settings,
    embed,
    onProgress: (progress, message, phase) =>
      post({ type: 'progress', progress: { progress, message, phase } }),
  });
  const artifact = serialize(model);
  post({ type: 'done', artifact, metrics }, [artifact.buffer]);
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
