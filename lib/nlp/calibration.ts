import { inScopeScore } from './decide';

/** A held-out example's raw class scores and its true class (-1: out of scope with no class for it). */
export interface HeldOutScores {
  scores: Float64Array[];
  expected: Int32Array;
}

/**
 * Cross-entropy against labels smoothed by 1/(n+1): with few held-out examples, all of them right,
 * plain likelihood would drive the temperature to zero and every confidence to 1.
 */
function smoothedCrossEntropy(heldOut: HeldOutScores, temperature: number): number {
  const labelled = heldOut.expected.filter((expected) => expected >= 0).length;
  const smoothing = 1 / (labelled + 1);
  let total = 0;
  heldOut.scores.forEach((scores, i) => {
    const expected = heldOut.expected[i];
    if (expected < 0) return;
    let max = -Infinity;
    for (const score of scores) max = Math.max(max, score);
    let sum = 0;
    let meanLogit = 0;
    for (const score of scores) {
      sum += Math.exp((score - max) / temperature);
      meanLogit += (score - max) / temperature / scores.length;
    }
    const logNormalizer = Math.log(sum);
    const logExpected = (scores[expected] - max) / temperature - logNormalizer;
    total -= (1 - smoothing) * logExpected + smoothing * (meanLogit - logNormalizer);
  });
  return labelled === 0 ? 0 : total / labelled;
}

/** Temperature scaling (Guo et al. 2017): one scalar, fitted by golden-section search on log T. */
export function fitTemperature(heldOut: HeldOutScores): number {
  let low = Math.log(1e-3);
  let high = Math.log(1e2);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = smoothedCrossEntropy(heldOut, Math.exp(a));
  let lossB = smoothedCrossEntropy(heldOut, Math.exp(b));
  for (let step = 0; step < 30; step++) {
    if (lossA <= lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = smoothedCrossEntropy(heldOut, Math.exp(a));
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = smoothedCrossEntropy(heldOut, Math.exp(b));
    }
  }
  return Math.exp((low + high) / 2);
}

/** What the bot would see for one held-out message: its best in-scope intent and runner-up. */
export interface HeldOutOutcome {
  expected: number;
  outOfScope: boolean;
  best: number;
  runnerUp: number;
  confidence: number;
  runnerUpConfidence: number;
  /** What the threshold is compared with (see inScopeScore). */
  scopeScore: number;
}

export function outcomes(
  probabilities: readonly Float64Array[],
  expected: Int32Array,
  outOfScopeClass: number,
): HeldOutOutcome[] {
  return probabilities.map((row, i) => {
    let best = -1;
    let runnerUp = -1;
    for (let c = 0; c < row.length; c++) {
      if (c === outOfScopeClass) continue;
      if (best < 0 || row[c] > row[best]) {
        runnerUp = best;
        best = c;
      } else if (runnerUp < 0 || row[c] > row[runnerUp]) runnerUp = c;
    }
    return {
      expected: expected[i],
      outOfScope: expected[i] < 0 || expected[i] === outOfScopeClass,
      best,
      runnerUp,
      confidence: row[best],
      runnerUpConfidence: runnerUp < 0 ? 0 : row[runnerUp],
      scopeScore: inScopeScore(row[best], outOfScopeClass >= 0 ? row[outOfScopeClass] : null),
    };
  });
}

/** Share of the right answers the threshold may turn into fallbacks. */
export const DEFAULT_REJECTION_BUDGET = 0.03;

/**
 * The highest threshold that still keeps (1 - budget) of the held-out messages the model gets
 * right. Every step up turns away more out-of-scope and wrongly-understood messages, so within the
 * budget the highest is best; the budget bounds what that costs visitors the bot would have helped.
 */
export function pickThreshold(
  heldOut: readonly HeldOutOutcome[],
  rejectionBudget = DEFAULT_REJECTION_BUDGET,
): number {
  const right = heldOut.filter(
    (outcome) => !outcome.outOfScope && outcome.best === outcome.expected,
  );
  if (right.length === 0) return 0;
  const scores = right.map((outcome) => outcome.scopeScore).sort((a, b) => a - b);
  const kept = Math.max(1, Math.ceil((1 - rejectionBudget) * right.length));
  return scores[right.length - kept];
}

/** Asking "did you mean A or B?" is worth a little when one of them is right, as bad as a wrong answer when not. */
export const CLARIFY_WITH_RIGHT_INTENT = 0.3;
const MARGIN_GRID = Array.from({ length: 31 }, (_, i) => i / 100);

/** The margin that maximizes the bot's utility over held-out messages it would not reject. */
export function pickAmbiguityMargin(heldOut: readonly HeldOutOutcome[], threshold: number): number {
  const answered = heldOut.filter(
    (outcome) => outcome.scopeScore >= threshold && outcome.runnerUp >= 0,
  );
  let bestMargin = 0;
  let bestUtility = -Infinity;
  for (const margin of MARGIN_GRID) {
    let utility = 0;
    for (const outcome of answered) {
      if (outcome.confidence - outcome.runnerUpConfidence < margin) {
        const rightAmongTwo =
          outcome.expected === outcome.best || outcome.expected === outcome.runnerUp;
        utility += rightAmongTwo ? CLARIFY_WITH_RIGHT_INTENT : -1;
      } else utility += outcome.expected === outcome.best ? 1 : -1;
    }
    if (utility > bestUtility + 1e-9) {
      bestUtility = utility;
      bestMargin = margin;
    }
  }
  return bestMargin;
}
