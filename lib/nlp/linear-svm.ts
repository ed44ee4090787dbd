import type { SparseRows } from './features';
import { seededRandom, shuffleInPlace } from './random';

/** One weight vector per intent, stored feature-major so scoring a sparse message reads contiguous memory. */
export interface LinearScorer {
  classes: number;
  columns: number;
  /** weights[column * classes + class] */
  weights: Float32Array;
  bias: Float32Array;
}

export interface SvmOptions {
  /** Inverse regularization strength. */
  C: number;
  /** Stop when the projected-gradient spread falls below this (LIBLINEAR's default is 0.1). */
  tolerance: number;
  maxEpochs: number;
  seed: number;
  onClassTrained?: (trainedClasses: number) => void;
  signal?: AbortSignal;
}

export const DEFAULT_SVM_OPTIONS: Omit<SvmOptions, 'seed'> = { C: 0.5, tolerance: 0.1, maxEpochs: 200 };

/**
 * One-vs-rest L2-loss linear SVM, solved in the dual by coordinate descent with shrinking
 * (Hsieh et al. 2008, as in LIBLINEAR): strong on sparse text and fast because most examples drop out early.
 */
export function trainOneVsRestSvm(
  rows: SparseRows,
  labels: Int32Array,
  classes: number,
  options: SvmOptions,
): LinearScorer {
  const n = labels.length;
  const { rowStarts, indices, values, columns } = rows;
  const weights = new Float32Array(columns * classes);
  const bias = new Float32Array(classes);
  const diagonal = 1 / (2 * options.C);
  const squaredNorms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 1; // the bias is an extra feature of constant value 1
    for (let p = rowStarts[i]; p < rowStarts[i + 1]; p++) sum += values[p] * values[p];
    squaredNorms[i] = sum + diagonal;
  }
  const w = new Float64Array(columns);
  const alpha = new Float64Array(n);
  const order = new Int32Array(n);
  for (let c = 0; c < classes; c++) {
    options.signal?.throwIfAborted();
    const random = seededRandom(options.seed * 1000003 + c);
    w.fill(0);
    alpha.fill(0);
    let b = 0;
    for (let i = 0; i < n; i++) order[i] = i;
    let active = n;
    let maxOld = Infinity;
    for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
      let maxNew = -Infinity;
      let minNew = Infinity;
      shuffleInPlace(order, random, active);
      for (let s = 0; s < active; s++) {
        const i = order[s]; (globalThis as any).__visits = ((globalThis as any).__visits ?? 0) + 1;
        const y = labels[i] === c ? 1 : -1;
        let score = b;
        const end = rowStarts[i + 1];
        for (let p = rowStarts[i]; p < end; p++) score += w[indices[p]] * values[p];
        const gradient = y * score - 1 + alpha[i] * diagonal;
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
      (globalThis as any).__epochs = ((globalThis as any).__epochs ?? 0) + 1; if (maxNew - minNew <= options.tolerance) {
        if (active === n) break;
        active = n;
        maxOld = Infinity;
        continue;
      }
      maxOld = maxNew <= 0 ? Infinity : maxNew;
    }
    for (let column = 0; column < columns; column++) weights[column * classes + c] = w[column];
    bias[c] = b;
    options.onClassTrained?.(c + 1);
  }
  return { classes, columns, weights, bias };
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
