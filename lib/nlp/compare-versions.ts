import { z } from 'zod';
import type { EvaluatedExample } from './metrics';
import { mcNemarExact, pairedBootstrap } from './paired-difference';

/** One measure of two versions on the same messages. */
export const MeasureChange = z.object({
  candidate: z.number(),
  baseline: z.number(),
  /** 95% paired-bootstrap interval of candidate − baseline. */
  low: z.number(),
  high: z.number(),
  /**
   * Exact McNemar p-value over the in-scope messages only one version got right: for answered right
   * and top-1 accuracy over all of them; for an intent's F1 over its own messages (top-1), multiplied
   * by the number of intents (Bonferroni), since with 77 intents some four would look clear by chance.
   * null for the others, whose out-of-scope messages carry another weight: the interval decides there.
   */
  pValue: z.number().nullable(),
});
export type MeasureChange = z.infer<typeof MeasureChange>;

/** A new version against the one live when it was trained, both read on the new one's held-out examples. */
export const VersionComparison = z.object({
  against: z.object({ versionId: z.string(), version: z.number().int() }),
  evaluatedCount: z.number().int(),
  /** Shares of all messages, out-of-scope examples weighted as in the version's own answers. */
  resolved: MeasureChange,
  wrong: MeasureChange,
  deferred: MeasureChange,
  /** Top-1 accuracy on in-scope examples. */
  accuracy: MeasureChange,
  macroF1: MeasureChange,
  perIntent: z.array(MeasureChange.extend({ intent: z.string() })),
});
export type VersionComparison = z.infer<typeof VersionComparison>;

/** Whether a change is unlikely to be chance: by the exact test where there is one, else by the interval. */
export function isClearChange(change: MeasureChange): boolean {
  return change.pValue !== null ? change.pValue < 0.05 : change.low > 0 || change.high < 0;
}

const RESAMPLES = 1000;
const SEED = 7;

const answered = (example: EvaluatedExample) =>
  example.decision === 'answer' || example.decision === 'handoff';

/**
 * Compares two versions read on the same held-out examples (in the same order): each measure on both,
 * a paired interval of the difference, and an exact test for the yes/no measures.
 */
export function compareVersions(
  candidate: readonly EvaluatedExample[],
  baseline: readonly EvaluatedExample[],
  context: {
    against: VersionComparison['against'];
    outOfScopeIntent: string;
    /** Weight of out-of-scope examples among all messages (null: as they came). */
    outOfScopeShare: number | null;
  },
): VersionComparison {
  if (candidate.length !== baseline.length) throw new Error('versions read different examples');
  const oos = context.outOfScopeIntent;
  const inScope = candidate.map((example) => example.expected !== oos);
  const inScopeRows = inScope.flatMap((yes, i) => (yes ? [i] : []));
  const outOfScopeRows = inScope.flatMap((yes, i) => (yes ? [] : [i]));
  const share =
    outOfScopeRows.length === 0
      ? 0
      : (context.outOfScopeShare ?? outOfScopeRows.length / candidate.length);
  const weight = (i: number) =>
    inScope[i]
      ? (1 - share) / Math.max(1, inScopeRows.length)
      : share / Math.max(1, outOfScopeRows.length);

  // Per example and version: answered right, answered wrongly, top-1 class right.
  const outcome = (evaluated: readonly EvaluatedExample[]) =>
    evaluated.map((example, i) => {
      const right = inScope[i] && answered(example) && example.intent === example.expected;
      const wrong = answered(example) && !right;
      return {
        right,
        wrong,
        deferred: !right && !wrong,
        top: inScope[i] && example.top === example.expected,
      };
    });
  const versions = [outcome(candidate), outcome(baseline)];

  const labels = [...new Set(inScopeRows.map((i) => candidate[i].expected))].sort();
  const labelIndex = new Map(labels.map((label, l) => [label, l]));
  const expectedLabel = Int32Array.from(candidate, (e, i) =>
    inScope[i] ? (labelIndex.get(e.expected) ?? -1) : -1,
  );
  const topLabel = [candidate, baseline].map((evaluated) =>
    Int32Array.from(evaluated, (e) => labelIndex.get(e.top) ?? -1),
  );

  /** Every measure for both versions on a sample: answers, accuracy, macro-F1, then F1 per label. */
  const measures = (sample: ArrayLike<number>): number[][] =>
    [0, 1].map((v) => {
      let right = 0;
      let wrong = 0;
      let top = 0;
      let inScopeCount = 0;
      const truePositives = new Float64Array(labels.length);
      const predicted = new Float64Array(labels.length);
      const support = new Float64Array(labels.length);
      for (let k = 0; k < sample.length; k++) {
        const i = sample[k];
        const o = versions[v][i];
        const w = weight(i);
        if (o.right) right += w;
        if (o.wrong) wrong += w;
        const predictedLabel = topLabel[v][i];
        if (predictedLabel >= 0) predicted[predictedLabel]++;
        if (!inScope[i]) continue;
        inScopeCount++;
        if (o.top) top++;
        support[expectedLabel[i]]++;
        if (predictedLabel === expectedLabel[i]) truePositives[predictedLabel]++;
      }
      const f1 = labels.map((_, l) =>
        support[l] === 0 ? 0 : (2 * truePositives[l]) / (support[l] + predicted[l]),
      );
      const present = labels.flatMap((_, l) => (support[l] > 0 ? [f1[l]] : []));
      return [
        right,
        wrong,
        Math.max(0, 1 - right - wrong),
        inScopeCount === 0 ? 0 : top / inScopeCount,
        present.length === 0 ? 0 : present.reduce((sum, value) => sum + value, 0) / present.length,
        ...f1,
      ];
    });
  const everyExample = candidate.map((_, i) => i);
  const [now, before] = measures(everyExample);
  const intervals = pairedBootstrap(
    [inScopeRows, outOfScopeRows],
    (sample) => {
      const [a, b] = measures(sample);
      return a.map((value, m) => value - b[m]);
    },
    { resamples: RESAMPLES, seed: SEED, coverage: 0.95 },
  );
  const exact = (yes: (o: (typeof versions)[0][0]) => boolean, rows: readonly number[]) => {
    let onlyCandidate = 0;
    let onlyBaseline = 0;
    for (const i of rows) {
      const a = yes(versions[0][i]);
      const b = yes(versions[1][i]);
      if (a && !b) onlyCandidate++;
      if (b && !a) onlyBaseline++;
    }
    return mcNemarExact(onlyCandidate, onlyBaseline);
  };
  const change = (m: number, pValue: number | null): MeasureChange => ({
    candidate: now[m],
    baseline: before[m],
    low: intervals[m].low,
    high: intervals[m].high,
    pValue,
  });
  return {
    against: context.against,
    evaluatedCount: candidate.length,
    resolved: change(
      0,
      exact((o) => o.right, inScopeRows),
    ),
    wrong: change(1, null),
    deferred: change(2, null),
    accuracy: change(
      3,
      exact((o) => o.top, inScopeRows),
    ),
    macroF1: change(4, null),
    perIntent: labels.map((intent, l) => ({
      intent,
      ...change(
        5 + l,
        Math.min(
          1,
          labels.length *
            exact(
              (o) => o.top,
              inScopeRows.filter((i) => expectedLabel[i] === l),
            ),
        ),
      ),
    })),
  };
}
