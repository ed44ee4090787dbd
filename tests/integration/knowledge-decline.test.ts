import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopModels } from '@/lib/ai';
import { db } from '@/lib/db';
import { retrieve } from '@/lib/knowledge';
import { BotSettingsSchema } from '@/lib/schemas/site';
import { previewKnowledgeAnswer } from '@/lib/sites/preview-knowledge-answer';
import { stopLiveClassifiers } from '@/lib/training';
import { KbQuestionsSchema } from '@/scripts/kb-questions';
import { configureFixtureModels } from '../fixtures/models';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createFixtureWorkspace } from '../helpers/workspace-fixtures';

// Keywords only, as on a fresh install: the calibration the demo shop ships with.
configureFixtureModels({ embedding: null, generation: null });

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

async function setBotSettings(settings: object): Promise<void> {
  await db().site.update({
    where: { id: siteId },
    data: { botSettings: BotSettingsSchema.parse(settings) },
  });
}

describe('knowledge-base answers that decline', () => {
  it('declines gift wrapping, though "Payment methods" mentions gift cards', async () => {
    const retrieval = await retrieve(siteId, 'Do you offer gift wrapping?');
    expect(retrieval.knows).toBe(false);
    expect(retrieval.confidence).toBeLessThan(retrieval.threshold);
    const { reply } = await previewKnowledgeAnswer(siteId, 'Do you offer gift wrapping?');
    expect(reply.decision).toBe('fallback');
    expect(reply.citations).toEqual([]);
  });

  it('declines opening hours, which no article gives', async () => {
    const retrieval = await retrieve(siteId, 'What are your opening hours?');
    expect(retrieval.knows).toBe(false);
    const { reply } = await previewKnowledgeAnswer(siteId, 'What are your opening hours?');
    expect(reply.decision).toBe('fallback');
  });

  it('answers a paraphrase with the article that answers it', async () => {
    const question = 'Can the mugs go in the dishwasher?';
    const retrieval = await retrieve(siteId, question);
    expect(retrieval.knows).toBe(true);
    const { reply } = await previewKnowledgeAnswer(siteId, question);
    expect(reply.decision).toBe('answer');
    expect(reply.citations.map((citation) => citation.title)).toEqual([
      'Care instructions for ceramics',
    ]);
    expect(reply.text).toContain('dishwasher safe');
  });

  it("follows the site's own minimum, and its wrong-answer budget when it has none", async () => {
    const question = 'Can the mugs go in the dishwasher?';
    const confident = await retrieve(siteId, question);
    await setBotSettings({ knowledgeMinConfidence: 0.999 });
    expect((await previewKnowledgeAnswer(siteId, question)).reply.decision).toBe('fallback');

    const strict = await retrieve(siteId, 'how do I send an item back', {
      settings: { knowledgeMinConfidence: null, wrongAnswerBudget: 0.001 },
    });
    const loose = await retrieve(siteId, 'how do I send an item back', {
      settings: { knowledgeMinConfidence: null, wrongAnswerBudget: 0.5 },
    });
    expect(strict.confidence).toBe(loose.confidence);
    expect(strict.threshold).toBeGreaterThan(confident.threshold);
    expect(loose.threshold).toBeLessThan(confident.threshold);
    await setBotSettings({});
  });

  it('keeps its fitted promise on the dev questions: at most 2% answered wrongly', async () => {
    const questions = KbQuestionsSchema.parse(
      JSON.parse(await readFile('tests/fixtures/kb-questions.dev.json', 'utf8')),
    );
    let wrong = 0;
    let right = 0;
    for (const { question, article } of questions) {
      const retrieval = await retrieve(siteId, question);
      if (!retrieval.knows) continue;
      if (retrieval.passages[0].title === article) right += 1;
      else wrong += 1;
    }
    expect(wrong / questions.length).toBeLessThanOrEqual(0.02);
    const answerable = questions.filter((question) => question.article !== null).length;
    expect(right / answerable).toBeGreaterThanOrEqual(0.4);
  });
});
