import { afterAll, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { classify, serialize, train, type TrainingExampleInput } from '@/lib/nlp';
import { liveClassifier, stopLiveClassifiers } from '@/lib/training';
import { eraseVisitors } from '@/lib/visitors';
import { eventually } from '../helpers/realtime';
import { fixtureWorkspaceForFile } from '../helpers/workspace-fixtures';

// The live model answers its training examples as written, reading them from the version's stored
// copy: erasing the visitor an example was made from takes it out there, and every node forgets it.

const fixture = fixtureWorkspaceForFile();
// Registered after the fixture's, so it runs before the database is dropped.
afterAll(() => stopLiveClassifiers());

it('knows the live version’s stored examples, and forgets those of an erased visitor', async () => {
  const { siteId } = fixture.workspace;
  const visitor = await db().visitor.create({ data: { siteId } });
  const conversation = await db().conversation.create({
    data: { siteId, visitorId: visitor.id, status: 'bot' },
  });
  const theirWords = 'my order 9921 never came';
  const message = await db().message.create({
    data: {
      conversationId: conversation.id,
      seq: 1,
      sender: 'visitor',
      clientId: 'c1',
      body: theirWords,
    },
  });
  const orders = await db().intent.create({ data: { siteId, name: 'order_status' } });
  await db().trainingExample.create({
    data: { intentId: orders.id, text: theirWords, source: 'conversation', messageId: message.id },
  });
  const examples: TrainingExampleInput[] = [
    ...['where is my parcel', 'track my order', 'has my order shipped', theirWords].map((text) => ({
      text,
      intent: 'order_status',
    })),
    ...['I want a refund', 'money back please', 'refund my order', 'can I return it'].map(
      (text) => ({ text, intent: 'refund' }),
    ),
  ];
  const { model, metrics } = await train(examples, {
    language: 'en',
    seed: 1,
    threads: 1,
    builtInOutOfScope: false,
  });
  const version = await db().modelVersion.create({
    data: {
      siteId,
      version: 1,
      artifact: Buffer.from(serialize(model)),
      metrics,
      trainingExamples: examples,
      exampleCount: examples.length,
      intentCount: 2,
    },
  });
  await db().site.update({ where: { id: siteId }, data: { activeModelVersionId: version.id } });

  const live = async () => (await liveClassifier(siteId))!.classifier;
  expect(await classify(await live(), 'My order 9921 never came!')).toMatchObject({
    intent: 'order_status',
    confidence: 1,
    knownExample: true,
  });
  expect((await classify(await live(), 'track my order')).knownExample).toBe(true);

  await db().$transaction((tx) => eraseVisitors(tx, siteId, [visitor.id]));

  // The node hears that the live version changed and loads it again, without their words.
  await eventually(
    async () => (await classify(await live(), theirWords)).knownExample === undefined,
    10_000,
  );
  expect((await classify(await live(), 'track my order')).knownExample).toBe(true);
  const stored = await db().modelVersion.findUniqueOrThrow({ where: { id: version.id } });
  expect(JSON.stringify(stored.trainingExamples)).not.toContain('9921');
  expect(Buffer.from(stored.artifact).toString('latin1')).not.toContain(theirWords);
});
