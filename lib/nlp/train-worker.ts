// Worker-thread entry: trains off the bot's event loop and posts progress, then the artifact.
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { compareVersions, VersionComparison } from './compare-versions';
import type { TrainingMetrics } from './metrics';
import { TrainingExampleInput } from './model';
import { serialize } from './serialize';
import {
  evaluateOnFolds,
  train,
  TrainingSettings,
  type EmbedTexts,
  type HeldOutEvaluation,
  type ReportProgress,
} from './train';
import type { TrainingJobMessage } from './train-in-worker';

const TrainingJob = z.object({
  examples: z.array(TrainingExampleInput),
  settings: TrainingSettings,
  /** Embeddings are computed by the caller (the model lives there) and looked up by text. */
  embeddings: z
    .object({ texts: z.array(z.string()), vectors: z.array(z.instanceof(Float32Array)) })
    .optional(),
  /** The live version's examples: re-learned on the new version's folds to compare like for like. */
  compareWith: z
    .object({ against: VersionComparison.shape.against, examples: z.array(TrainingExampleInput) })
    .optional(),
});

/**
 * The live version read on the new version's held-out messages, compared. A failure here costs the
 * comparison, never the new version.
 */
async function compareWithLive(
  live: NonNullable<z.infer<typeof TrainingJob>['compareWith']>,
  job: {
    candidate: HeldOutEvaluation;
    metrics: TrainingMetrics;
    settings: z.output<typeof TrainingSettings> & { embed?: EmbedTexts };
    report: ReportProgress;
  },
): Promise<VersionComparison | null> {
  const prefix = `live version ${live.against.version}: `;
  try {
    const baseline = await evaluateOnFolds(
      live.examples,
      job.candidate.examples,
      { evaluation: job.metrics.evaluation, folds: job.metrics.folds },
      {
        ...job.settings,
        onProgress: (progress, message, phase) => job.report(progress, prefix + message, phase),
      },
    );
    return compareVersions(job.candidate.evaluated, baseline.evaluated, {
      against: live.against,
      outOfScopeIntent: job.settings.outOfScopeIntent,
      outOfScopeShare: job.metrics.outOfScopeShare,
    });
  } catch (error) {
    job.report(
      1,
      `${prefix}not compared (${error instanceof Error ? error.message : error})`,
      'done',
    );
    return null;
  }
}

/** Share of the progress bar for training when a comparison follows (it re-learns every fold). */
const TRAINING_SHARE_WHEN_COMPARING = 0.7;

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
  const report: ReportProgress = (progress, message, phase) =>
    post({ type: 'progress', progress: { progress, message, phase } });
  const { compareWith } = job;
  const trainingShare = compareWith ? TRAINING_SHARE_WHEN_COMPARING : 1;
  const { model, metrics, heldOut } = await train(job.examples, {
    ...job.settings,
    embed,
    onProgress: (progress, message, phase) => report(progress * trainingShare, message, phase),
  });
  const comparison = compareWith
    ? await compareWithLive(compareWith, {
        candidate: heldOut,
        metrics,
        settings: { ...job.settings, embed },
        report: (progress, message, phase) =>
          report(trainingShare + progress * (1 - trainingShare), message, phase),
      })
    : null;
  const artifact = serialize(model);
  post({ type: 'done', artifact, metrics, comparison }, [artifact.buffer]);
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
