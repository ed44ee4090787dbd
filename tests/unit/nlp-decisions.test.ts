import { describe, expect, it } from 'vitest';
import {
  fitTemperature,
  outcomes,
  pickAmbiguityMargin,
  pickThreshold,
} from '@/lib/nlp/calibration';
import { decide, inScopeScore, softmax } from '@/lib/nlp/decide';

const intents = ['billing', 'cancel', 'human', 'oos'];
const calibration = { temperature: 1, threshold: 0.5, ambiguityMargin: 0.1 };
const row = (...probabilities: number[]) => Float64Array.from(probabilities);

describe('the bot decision', () => {
  const context = {
    intents,
    outOfScopeIntent: 'oos',
    calibration,
    handoffIntents: new Set(['human']),
  };

  it('answers a clear, confident intent', () => {
    const decision = decide(row(0.8, 0.1, 0.05, 0.05), context);
    expect(decision).toMatchObject({ intent: 'billing', decision: 'answer', candidates: null });
    expect(decision.ranking.map((ranked) => ranked.intent)).toEqual(['billing', 'cancel', 'human']);
  });

  it('falls back below the threshold and when out of scope wins', () => {
    const noIntent = { intent: null, decision: 'fallback' };
    expect(decide(row(0.3, 0.25, 0.2, 0.25), { ...context, outOfScopeIntent: null })).toMatchObject(
      noIntent,
    );
    // Best intent 0.45 against out-of-scope 0.5: only 47% in scope.
    expect(decide(row(0.45, 0.03, 0.02, 0.5), context)).toMatchObject(noIntent);
  });

  it('asks which of the top two was meant when they are close', () => {
    const decision = decide(row(0.46, 0.4, 0.1, 0.04), context);
    expect(decision).toMatchObject({ decision: 'clarify', candidates: ['billing', 'cancel'] });
  });

  it('hands off when the answer is a human', () => {
    expect(decide(row(0.1, 0.05, 0.8, 0.05), context)).toMatchObject({
      intent: 'human',
      decision: 'handoff',
    });
  });

  it('scores scope against the out-of-scope class only when there is one', () => {
    expect(inScopeScore(0.3, null)).toBe(0.3);
    expect(inScopeScore(0.3, 0.1)).toBeCloseTo(0.75);
  });
});

describe('calibration on held-out data', () => {
  it('fits a temperature that softens overconfident scores', () => {
    // Scores say "very sure" but half of the examples are wrong: the temperature must rise.
    const scores = Array.from({ length: 40 }, () => row(5, 0));
    const expected = Int32Array.from({ length: 40 }, (_, i) => i % 2);
    const temperature = fitTemperature({ scores, expected });
    expect(temperature).toBeGreaterThan(20);
    expect(softmax(scores[0], temperature)[0]).toBeCloseTo(0.5, 1);
  });

  it('picks the highest threshold that keeps the budgeted share of right answers', () => {
    // 20 right answers with scope scores 0.05..1.0, and 5 out-of-scope messages.
    const probabilities = [
      ...Array.from({ length: 20 }, (_, i) => row((i + 1) / 20, (i + 1) / 40, 0, 0)),
      ...Array.from({ length: 5 }, () => row(0.1, 0.05, 0.05, 0.8)),
    ];
    const expected = Int32Array.from({ length: 25 }, (_, i) => (i < 20 ? 0 : 3));
    const heldOut = outcomes(probabilities, expected, -1);
    expect(pickThreshold(heldOut, 0.1)).toBeCloseTo(0.15);
    expect(pickThreshold(heldOut, 0)).toBeCloseTo(0.05);
    // With an out-of-scope class, right answers that class does not contest are fully in scope.
    expect(pickThreshold(outcomes(probabilities, expected, 3), 0.1)).toBe(1);
  });

  it('picks an ambiguity margin only when clarifying pays off', () => {
    // Close calls where the runner-up is usually right: clarifying beats answering.
    const close = Array.from({ length: 10 }, () => row(0.5, 0.45, 0.05));
    const clear = Array.from({ length: 10 }, () => row(0.9, 0.05, 0.05));
    const expected = Int32Array.from({ length: 20 }, (_, i) => (i < 8 ? 1 : 0));
    const margin = pickAmbiguityMargin(outcomes([...close, ...clear], expected, -1), 0);
    const context = {
      intents: ['a', 'b', 'c'],
      outOfScopeIntent: null,
      calibration: { temperature: 1, threshold: 0, ambiguityMargin: margin },
    };
    expect(decide(close[0], context).decision).toBe('clarify');
    expect(decide(clear[0], context).decision).toBe('answer');
    const allRight = Int32Array.from({ length: 20 }, () => 0);
    expect(pickAmbiguityMargin(outcomes([...close, ...clear], allRight, -1), 0)).toBe(0);
  });
});
