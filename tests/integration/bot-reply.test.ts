import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopModels } from '@/lib/ai';
import { replyToVisitor, type BotTurn } from '@/lib/bot';
import { db } from '@/lib/db';
import { serialize, train } from '@/lib/nlp';
import { BotSettingsSchema, type BotSettings } from '@/lib/schemas/site';
import { activateModelVersion, stopLiveClassifiers } from '@/lib/training';
import { buildModelFixtures, FIXTURE_ANSWER, configureFixtureModels } from '../fixtures/models';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createFixtureWorkspace } from '../helpers/workspace-fixtures';

configureFixtureModels();

interface SeedIntent {
  name: string;
  examples: string[];
  responses: string[];
  quickReplies?: string[];
  handoff?: boolean;
}

let database: TestDatabase;

beforeAll(async () => {
  await buildModelFixtures();
  database = await createTestDatabase();
});

afterAll(async () => {
  await stopLiveClassifiers();
  await stopModels();
  await database.drop();
});

/** A site with the demo shop's articles and intents, optionally with a trained, active model. */
async function demoSite({ trained }: { trained: boolean }): Promise<string> {
  const { siteId } = await createFixtureWorkspace({ agents: 0 });
  const articles = JSON.parse(await readFile('prisma/seed/articles.en.json', 'utf8'));
  await db().article.createMany({
    data: articles.map((article: object) => ({ ...article, siteId })),
  });
  const intents: SeedIntent[] = JSON.parse(await readFile('prisma/seed/intents.en.json', 'utf8'));
  for (const intent of intents) {
    await db().intent.create({
      data: {
        siteId,
        name: intent.name,
        handoff: intent.handoff ?? false,
        quickReplies: intent.quickReplies ?? [],
        examples: { create: intent.examples.map((text) => ({ text })) },
        responses: { create: intent.responses.map((body, position) => ({ body, position })) },
      },
    });
  }
  if (trained) {
    const examples = intents.flatMap((intent) =>
      intent.examples.map((text) => ({ text, intent: intent.name })),
    );
    const { model, metrics } = await train(examples, { language: 'en', seed: 7 });
    const version = await db().modelVersion.create({
      data: {
        siteId,
        version: 1,
        artifact: serialize(model),
        metrics: JSON.parse(JSON.stringify(metrics)),
        exampleCount: examples.length,
        intentCount: intents.length,
      },
    });
    await activateModelVersion({ siteId, versionId: version.id });
  }
  return siteId;
}

function turn(
  siteId: string,
  body: string,
  options: { fallbackCount?: number; settings?: Partial<BotSettings>; signal?: AbortSignal } = {},
): BotTurn & { streamed: string[] } {
  const streamed: string[] = [];
  return {
    site: {
      id: siteId,
      language: 'en',
      botSettings: BotSettingsSchema.parse(options.settings ?? {}),
    },
    conversation: { id: 'conversation', fallbackCount: options.fallbackCount ?? 0 },
    visitorMessage: { id: 'message', body },
    history: [],
    signal: options.signal ?? new AbortController().signal,
    onToken: (text) => streamed.push(text),
    streamed,
  };
}

