import { describe, expect, it } from 'vitest';
import {
  answersAt,
  chooseOperatingPoint,
  fitTemperature,
  operatingCurve,
  outcomes,
  pointForBudget,
  OWN_EXAMPLES_BUDGET_SHARE,
  siteThreshold,
} from '@/lib/nlp/calibration';
import { fitAnswerModel, IDENTITY_ANSWER_MODEL, scopeLogOdds } from '@/lib/nlp/answer-confidence';
import { decide, softmax } from '@/lib/nlp/decide';
import { evaluateProbabilities, summarize } from '@/lib/nlp/metrics';
import type { Calibration } from '@/lib/nlp/model';

const intents = ['billing', 'cancel', 'human', 'oos'];
const calibration: Calibration = {
  temperature: 1,
  answerModel: IDENTITY_ANSWER_MODEL,
  threshold: 0.5,
  budgetShare: 1,
  ambiguityMargin: 0.1,
  curve: [],
};
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
    // Against out of scope alone: 0.3 vs 0.1 is 3:1; against every other intent: 0.3 vs 0.7.
    expect(scopeLogOdds(0.3, 0.1)).toBeCloseTo(Math.log(3));
    expect(
      decide(row(0.3, 0.05, 0.05, 0.1), {
        ...context,
        outOfScopeIntent: 'oos',
        calibration: { ...calibration, threshold: 0 },
      }).confidence,
    ).toBeCloseTo(0.75);
    expect(
      decide(row(0.3, 0.4, 0.2, 0.1), {
        ...context,
        outOfScopeIntent: null,
        calibration: { ...calibration, threshold: 0 },
      }).confidence,
    ).toBeCloseTo(0.4);
    // Very sure messages keep apart instead of all rounding to certainty.
    expect(scopeLogOdds(1, 1e-12)).toBeGreaterThan(scopeLogOdds(1, 1e-9));
    expect(scopeLogOdds(1, 0)).toBe(30);
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

  it('fits a confidence that matches the share of answers that were right', () => {
    // Scope 0.9: 9 in 10 right; scope 0.6: 1 in 2 right. The fitted confidence follows.
    const probabilities = [
      ...Array.from({ length: 40 }, () => row(0.9, 0.05, 0.05)),
      ...Array.from({ length: 40 }, () => row(0.6, 0.3, 0.1)),
    ];
    const expected = Int32Array.from({ length: 80 }, (_, i) =>
      i < 4 || (i >= 40 && i % 2) ? 1 : 0,
    );
    const heldOut = outcomes(probabilities, expected, -1);
    const model = fitAnswerModel(
      heldOut.map((outcome) => outcome.features),
      heldOut.map((outcome) => outcome.best === outcome.expected),
      heldOut.map(() => 1),
    );
    const context = { intents: ['a', 'b', 'c'], outOfScopeIntent: null };
    const confidence = (p: Float64Array) =>
      decide(p, { ...context, calibration: { ...calibration, answerModel: model } }).confidence;
    expect(confidence(probabilities[0])).toBeGreaterThan(0.8);
    expect(confidence(probabilities[0])).toBeLessThan(0.97);
    expect(confidence(probabilities[40])).toBeGreaterThan(0.35);
    expect(confidence(probabilities[40])).toBeLessThan(0.65);
  });

  it('answers as much as the wrong-answer budget allows, out of scope weighted to its share', () => {
    // 20 in-scope messages at confidence 0.05..1.0, the four least sure of them wrong, and 5
    // out-of-scope messages, one at 0.5: it costs 1/5 × 20% = 4% of traffic once answered.
    const probabilities = Array.from({ length: 25 }, () => row(0.9, 0.01, 0));
    const confidences = Array.from({ length: 25 }, (_, i) =>
      i < 20 ? (i + 1) / 20 : i === 20 ? 0.5 : 0.2,
    );
    const expected = Int32Array.from({ length: 25 }, (_, i) => (i < 4 ? 1 : i < 20 ? 0 : -1));
    const curve = operatingCurve(outcomes(probabilities, expected, -1), confidences, () => true);
    const strict = pointForBudget(curve, { wrongAnswerBudget: 0.02, outOfScopeShare: 0.2 });
    expect(strict?.threshold).toBeCloseTo(0.55);
    expect(answersAt(strict!, 0.2)).toMatchObject({ wrong: 0 });
    expect(answersAt(strict!, 0.2).resolved).toBeCloseTo(0.8 * (10 / 20));
    // A looser budget takes in the out-of-scope message at 0.5 and the rest down to the wrong ones.
    const loose = pointForBudget(curve, { wrongAnswerBudget: 0.05, outOfScopeShare: 0.2 });
    expect(loose?.threshold).toBeCloseTo(0.25);
    expect(answersAt(loose!, 0.2).wrong).toBeCloseTo(0.04);
    // Without out-of-scope traffic only in-scope mistakes count.
    expect(
      pointForBudget(curve, { wrongAnswerBudget: 0.05, outOfScopeShare: 0 })?.threshold,
    ).toBeCloseTo(0.2);
  });

  it('spends the budget on in-scope answers alone when the out-of-scope examples are built in', () => {
    // 80 in-scope messages at confidence 0.01..0.80, the least sure 4 wrong (1.25% each), and 20
    // built-in out-of-scope lines the bot never answers (confidence 0).
    const probabilities = Array.from({ length: 100 }, () => row(0.9, 0.05, 0.05));
    const expected = Int32Array.from({ length: 100 }, (_, i) => (i < 4 ? 1 : i < 80 ? 0 : 2));
    const confidences = Array.from({ length: 100 }, (_, i) => (i < 80 ? (i + 1) / 100 : 0));
    const heldOut = outcomes(probabilities, expected, 2);
    const policy = { wrongAnswerBudget: 0.02, outOfScopeShare: 0.2 };
    const credited = pointForBudget(
      operatingCurve(heldOut, confidences, () => true),
      policy,
    )!;
    const alone = pointForBudget(
      operatingCurve(heldOut, confidences, () => true, { countOutOfScope: false }),
      policy,
    )!;
    // Credited with rejecting the chit-chat, two wrong in-scope answers (2.5%) fit a 2% budget.
    expect(credited.inScopeWrong).toBeCloseTo(0.025);
    expect(alone.outOfScopeAnswered).toBeNull();
    expect(alone.inScopeWrong).toBeCloseTo(0.0125);
    expect(alone.threshold).toBeGreaterThan(credited.threshold);
    const chosen = chooseOperatingPoint(heldOut, policy, { builtInOutOfScope: true });
    expect(chosen.curve.every((point) => point.outOfScopeAnswered === null)).toBe(true);
  });

  it('chooses a point whose decisions, one by one, land where the curve says', () => {
    const probabilities = Array.from({ length: 60 }, (_, i) => {
      const best = 0.3 + (i % 20) / 30;
      return row(best, (1 - best) * 0.7, (1 - best) * 0.3);
    });
    const expected = Int32Array.from({ length: 60 }, (_, i) =>
      i % 7 === 0 ? 1 : i % 11 === 0 ? 2 : 0,
    );
    const heldOut = outcomes(probabilities, expected, 2);
    const policy = { wrongAnswerBudget: 0.05, outOfScopeShare: 0.2 };
    const chosen: Calibration = { temperature: 1, ...chooseOperatingPoint(heldOut, policy) };
    const metrics = summarize(
      evaluateProbabilities(
        probabilities,
        Array.from(expected, (c, i) => ({ text: `m${i}`, intent: ['a', 'b', 'oos'][c] })),
        { intents: ['a', 'b', 'oos'], outOfScopeIntent: 'oos', calibration: chosen },
      ),
      {
        evaluation: 'holdout',
        folds: 1,
        exampleCount: 60,
        outOfScopeIntent: 'oos',
        outOfScopeShare: 0.2,
        wrongAnswerBudget: policy.wrongAnswerBudget,
        calibration: chosen,
      },
    );
    expect(metrics.answers!.wrong).toBeLessThanOrEqual(policy.wrongAnswerBudget + 1e-9);
    const point = pointForBudget(chosen.curve, policy)!;
    expect(metrics.answers!.resolved).toBeCloseTo(answersAt(point, 0.2).resolved, 9);
    expect(metrics.answers!.wrong).toBeCloseTo(answersAt(point, 0.2).wrong, 9);
  });

  it("follows the site's budget along the curve, or its own threshold", () => {
    const curve = [
      { threshold: 1, inScopeRight: 0, inScopeWrong: 0, outOfScopeAnswered: 0 },
      { threshold: 0.9, inScopeRight: 0.6, inScopeWrong: 0.01, outOfScopeAnswered: 0.02 },
      { threshold: 0.7, inScopeRight: 0.8, inScopeWrong: 0.03, outOfScopeAnswered: 0.1 },
    ];
    const model = { curve, threshold: 0.9, budgetShare: 1 };
    const policy = { outOfScopeShare: 0.2, confidenceThreshold: null };
    expect(siteThreshold(model, { ...policy, wrongAnswerBudget: 0.02 })).toBe(0.9);
    expect(siteThreshold(model, { ...policy, wrongAnswerBudget: 0.05 })).toBe(0.7);
    expect(siteThreshold(model, { ...policy, wrongAnswerBudget: 0.001 })).toBe(1);
    // The admin's slider may loosen as well as tighten.
    expect(
      siteThreshold(model, { ...policy, wrongAnswerBudget: 0.02, confidenceThreshold: 0.4 }),
    ).toBe(0.4);
    // A curve held out from the site's own examples spends three quarters of the budget: 4.4% wrong
    // fits 5% but not 3.75%.
    const ownExamples = { ...model, budgetShare: OWN_EXAMPLES_BUDGET_SHARE };
    expect(siteThreshold(ownExamples, { ...policy, wrongAnswerBudget: 0.05 })).toBe(0.9);
    expect(siteThreshold(ownExamples, { ...policy, wrongAnswerBudget: 0.06 })).toBe(0.7);
    // Models without a curve keep the threshold they were trained with.
    expect(
      siteThreshold(
        { curve: [], threshold: 0.8, budgetShare: 1 },
        { ...policy, wrongAnswerBudget: 0.05 },
      ),
    ).toBe(0.8);
  });

  it('asks which intent was meant only when the top two are close', () => {
    const context = {
      intents: ['a', 'b', 'c'],
      outOfScopeIntent: null,
      calibration: { ...calibration, threshold: 0, ambiguityMargin: 0.1 },
    };
    expect(decide(row(0.5, 0.45, 0.05), context).decision).toBe('clarify');
    expect(decide(row(0.9, 0.05, 0.05), context).decision).toBe('answer');
  });

  it("uses the site's threshold instead of the model's when it has one", () => {
    const context = { intents, outOfScopeIntent: 'oos', calibration };
    expect(decide(row(0.4, 0.05, 0.05, 0.5), context).decision).toBe('fallback');
    expect(decide(row(0.4, 0.05, 0.05, 0.5), { ...context, threshold: 0.3 }).decision).toBe(
      'answer',
    );
  });
});
