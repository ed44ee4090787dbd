import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseModel, embed, generate, modelStatus, stopModels } from '@/lib/ai';
import { replyToVisitor } from '@/lib/bot';
import { db } from '@/lib/db';
import { retrieve } from '@/lib/knowledge';
import { BotSettingsSchema } from '@/lib/schemas/site';
import { stopLiveClassifiers } from '@/lib/training';
import {
  buildModelFixtures,
  configureFixtureModels,
  EMBEDDING_FIXTURE,
  FIXTURE_ANSWER,
  GENERATION_FIXTURE,
} from '../fixtures/models';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createFixtureWorkspace } from '../helpers/workspace-fixtures';

// A fresh install: no model in the models folder, downloads not allowed.
configureFixtureModels({ embedding: null, generation: null });

interface DemoQuestions {
  answerable: { question: string; article: string }[];
  unanswerable: string[];
}

let database: TestDatabase;
let siteId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  siteId = (await createFixtureWorkspace({ agents: 0 })).siteId;
  const articles = JSON.parse(await readFile('prisma/seed/articles.en.json', 'utf8'));
  await db().article.createMany({
    data: articles.map((article: object) => ({ ...article, siteId })),
  });
});

afterAll(async () => {
  await stopLiveClassifiers();
  await stopModels();
  await database.drop();
});

describe('without any model installed', () => {
  it('turns embeddings and generation off and says how to turn them on', async () => {
    expect(await embed(['hello'])).toBeNull();
    expect(await generate({ messages: [{ role: 'user', content: 'hello' }] })).toMatchObject({
      outcome: 'unavailable',
      text: '',
    });
    const status = modelStatus();
    expect(status.map((entry) => [entry.capability, entry.state])).toEqual([
      ['embedding', 'off'],
      ['generation', 'off'],
    ]);
    for (const entry of status) {
      expect(entry.detail).toMatch(/^Off\. /);
      expect(entry.howToEnable).toContain('npm run models:pull');
      expect(entry.howToEnable).toContain('ALLOW_REMOTE_MODELS=true');
    }
  });

  it('still finds the right article by keywords for the demo questions (recall@3)', async () => {
    const questions: DemoQuestions = JSON.parse(
      await readFile('tests/fixtures/demo-kb-questions.json', 'utf8'),
    );
    let found = 0;
    let known = 0;
    let knownWrongly = 0;
    for (const { question, article } of questions.answerable) {
      const result = await retrieve(siteId, question);
      expect(result.mode).toBe('keywords');
      if (result.passages.some((passage) => passage.title === article)) found += 1;
      if (result.knows && result.passages[0].title === article) known += 1;
      else if (result.knows) knownWrongly += 1;
    }
    let declined = 0;
    for (const question of questions.unanswerable) {
      if (!(await retrieve(siteId, question)).knows) declined += 1;
    }
    expect(found / questions.answerable.length).toBeGreaterThanOrEqual(0.95);
    // At the default wrong-answer budget the articles answer only when sure, and then rightly.
    expect(known / questions.answerable.length).toBeGreaterThanOrEqual(0.6);
    expect(knownWrongly).toBe(0);
    expect(declined / questions.unanswerable.length).toBeGreaterThanOrEqual(0.85);
  });

  it('answers from the knowledge base by quoting the best passage, with its citation', async () => {
    const reply = await replyToVisitor({
      site: { id: siteId, language: 'en', botSettings: BotSettingsSchema.parse({}) },
      conversation: { id: 'conversation', fallbackCount: 0 },
      visitorMessage: { id: 'message', body: 'Do gift cards expire?' },
      history: [],
      signal: new AbortController().signal,
    });
    expect(reply.decision).toBe('answer');
    expect(reply.text).toBe(
      'Here is what our help article "Gift cards" says:\n“Digital gift cards are sent by email within minutes and never expire. They come in values from $25 to $500. ' +
        'Gift cards cannot be exchanged for cash. You can check your balance at checkout.”',
    );
    expect(reply.citations).toEqual([
      expect.objectContaining({
        title: 'Gift cards',
        url: 'https://juniper.example/help/gift-cards',
      }),
    ]);
  });

  it('turns a capability on, without a restart, when an admin picks an installed model', async () => {
    await buildModelFixtures();
    await chooseModel({ capability: 'embedding', model: EMBEDDING_FIXTURE });
    expect(await db().setting.findUnique({ where: { key: 'models.embedding' } })).toMatchObject({
      value: EMBEDDING_FIXTURE,
    });
    expect(await embed(['hello'])).toHaveLength(1);
    await expect
      .poll(async () => (await retrieve(siteId, 'Do gift cards expire?')).mode, { timeout: 10_000 })
      .toBe('hybrid');

    const status = await chooseModel({ capability: 'generation', model: GENERATION_FIXTURE });
    expect(status.find((entry) => entry.capability === 'generation')).toMatchObject({
      model: GENERATION_FIXTURE,
      state: 'loading',
    });
    const reply = await generate({ messages: [{ role: 'user', content: 'hello' }] });
    expect(reply.text.trim()).toBe(FIXTURE_ANSWER);
    expect(modelStatus().map((entry) => entry.state)).toEqual(['ready', 'ready']);
  });
});
