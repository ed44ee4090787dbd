import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { TrainingMetrics, VersionComparison } from '@/lib/nlp';
import { startTrainingRun, stopLiveClassifiers } from '@/lib/training';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

let database: TestDatabase;
let workspace: FixtureWorkspace;

const INTENTS: Record<string, string[]> = {
  order_status: [
    'where is my order',
    'has my parcel shipped',
    'track my package',
    'when will my order arrive',
    'my order has not arrived',
    'what is the status of my order',
    'is my delivery on the way',
    'where is my package now',
  ],
  returns: [
    'how do I return an item',
    'I want to send this back',
    'can I get a refund',
    'return policy please',
    'the shoes do not fit, can I return them',
    'how long do I have to return',
    'start a return',
    'refund for a broken item',
  ],
  opening_hours: [
    'when are you open',
    'what are your opening hours',
    'are you open on sunday',
    'what time do you close',
    'opening times',
    'are you open tomorrow',
    'store hours',
    'when do you open in the morning',
  ],
};

async function trainedVersion(options: { activateWhenDone?: boolean } = {}) {
  const run = await startTrainingRun({ siteId: workspace.siteId, ...options });
  for (;;) {
    const state = await db().trainingRun.findUniqueOrThrow({ where: { id: run.id } });
    if (state.status === 'succeeded') break;
    if (!['queued', 'running'].includes(state.status)) throw new Error(state.error ?? state.status);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return db().modelVersion.findUniqueOrThrow({ where: { trainingRunId: run.id } });
}

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace();
  for (const [name, examples] of Object.entries(INTENTS)) {
    await db().intent.create({
      data: {
        siteId: workspace.siteId,
        name,
        examples: { create: examples.map((text) => ({ text })) },
        responses: { create: { body: `About ${name}` } },
      },
    });
  }
});

afterAll(async () => {
  await stopLiveClassifiers();
  await database?.drop();
});

it('re-learns the live version on the new version’s folds and stores the comparison', async () => {
  const first = await trainedVersion({ activateWhenDone: true });
  expect(first.comparison).toBeNull(); // nothing was live
  expect(first.trainingExamples).toHaveLength(24);

  // Version 2 adds an intent the live version has never seen.
  await db().intent.create({
    data: {
      siteId: workspace.siteId,
      name: 'gift_cards',
      examples: {
        create: [
          'do you sell gift cards',
          'gift card balance',
          'can I buy a gift voucher',
          'how do gift cards work',
          'check my voucher balance',
          'gift certificate for a friend',
          'can I pay with a gift card',
          'my gift card code does not work',
        ].map((text) => ({ text })),
      },
    },
  });
  const second = await trainedVersion();
  const metrics = TrainingMetrics.parse(second.metrics);
  const comparison = VersionComparison.parse(second.comparison);

  expect(comparison.against).toEqual({ versionId: first.id, version: 1 });
  // The same messages: every one the new version was measured on.
  expect(comparison.evaluatedCount).toBe(metrics.evaluatedCount);
  expect(comparison.resolved.candidate).toBeCloseTo(metrics.answers!.resolved, 10);
  expect(comparison.accuracy.candidate).toBeCloseTo(metrics.accuracy, 10);
  // The live version cannot name gift cards; the new one learned them.
  const giftCards = comparison.perIntent.find((change) => change.intent === 'gift_cards')!;
  expect(giftCards.baseline).toBe(0);
  expect(giftCards.candidate).toBeGreaterThan(0.2);
  expect(giftCards.low).toBeGreaterThan(0);
  expect(comparison.accuracy.candidate).toBeGreaterThan(comparison.accuracy.baseline);
  expect(comparison.wrong.pValue).toBeNull(); // out-of-scope messages weigh differently: the interval decides
  for (const change of [comparison.resolved, comparison.accuracy, ...comparison.perIntent]) {
    expect(change.low).toBeLessThanOrEqual(change.candidate - change.baseline + 1e-9);
    expect(change.high).toBeGreaterThanOrEqual(change.candidate - change.baseline - 1e-9);
  }
  const log = (await db().trainingRun.findUniqueOrThrow({ where: { id: second.trainingRunId! } }))
    .log;
  expect(log.join('\n')).toContain('Comparing with live version 1 on the same held-out examples');
});
