import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { findOverlappingIntents, mergeIntents } from '@/lib/intents';
import { IDENTITY_ANSWER_MODEL } from '@/lib/nlp/answer-confidence';
import { summarize, type EvaluatedExample } from '@/lib/nlp/metrics';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

let database: TestDatabase;
let workspace: FixtureWorkspace;

const INTENTS = {
  order_status: [
    'where is my order',
    'has my parcel shipped',
    'when will my order arrive',
    'what is the status of my order',
    'is my delivery on the way',
    'track my order',
  ],
  // Added later by someone who did not see order_status: the collision.
  track_order: ['track my order please', 'where is my order now', 'tracking my package'],
  returns: ['how do I return an item', 'can I get a refund', 'start a return'],
};

/** An evaluation where track_order's held-out examples were all read as order_status. */
function evaluationConfusingTrackOrder() {
  const read = (expected: string, top: string): EvaluatedExample => ({
    text: `${expected} → ${top}`,
    expected,
    top,
    intent: top,
    decision: 'answer',
    confidence: 0.9,
  });
  return summarize(
    [
      ...Array.from({ length: 6 }, () => read('order_status', 'order_status')),
      ...Array.from({ length: 3 }, () => read('track_order', 'order_status')),
      ...Array.from({ length: 3 }, () => read('returns', 'returns')),
    ],
    {
      evaluation: 'k-fold',
      folds: 5,
      exampleCount: 12,
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
    },
  );
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
      },
    });
  }
});

afterAll(async () => database?.drop());

it('warns of an intent the evaluation confuses with another, with its near-duplicate examples', async () => {
  const [overlap, ...others] = await findOverlappingIntents(
    workspace.siteId,
    evaluationConfusingTrackOrder(),
  );
  expect(others).toEqual([]);
  expect(overlap).toMatchObject({
    first: { name: 'order_status', exampleCount: 6 },
    second: { name: 'track_order', exampleCount: 3 },
    confusion: { firstAsSecond: 0, secondAsFirst: 1 },
    mergeInto: 'first',
  });
  expect(overlap.similarExamples.map((pair) => [pair.first, pair.second])).toEqual(
    expect.arrayContaining([['where is my order', 'where is my order now']]),
  );
});

it('finds near-duplicate examples without any trained version, and nothing once merged', async () => {
  const overlaps = await findOverlappingIntents(workspace.siteId);
  expect(overlaps.map((overlap) => [overlap.first.name, overlap.second.name])).toEqual([
    ['order_status', 'track_order'],
  ]);
  expect(overlaps[0].confusion).toBeNull();

  const { first, second } = overlaps[0];
  await mergeIntents(workspace.admin, workspace.siteId, {
    sourceIds: [second.id],
    targetId: first.id,
  });
  expect(await findOverlappingIntents(workspace.siteId, evaluationConfusingTrackOrder())).toEqual(
    [],
  );
  expect(await db().trainingExample.count({ where: { intentId: first.id } })).toBe(9);
});

it("reads only the caller's site", async () => {
  const other = await createFixtureWorkspace();
  expect(await findOverlappingIntents(other.siteId, evaluationConfusingTrackOrder())).toEqual([]);
});
