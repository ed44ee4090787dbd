import { describe, expect, it } from 'vitest';
import { compareVersions, isClearChange } from '@/lib/nlp/compare-versions';
import { IDENTITY_ANSWER_MODEL } from '@/lib/nlp/answer-confidence';
import { summarize, type EvaluatedExample } from '@/lib/nlp/metrics';
import { mcNemarExact, pairedBootstrap } from '@/lib/nlp/paired-difference';

describe('the exact McNemar test', () => {
  it('is a two-sided binomial tail over the discordant pairs', () => {
    expect(mcNemarExact(0, 0)).toBe(1);
    expect(mcNemarExact(3, 3)).toBe(1);
    expect(mcNemarExact(5, 0)).toBeCloseTo(2 / 32, 12);
    expect(mcNemarExact(0, 10)).toBeCloseTo(2 / 1024, 12);
    // 1 or fewer of 8 one way: 2 · (1 + 8) / 256.
    expect(mcNemarExact(1, 7)).toBeCloseTo(18 / 256, 12);
  });

  it('stays finite for thousands of pairs and agrees with the normal approximation there', () => {
    // z = 100 / √2100 = 2.18 → two-sided p ≈ 0.029 (continuity-corrected 0.031).
    const p = mcNemarExact(1000, 1100);
    expect(p).toBeGreaterThan(0.025);
    expect(p).toBeLessThan(0.035);
  });
});

describe('the paired bootstrap', () => {
  it('gives a zero-width interval when the two versions agree on every example', () => {
    const [interval] = pairedBootstrap([[0, 1, 2, 3, 4]], () => [0], {
      resamples: 200,
      seed: 1,
      coverage: 0.95,
    });
    expect(interval).toEqual({ low: 0, high: 0 });
  });

  it('covers the true mean and is reproducible for a seed', () => {
    const values = Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 1 : 0)); // mean 0.25
    const mean = (sample: Int32Array) => [
      sample.reduce((sum, i) => sum + values[i], 0) / sample.length,
    ];
    const options = { resamples: 500, seed: 3, coverage: 0.95 };
    const [interval] = pairedBootstrap([values.map((_, i) => i)], mean, options);
    expect(interval.low).toBeLessThan(0.25);
    expect(interval.high).toBeGreaterThan(0.25);
    // ±1.96·√(0.25·0.75/400) = ±0.042
    expect(interval.high - interval.low).toBeGreaterThan(0.06);
    expect(interval.high - interval.low).toBeLessThan(0.11);
    expect(pairedBootstrap([values.map((_, i) => i)], mean, options)).toEqual([interval]);
  });
});

const example = (
  expected: string,
  said: string | null,
  decision: EvaluatedExample['decision'] = said === null ? 'fallback' : 'answer',
): EvaluatedExample => ({
  text: `${expected} ${Math.random()}`,
  expected,
  top: said ?? 'oos',
  intent: said,
  decision,
  confidence: 0.9,
});

/** 120 in-scope messages over three intents and 30 out of scope, read the same by default. */
function heldOut(): EvaluatedExample[] {
  const rows: EvaluatedExample[] = [];
  for (const intent of ['billing', 'cancel', 'refund']) {
    for (let i = 0; i < 40; i++) rows.push(example(intent, i < 30 ? intent : null));
  }
  for (let i = 0; i < 30; i++) rows.push(example('oos', i < 3 ? 'billing' : null));
  return rows;
}
const against = { versionId: 'v1', version: 1 };
const context = { against, outOfScopeIntent: 'oos', outOfScopeShare: 0.2 };

