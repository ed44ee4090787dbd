import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { SparseRows, SparseVector } from './features';
import { seededRandom, shuffleInPlace } from './random';
import { startTypeScriptWorker } from '@/lib/workers';

/** One weight vector per intent, stored feature-major so scoring a sparse message reads contiguous memory. */
export interface LinearScorer {
  classes: number;
  columns: number;
  /** weights[column * classes + class] */
  weights: Float32Array;
  bias: Float32Array;
}

export const SvmSettings = z.object({
  /** Inverse regularization strength. */
  C: z.number().positive(),
  /** Stop when the projected-gradient spread falls below this (LIBLINEAR uses 0.1; 1 scores the same here, faster). */
  tolerance: z.number().positive(),
  maxEpochs: z.number().int().positive(),
  seed: z.number().int(),
});
export type SvmSettings = z.infer<typeof SvmSettings>;

export const DEFAULT_SVM_SETTINGS = { C: 0.5, tolerance: 1, maxEpochs: 200 };

export interface SvmOptions extends SvmSettings {
  /** Threads to spread the intents over (1 = this thread only). */
  threads?: number;
  onClassTrained?: (trainedClasses: number) => void;
  signal?: AbortSignal;
  /** Dual variables of a previous fit on the same examples, class-major: a warm start. */
  initialDuals?: Float64Array;
  /** How much each example counts (its C is C × weight); 1 for all when absent. */
  exampleWeights?: Float32Array;
}

export interface TrainedSvm {
  scorer: LinearScorer;
  /** duals[class * examples + example]; nonzero for the support vectors. */
  duals: Float64Array;
}

/** One intent against the rest: its weights, bias and dual variables. */
export interface TrainedClass {
  weights: Float32Array;
  bias: number;
  duals: Float64Array;
}

/**
 * L2-loss linear SVM for one intent against the rest, solved in the dual by coordinate descent
 * with shrinking (Hsieh et al. 2008, as in LIBLINEAR): fast on sparse text because most examples
 * leave the active set after the first pass.
 */