describe('the knowledge base answers what no intent covers (no trained model yet)', () => {
  let siteId: string;

  beforeAll(async () => {
    siteId = await demoSite({ trained: false });
  });

  it('writes an answer grounded in the articles, streams it, and cites them', async () => {
    const question = turn(
      siteId,
      'How much does express shipping cost and how long does standard shipping take?',
    );
    const reply = await replyToVisitor(question);
    expect(reply.decision).toBe('answer');
    expect(reply.text).toBe(FIXTURE_ANSWER);
    expect(question.streamed.join('').trim()).toBe(FIXTURE_ANSWER);
    expect(reply.citations).toEqual([
      expect.objectContaining({
        title: 'Shipping and delivery',
        url: 'https://juniper.example/help/shipping',
      }),
    ]);
  });

  it('quotes the best passage instead when the generated answer states numbers the articles do not', async () => {
    const question = turn(siteId, 'Are your bowls microwave safe?');
    const reply = await replyToVisitor(question);
    expect(reply.decision).toBe('answer');
    expect(reply.text).toMatch(
      /^Here is what our help article "Care instructions for ceramics" says:\n“.*microwave safe/s,
    );
    expect(reply.citations.map((citation) => citation.title)).toEqual([
      'Care instructions for ceramics',
    ]);
    // The invented "3-5" never reached the visitor.
    expect(question.streamed.join('')).toBe('Standard shipping takes ');
  });

  it('quotes the passage when the visitor has left before the answer was written', async () => {
    const left = new AbortController();
    left.abort();
    const reply = await replyToVisitor(
      turn(siteId, 'How much does express shipping cost?', { signal: left.signal }),
    );
    expect(reply.text).toMatch(/^Here is what our help article "Shipping and delivery" says:/);
    expect(reply.text).toContain('Express shipping costs $12');
  });

  it('says so honestly when nothing fits, and hands over after repeated fallbacks', async () => {
    const first = await replyToVisitor(turn(siteId, 'Can I bring my dog to your store?'));
    expect(first).toMatchObject({
      decision: 'fallback',
      choices: ['Talk to a human'],
      citations: [],
    });
    expect(first.text).toMatch(/^Sorry, I don't know/);

    const second = await replyToVisitor(
      turn(siteId, 'Can I bring my dog to your store?', { fallbackCount: 1 }),
    );
    expect(second).toMatchObject({
      decision: 'handoff',
      handoffReason: 'The bot could not answer 2 times in a row',
    });

    const patient = await replyToVisitor(
      turn(siteId, 'Can I bring my dog?', {
        fallbackCount: 1,
        settings: { fallbacksBeforeHandoff: 3 },
      }),
    );
    expect(patient.decision).toBe('fallback');
  });

  it('hands over on an explicit request or an upset visitor', async () => {
    expect(await replyToVisitor(turn(siteId, 'Can I speak to a real person?'))).toMatchObject({
      decision: 'handoff',
      handoffReason: 'The visitor asked for a human',
    });
    expect(
      await replyToVisitor(turn(siteId, 'This is ridiculous, the worst service ever')),
    ).toMatchObject({
      decision: 'handoff',
      handoffReason: 'The visitor sounds upset',
    });
  });
});

describe('with a trained intent model', () => {
  let siteId: string;

  beforeAll(async () => {
    siteId = await demoSite({ trained: true });
  });

  it("answers a confident intent with its response, filled with the visitor's order number", async () => {
    const reply = await replyToVisitor(turn(siteId, 'where is my order JN-48213?'));
    expect(reply).toMatchObject({ decision: 'answer', intent: 'order_status', citations: [] });
    expect(reply.text).toContain('a teammate can look up JN-48213.');
    expect(reply.confidence).toBeGreaterThan(0.3);
    const version = await db().site.findUniqueOrThrow({ where: { id: siteId } });
    expect(reply.modelVersionId).toBe(version.activeModelVersionId);
  });

  it('lets the generator rephrase an intent response when the intent asks for it', async () => {
    const plain = await replyToVisitor(turn(siteId, 'how much is shipping'));
    expect(plain).toMatchObject({ decision: 'answer', intent: 'shipping' });
    expect(plain.text).toMatch(/^Standard shipping takes 3-5 business days and is free over \$50/);

    await db().intent.update({
      where: { siteId_name: { siteId, name: 'shipping' } },
      data: { rephrase: true },
    });
    const question = turn(siteId, 'how much is shipping');
    const rephrased = await replyToVisitor(question);
    expect(rephrased).toMatchObject({ decision: 'answer', intent: 'shipping' });
    expect(rephrased.text).toBe(FIXTURE_ANSWER);
    expect(question.streamed.join('').trim()).toBe(FIXTURE_ANSWER);
  });

  it('hands over when the intent goes to a human', async () => {
    const reply = await replyToVisitor(turn(siteId, 'I want to speak to a person'));
    expect(reply).toMatchObject({
      decision: 'handoff',
      intent: 'human_handoff',
      handoffReason: `The visitor's message matched "human_handoff", which goes to a human`,
    });
  });

  it('asks which of two intents was meant when they are too close to call', async () => {
    // Greets and thanks at once: the model splits its confidence between the two.
    const reply = await replyToVisitor(
      turn(siteId, 'hello, thanks', { settings: { ambiguityMargin: 0.2 } }),
    );
    expect(reply.decision).toBe('clarify');
    expect(reply.choices).toHaveLength(3);
    expect(reply.choices.slice(0, 2).sort()).toEqual(['Greeting', 'Thanks']);
    expect(reply.choices[2]).toBe('Talk to a human');
  });
});
