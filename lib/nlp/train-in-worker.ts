import { z } from 'zod';
import { VersionComparison } from './compare-versions';
import { withKnownExamples } from './known-examples';
import { TrainingMetrics } from './metrics';
import type { IntentClassifier, TrainingExampleInput } from './model';
import { outOfDomainExamples } from './out-of-domain';
import { deserialize } from './serialize';
import {
  TrainingProgress,
  type EmbedTexts,
  type ReportProgress,
  type TrainingSettings,
} from './train';
import { startTypeScriptWorker } from '@/lib/workers';

export const TrainingJobMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: TrainingProgress }),
  z.object({
    type: z.literal('done'),
    artifact: z.instanceof(Uint8Array),
    metrics: TrainingMetrics,
    comparison: VersionComparison.nullable(),
  }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type TrainingJobMessage = z.infer<typeof TrainingJobMessage>;

export interface WorkerTrainingOptions {
  onProgress?: ReportProgress;
  /** Aborting terminates the worker at once. */
  signal?: AbortSignal;
  /** Runs here, before the worker starts: the embedding model stays loaded in this thread. */
  embed?: EmbedTexts;
  /** The live version's examples, to compare with on the new version's held-out examples. */
  compareWith?: { against: VersionComparison['against']; examples: TrainingExampleInput[] };
}

export interface WorkerTrainingResult {
  model: IntentClassifier;
  metrics: TrainingMetrics;
  artifact: Uint8Array;
  /** null when there was nothing to compare with. */
  comparison: VersionComparison | null;
}

/**
 * Trains in a worker thread so the live bot keeps answering; resolves with the model and the
 * artifact to store. The worker runs TypeScript through tsx's loader in dev, tests and production.
 */
export async function trainInWorker(
  examples: readonly TrainingExampleInput[],
  settings: TrainingSettings,
  { onProgress, signal, embed, compareWith }: WorkerTrainingOptions = {},
): Promise<WorkerTrainingResult> {
  signal?.throwIfAborted();
  let embeddings: { texts: string[]; vectors: Float32Array[] } | undefined;
  if (embed) {
    const texts = [
      ...new Set([
        ...[...examples, ...(settings.validation ?? []), ...(compareWith?.examples ?? [])].map(
          (example) => example.text,
        ),
        ...(settings.unlabeledTexts ?? []),
        // Lines the worker may add when the site wrote no out-of-scope examples.
        ...(settings.builtInOutOfScope === false
          ? []
          : outOfDomainExamples(settings.language ?? 'en')),
      ]),
    ];
    embeddings = { texts, vectors: await embed(texts) };
    signal?.throwIfAborted();
  }
  const worker = startTypeScriptWorker('lib/nlp/train-worker.ts', {
    examples,
    settings,
    embeddings,
    compareWith,
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      outcome();
    };
    const abort = () => {
      finish(() => reject(signal?.reason ?? new Error('training cancelled')));
      void worker.terminate();
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (raw: unknown) => {
      if (settled) return;
      const message = TrainingJobMessage.parse(raw);
      if (message.type === 'progress') {
        const { progress, message: line, phase } = message.progress;
        onProgress?.(progress, line, phase);
      } else if (message.type === 'error') finish(() => reject(new Error(message.message)));
      else {
        const { artifact, metrics, comparison } = message;
        finish(() =>
          resolve({
            model: withKnownExamples(deserialize(artifact), examples),
            metrics,
            artifact,
            comparison,
          }),
        );
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`training worker exited with code ${code}`))),
    );
  });
}