describe('comparing two versions on the same examples', () => {
  it('reports no change, surely, when both read every example alike', () => {
    const rows = heldOut();
    const comparison = compareVersions(rows, rows, context);
    expect(comparison.resolved).toMatchObject({ low: 0, high: 0, pValue: 1 });
    expect(comparison.resolved.candidate).toBe(comparison.resolved.baseline);
    expect(isClearChange(comparison.resolved)).toBe(false);
    expect(comparison.perIntent.map((change) => change.intent)).toEqual([
      'billing',
      'cancel',
      'refund',
    ]);
  });

  it('scores the candidate exactly as its own evaluation does (the same weights, the same F1)', () => {
    const candidate = heldOut();
    const metrics = summarize(candidate, {
      evaluation: 'k-fold',
      folds: 5,
      exampleCount: candidate.length,
      outOfScopeIntent: 'oos',
      outOfScopeShare: 0.2,
      wrongAnswerBudget: 0.02,
      calibration: {
        temperature: 1,
        answerModel: IDENTITY_ANSWER_MODEL,
        threshold: 0.5,
        budgetShare: 1,
        ambiguityMargin: 0.1,
        curve: [],
      },
    });
    const comparison = compareVersions(candidate, heldOut(), context);
    expect(comparison.resolved.candidate).toBeCloseTo(metrics.answers!.resolved, 12);
    expect(comparison.wrong.candidate).toBeCloseTo(metrics.answers!.wrong, 12);
    expect(comparison.deferred.candidate).toBeCloseTo(metrics.answers!.deferred, 12);
    expect(comparison.accuracy.candidate).toBeCloseTo(metrics.accuracy, 12);
    expect(comparison.macroF1.candidate).toBeCloseTo(metrics.macroF1, 12);
    for (const change of comparison.perIntent) {
      const scores = metrics.perIntent.find((intent) => intent.intent === change.intent);
      expect(change.candidate).toBeCloseTo(scores!.f1, 12);
    }
  });

  it('calls a drop on the same messages real, and a change of a few messages chance', () => {
    const baseline = heldOut();
    // The candidate no longer knows refunds: 30 right answers become fallbacks.
    const worse = baseline.map((row) =>
      row.expected === 'refund' && row.intent === 'refund' ? example('refund', null) : row,
    );
    const drop = compareVersions(worse, baseline, context);
    expect(drop.resolved.candidate - drop.resolved.baseline).toBeCloseTo(-0.8 * (30 / 120), 12);
    expect(drop.resolved.high).toBeLessThan(0);
    expect(drop.resolved.pValue).toBeLessThan(1e-6);
    expect(isClearChange(drop.resolved)).toBe(true);
    const refund = drop.perIntent.find((change) => change.intent === 'refund')!;
    expect(refund.candidate).toBe(0);
    expect(isClearChange(refund)).toBe(true);
    expect(isClearChange(drop.perIntent.find((change) => change.intent === 'billing')!)).toBe(
      false,
    );

    // Two messages answered one way, one the other: no evidence either way.
    let flipped = 0;
    const nearlySame = baseline.map((row) => {
      if (row.expected === 'cancel' && row.intent === null && flipped < 2) {
        flipped++;
        return example('cancel', 'cancel');
      }
      return row;
    });
    nearlySame[0] = example('billing', null);
    const noise = compareVersions(nearlySame, baseline, context);
    expect(noise.resolved.pValue).toBe(1);
    expect(isClearChange(noise.resolved)).toBe(false);
    expect(noise.resolved.low).toBeLessThan(0);
    expect(noise.resolved.high).toBeGreaterThan(0);
  });

  it('asks more of one intent among many: its own messages, corrected for the number of intents', () => {
    // 20 intents of 10 messages; the candidate gets 4 more of one intent right.
    const baseline = Array.from({ length: 200 }, (_, i) =>
      example(`intent_${Math.floor(i / 10)}`, i % 10 < 6 ? `intent_${Math.floor(i / 10)}` : null),
    );
    const candidate = baseline.map((row, i) => (i < 10 ? example('intent_0', 'intent_0') : row));
    const change = compareVersions(candidate, baseline, { ...context, outOfScopeShare: null })
      .perIntent[0];
    expect(change.intent).toBe('intent_0');
    // The bootstrap alone would call it (4 of 10 flipped rarely drops to none in a resample)…
    expect(change.low).toBeGreaterThan(0);
    // …but 4 to 0 is p = 0.125 on its own, and one of 20 intents: no evidence.
    expect(change.pValue).toBe(1);
    expect(isClearChange(change)).toBe(false);
  });

  it('counts an answer to an out-of-scope message as wrong for either version', () => {
    const baseline = heldOut();
    const candidate = baseline.map((row) =>
      row.expected === 'oos' ? example('oos', 'cancel') : row,
    );
    const comparison = compareVersions(candidate, baseline, context);
    expect(comparison.wrong.candidate).toBeCloseTo(0.2, 12);
    expect(comparison.wrong.baseline).toBeCloseTo(0.2 * (3 / 30), 12);
    expect(comparison.wrong.low).toBeGreaterThan(0);
  });
});
