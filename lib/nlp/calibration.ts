import { softmax } from './decide';

/** A held-out example's raw class scores and its true class (-1: out of scope with no class for it). */
export interface HeldOutScores {
  scores: Float64Array[];
  expected: Int32Array;
}

function meanNegativeLogLikelihood(heldOut: HeldOutScores, temperature: number): number {
  let total = 0;
  let count = 0;
  heldOut.scores.forEach((scores, i) => {
    const expected = heldOut.expected[i];
    if (expected < 0) return;
    total -= Math.log(Math.max(softmax(scores, temperature)[expected], 1e-12));
    count++;
  });
  return count === 0 ? 0 : total / count;
}

/** Temperature scaling (Guo et al. 2017): one scalar, fitted by golden-section search on log T. */
export function fitTemperature(heldOut: HeldOutScores): number {
  let low = Math.log(1e-3);
  let high = Math.log(1e2);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = meanNegativeLogLikelihood(heldOut, Math.exp(a));
  let lossB = meanNegativeLogLikelihood(heldOut, Math.exp(b));
  for (let step = 0; step < 40; step++) {
    if (lossA <= lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = meanNegativeLogLikelihood(heldOut, Math.exp(a));
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = meanNegativeLogLikelihood(heldOut, Math.exp(b));
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
  outOfScopeWins: boolean;
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
      outOfScopeWins: outOfScopeClass >= 0 && row[outOfScopeClass] > row[best],
    };
  });
}

const THRESHOLD_GRID = Array.from({ length: 200 }, (_, i) => i / 200);

/**
 * With out-of-scope examples: maximize the mean of out-of-scope recall and in-scope accuracy.
 * Without: treat wrong answers as the ones to reject, and maximize right answers kept plus wrong
 * ones rejected. The middle of the best plateau is taken, so the choice is stable.
 */
export function pickThreshold(heldOut: readonly HeldOutOutcome[]): number {
  const outOfScopeCount = heldOut.filter((outcome) => outcome.outOfScope).length;
  const inScopeCount = heldOut.length - outOfScopeCount;
  if (inScopeCount === 0) return 0;
  const objective = (threshold: number) => {
    let rejectedOutOfScope = 0;
    let rightAnswers = 0;
    let rejectedWrong = 0;
    for (const outcome of heldOut) {
      const rejected = outcome.outOfScopeWins || outcome.confidence < threshold;
      if (outcome.outOfScope) {
        if (rejected) rejectedOutOfScope++;
      } else if (outcome.best === outcome.expected) {
        if (!rejected) rightAnswers++;
      } else if (rejected) rejectedWrong++;
    }
    return outOfScopeCount > 0
      ? (rejectedOutOfScope / outOfScopeCount + rightAnswers / inScopeCount) / 2
      : (rightAnswers + rejectedWrong) / inScopeCount;
  };
  const values = THRESHOLD_GRID.map(objective);
  const best = Math.max(...values);
  const plateau = THRESHOLD_GRID.filter((_, i) => values[i] >= best - 1e-12);
  return plateau[Math.floor((plateau.length - 1) / 2)];
}

/** Asking "did you mean A or B?" is worth a little when one of them is right, as bad as a wrong answer when not. */
export const CLARIFY_WITH_RIGHT_INTENT = 0.3;
const MARGIN_GRID = Array.from({ length: 31 }, (_, i) => i / 100);

/** The margin that maximizes the bot's utility over held-out messages it would not reject. */
export function pickAmbiguityMargin(heldOut: readonly HeldOutOutcome[], threshold: number): number {
  const answered = heldOut.filter(
    (outcome) => !outcome.outOfScopeWins && outcome.confidence >= threshold && outcome.runnerUp >= 0,
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