export function trainClass(
  rows: SparseRows,
  labels: Int32Array,
  c: number,
  settings: SvmSettings,
  initialDuals?: Float64Array,
  exampleWeights?: Float32Array,
): TrainedClass {
  const n = labels.length;
  const { rowStarts, indices, values, columns } = rows;
  // The L2 loss of example i enters the dual as alpha_i² / (4 C_i): a smaller C_i, a softer example.
  const diagonals = Float64Array.from(
    { length: n },
    (_, i) => 1 / (2 * settings.C * (exampleWeights?.[i] ?? 1)),
  );
  const random = seededRandom(settings.seed * 1000003 + c);
  const w = new Float64Array(columns);
  const alpha = initialDuals ? Float64Array.from(initialDuals) : new Float64Array(n);
  const squaredNorms = new Float64Array(n);
  let b = 0;
  for (let i = 0; i < n; i++) {
    let sum = 1; // the bias is an extra feature of constant value 1
    for (let p = rowStarts[i]; p < rowStarts[i + 1]; p++) sum += values[p] * values[p];
    squaredNorms[i] = sum + diagonals[i];
    if (alpha[i] === 0) continue;
    // A warm start's duals fix its primal solution: w = Σ alpha_i y_i x_i.
    const step = labels[i] === c ? alpha[i] : -alpha[i];
    for (let p = rowStarts[i]; p < rowStarts[i + 1]; p++) w[indices[p]] += step * values[p];
    b += step;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let active = n;
  let maxOld = Infinity;
  for (let epoch = 0; epoch < settings.maxEpochs; epoch++) {
    let maxNew = -Infinity;
    let minNew = Infinity;
    shuffleInPlace(order, random, active);
    for (let s = 0; s < active; s++) {
      const i = order[s];
      const y = labels[i] === c ? 1 : -1;
      const end = rowStarts[i + 1];
      let score = b;
      for (let p = rowStarts[i]; p < end; p++) score += w[indices[p]] * values[p];
      const gradient = y * score - 1 + alpha[i] * diagonals[i];
      let projected = gradient;
      if (alpha[i] === 0) {
        if (gradient > maxOld) {
          active--;
          order[s] = order[active];
          order[active] = i;
          s--;
          continue;
        }
        if (gradient > 0) projected = 0;
      }
      if (projected > maxNew) maxNew = projected;
      if (projected < minNew) minNew = projected;
      if (Math.abs(projected) > 1e-12) {
        const previous = alpha[i];
        alpha[i] = Math.max(previous - gradient / squaredNorms[i], 0);
        const step = (alpha[i] - previous) * y;
        for (let p = rowStarts[i]; p < end; p++) w[indices[p]] += step * values[p];
        b += step;
      }
    }
    if (maxNew - minNew <= settings.tolerance) {
      if (active === n) break;
      active = n;
      maxOld = Infinity;
      continue;
    }
    maxOld = maxNew <= 0 ? Infinity : maxNew;
  }
  return { weights: Float32Array.from(w), bias: b, duals: alpha };
}

/** Below this much work (examples × intents) a helper thread costs more to start than it saves. */
const PARALLEL_WORK = 200_000;

export function defaultTrainingThreads(): number {
  return Math.min(2, availableParallelism());
}

/**
 * One-vs-rest over all intents. Intents are independent, so with threads > 1 helper threads share
 * the rows and each thread claims the next untrained intent from a shared counter (a helper that
 * starts late simply trains fewer). Each intent has its own seed: the model is the same for any
 * number of threads.
 */
export async function trainOneVsRestSvm(
  rows: SparseRows,
  labels: Int32Array,
  classes: number,
  options: SvmOptions,
): Promise<TrainedSvm> {
  const n = labels.length;
  const settings = SvmSettings.parse(options);
  const threads =
    n * classes < PARALLEL_WORK ? 1 : Math.max(1, Math.min(options.threads ?? 1, classes));
  const weights = new Float32Array(rows.columns * classes);
  const bias = new Float32Array(classes);
  const duals = new Float64Array(n * classes);
  const nextClass = new Int32Array(new SharedArrayBuffer(4));
  let trained = 0;
  let allTrained = () => {};
  let stop: (reason: unknown) => void = () => {};
  // Settles once: every intent trained, a helper failed, or training was cancelled.
  const helpersDone = new Promise<void>((resolve, reject) => {
    allTrained = resolve;
    stop = reject;
  });
  helpersDone.catch(() => {}); // awaited only while intents are missing
  const store = (c: number, result: TrainedClass) => {
    for (let column = 0; column < rows.columns; column++) {
      weights[column * classes + c] = result.weights[column];
    }
    bias[c] = result.bias;
    duals.set(result.duals, c * n);
    trained++;
    options.onClassTrained?.(trained);
    if (trained === classes) allTrained();
  };
  const job: SvmJob = {
    rows,
    labels,
    classes,
    nextClass,
    settings,
    initialDuals: options.initialDuals,
    exampleWeights: options.exampleWeights,
  };
  const cancel = () => stop(options.signal?.reason);
  options.signal?.addEventListener('abort', cancel, { once: true });
  const helpers = Array.from({ length: threads - 1 }, () => runHelper(job, store, stop));
  try {
    for (let c = claimClass(job); c < classes; c = claimClass(job)) {
      options.signal?.throwIfAborted();
      store(c, trainClass(rows, labels, c, settings, initialDualsOf(job, c), job.exampleWeights));
    }
    if (trained < classes) await helpersDone;
  } finally {
    options.signal?.removeEventListener('abort', cancel);
    for (const helper of helpers) void helper.terminate();
  }
  return { scorer: { classes, columns: rows.columns, weights, bias }, duals };
}

/** What every training thread shares: the rows, and the counter of the next intent to train. */
export interface SvmJob {
  rows: SparseRows;
  labels: Int32Array;
  classes: number;
  nextClass: Int32Array;
  settings: SvmSettings;
  initialDuals?: Float64Array;
  exampleWeights?: Float32Array;
}

export function claimClass(job: SvmJob): number {
  return Atomics.add(job.nextClass, 0, 1);
}

export function initialDualsOf(job: SvmJob, c: number): Float64Array | undefined {
  const n = job.labels.length;
  return job.initialDuals?.subarray(c * n, (c + 1) * n);
}

export const SvmJobMessage = z.object({
  c: z.number().int(),
  weights: z.instanceof(Float32Array),
  bias: z.number(),
  duals: z.instanceof(Float64Array),
});

function runHelper(
  job: SvmJob,
  store: (c: number, result: TrainedClass) => void,
  fail: (error: unknown) => void,
): Worker {
  const worker = startTypeScriptWorker('lib/nlp/svm-worker.ts', job);
  worker.on('message', (raw: unknown) => {
    const { c, ...result } = SvmJobMessage.parse(raw);
    store(c, result);
  });
  worker.on('error', fail);
  // A helper exits with 0 once no intent is left (its results were posted before).
  worker.on('exit', (code) => {
    if (code !== 0) fail(new Error(`SVM helper thread exited with code ${code}`));
  });
  return worker;
}

/** Margins of every class, or null when the message has no feature the model knows. */
export function scoreVector(scorer: LinearScorer, vector: SparseVector): Float64Array | null {
  return vector.indices.length === 0 ? null : scoreClasses(scorer, vector.indices, vector.values);
}

/** Raw margins of every class for one message. */
export function scoreClasses(
  scorer: LinearScorer,
  vectorIndices: Int32Array,
  vectorValues: Float32Array,
  into = new Float64Array(scorer.classes),
): Float64Array {
  const { classes, weights, bias } = scorer;
  for (let c = 0; c < classes; c++) into[c] = bias[c];
  for (let p = 0; p < vectorIndices.length; p++) {
    const offset = vectorIndices[p] * classes;
    const value = vectorValues[p];
    for (let c = 0; c < classes; c++) into[c] += weights[offset + c] * value;
  }
  return into;
}
