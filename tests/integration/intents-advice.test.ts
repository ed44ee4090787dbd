import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { labelMessages } from '@/lib/conversations';
import { db } from '@/lib/db';
import { listIntents, suggestExamples } from '@/lib/intents';
import { stopLiveClassifiers } from '@/lib/training';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';
import { activateTrainedModel } from '../helpers/trained-model';

let database: TestDatabase;
let workspace: FixtureWorkspace;
const queued = new Map<string, string>(); // text → message id

// The demo intents, shipping cut to 5 examples; the review queue holds messages the bot was unsure of.
beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 0 });
  const { siteId } = workspace;
  const intents: { name: string; examples: string[] }[] = JSON.parse(
    await readFile('prisma/seed/intents.en.json', 'utf8'),
  );
  const examples = intents.flatMap((intent) =>
    (intent.name === 'shipping' ? intent.examples.slice(0, 5) : intent.examples).map((text) => ({
      text,
      intent: intent.name,
    })),
  );
  for (const intent of intents) {
    await db().intent.create({
      data: {
        siteId,
        name: intent.name,
        examples: {
          create: examples
            .filter((example) => example.intent === intent.name)
            .map(({ text }) => ({ text })),
        },
      },
    });
  }
  await activateTrainedModel(siteId, examples, { language: 'en' });

  const visitor = await db().visitor.create({ data: { siteId } });
  const conversation = await db().conversation.create({ data: { siteId, visitorId: visitor.id } });
  const texts = [
    'how many days does standard shipping take to canada',
    'do you ship to the uk and how much is express shipping',
    intents.find((intent) => intent.name === 'greeting')!.examples[0], // already an example
  ];
  for (const [index, body] of texts.entries()) {
    const message = await db().message.create({
      data: {
        conversationId: conversation.id,
        seq: index + 1,
        sender: 'visitor',
        body,
        reviewState: 'pending',
      },
    });
    queued.set(body, message.id);
  }
});

afterAll(async () => {
  await stopLiveClassifiers();
  await database?.drop();
});

it('marks intents with fewer than 10 examples', async () => {
  const { intents } = await listIntents(workspace.siteId);
  const shipping = intents.find((intent) => intent.name === 'shipping')!;
  expect(shipping.advice.fewExamples).toBe(true);
  expect(intents.find((intent) => intent.name === 'greeting')!.advice.fewExamples).toBe(false);
  for (const intent of intents) {
    expect(intent.advice.lowRecall).toBe(intent.recall !== null && intent.recall < 0.7);
  }
});

it('suggests review-queue messages under the intent the live model gives them, and one click adds one', async () => {
  const suggestions = await suggestExamples(workspace.siteId);
  const forShipping = suggestions.get('shipping') ?? [];
  expect(forShipping.map((suggestion) => suggestion.text).sort()).toEqual([
    'do you ship to the uk and how much is express shipping',
    'how many days does standard shipping take to canada',
  ]);
  // A message that is already an example is not suggested again.
  expect([...suggestions.values()].flat().map((suggestion) => suggestion.text)).toHaveLength(2);

  const shipping = await db().intent.findFirstOrThrow({
    where: { siteId: workspace.siteId, name: 'shipping' },
  });
  await labelMessages(
    { ...workspace.admin, name: 'Ada Admin' },
    { messageIds: [forShipping[0].messageId], intentId: shipping.id },
  );
  const added = await db().trainingExample.findFirstOrThrow({
    where: { intentId: shipping.id, messageId: forShipping[0].messageId },
  });
  expect(added).toMatchObject({ text: forShipping[0].text, source: 'conversation' });
  const after = await suggestExamples(workspace.siteId);
  expect(after.get('shipping')?.map((suggestion) => suggestion.text)).toEqual([
    forShipping[1].text,
  ]);
});
