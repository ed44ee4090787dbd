import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopModels } from '@/lib/ai';
import { db } from '@/lib/db';
import {
  deleteArticle,
  importArticles,
  indexArticle,
  RELEVANCE_FIT,
  retrieve,
  saveArticle,
} from '@/lib/knowledge';
import { buildModelFixtures, EMBEDDING_FIXTURE, configureFixtureModels } from '../fixtures/models';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { eventually } from '../helpers/realtime';
import { createFixtureWorkspace } from '../helpers/workspace-fixtures';

configureFixtureModels({ generation: null });

let database: TestDatabase;

beforeAll(async () => {
  await buildModelFixtures();
  database = await createTestDatabase();
});

afterAll(async () => {
  await stopModels();
  await database.drop();
});

async function newSite(): Promise<string> {
  return (await createFixtureWorkspace({ agents: 0 })).siteId;
}

describe('hybrid retrieval', () => {
  let siteId: string;
  // The hybrid weights were fitted with the built-in sentence encoder; read them with the fixture's.
  const fittedWith = RELEVANCE_FIT.hybrid.embeddingModel;

  afterAll(() => {
    RELEVANCE_FIT.hybrid.embeddingModel = fittedWith;
  });

  beforeAll(async () => {
    RELEVANCE_FIT.hybrid.embeddingModel = `${EMBEDDING_FIXTURE.id}@${EMBEDDING_FIXTURE.dtype}`;
    siteId = await newSite();
    await db().article.createMany({
      data: [
        {
          title: 'Parcel tracking',
          body: 'Every parcel gets a tracking link by email once it leaves our warehouse.',
        },
        { title: 'Packaging', body: 'We use recycled packaging and paper tape.' },
        {
          title: 'ZX-200 desk lamp',
          body: 'The ZX-200 desk lamp has a five-year warranty on its LED module.',
        },
        {
          title: 'Warranty',
          body: 'Furniture and lighting come with a two-year warranty against defects.',
        },
        { title: 'Ceramics', body: 'Mugs and bowls are dishwasher safe.' },
      ].map((article) => ({ ...article, siteId, url: null })),
    });
  });

  it('indexes new articles at the first question; embeddings follow in the background', async () => {
    const first = await retrieve(siteId, 'parcel tracking');
    expect(first.passages[0].title).toBe('Parcel tracking');
    await expect
      .poll(async () => (await retrieve(siteId, 'parcel tracking')).mode, { timeout: 10_000 })
      .toBe('hybrid');
    const chunks = await db().articleChunk.findMany({ where: { article: { siteId } } });
    expect(chunks).toHaveLength(5);
    const model = `${EMBEDDING_FIXTURE.id}@${EMBEDDING_FIXTURE.dtype}`;
    expect(
      chunks.every((chunk) => chunk.embeddingModel === model && chunk.embedding?.length === 64),
    ).toBe(true);
  });

  it('finds by meaning what keywords miss: "package" is about parcels, not packaging', async () => {
    const result = await retrieve(siteId, 'where is my package');
    expect(result.mode).toBe('hybrid');
    expect(result.passages[0].title).toBe('Parcel tracking');
    // The calibration reads the dense score too: no shared word, yet not a flat "no".
    expect(result.features).toMatchObject({ coverage: 0, meaning: expect.any(Number) });
    expect(result.features!.meaning).toBeGreaterThan(0.5);
    expect(result.confidence).toBeGreaterThan(0.2);
    const byKeywords = [...result.passages].sort((a, b) => b.keywordScore - a.keywordScore);
    expect(byKeywords[0].title).toBe('Packaging');
  });

  it('reads the dense score for confidence only with the embedding model it was fitted on', async () => {
    const fixture = RELEVANCE_FIT.hybrid.embeddingModel;
    RELEVANCE_FIT.hybrid.embeddingModel = 'some/other-embedder@q8';
    try {
      const result = await retrieve(siteId, 'where is my package');
      expect(result.mode).toBe('hybrid');
      expect(result.passages[0].title).toBe('Parcel tracking');
      // Keywords alone see no match: a model nobody calibrated cannot make the bot bolder.
      expect(result.features).toMatchObject({ meaning: null, coverage: 0 });
      expect(result.knows).toBe(false);
    } finally {
      RELEVANCE_FIT.hybrid.embeddingModel = fixture;
    }
  });

  it('still lets exact keywords decide on names the embeddings do not know', async () => {
    const result = await retrieve(siteId, 'what warranty does the ZX-200 have');
    expect(result.passages[0].title).toBe('ZX-200 desk lamp');
    expect(result.passages[0].keywordScore).toBeGreaterThan(result.passages[1].keywordScore);
  });

  it('says it does not know when no article is about the question', async () => {
    const result = await retrieve(siteId, 'can I bring my dog to the store');
    expect(result.knows).toBe(false);
    expect(result.confidence).toBeLessThan(result.threshold);
  });
});

describe('incremental re-indexing', () => {
  const body = (delivery: string) =>
    `# Shipping\n\n## Delivery times\n${delivery}\n\n## Costs\nExpress shipping costs $12.\n\n## International\nWe ship to Canada and the EU.`;

  it('embeds only what changed, and skips an unchanged article', async () => {
    const siteId = await newSite();
    const created = await saveArticle(siteId, {
      title: 'Shipping',
      body: body('Standard shipping takes 3-5 business days.'),
      url: 'https://shop.example/help/shipping',
    });
    expect(created.index).toMatchObject({ skipped: false, chunks: 3, embedded: 3, reused: 0 });
    const before = await db().articleChunk.findMany({
      where: { articleId: created.articleId },
      orderBy: { position: 'asc' },
    });

    expect(await indexArticle(created.articleId)).toMatchObject({ skipped: true });

    const edited = await saveArticle(
      siteId,
      { title: 'Shipping', body: body('Standard shipping takes 2-4 business days.'), url: null },
      created.articleId,
    );
    expect(edited.index).toMatchObject({ skipped: false, chunks: 3, embedded: 1, reused: 2 });
    const after = await db().articleChunk.findMany({
      where: { articleId: created.articleId },
      orderBy: { position: 'asc' },
    });
    expect(after[0].text).toContain('2-4 business days');
    expect(Buffer.from(after[0].embedding!).equals(Buffer.from(before[0].embedding!))).toBe(false);
    expect(Buffer.from(after[1].embedding!).equals(Buffer.from(before[1].embedding!))).toBe(true);
    expect(Buffer.from(after[2].embedding!).equals(Buffer.from(before[2].embedding!))).toBe(true);

    const renamed = await saveArticle(
      siteId,
      { title: 'Delivery', body: body('Standard shipping takes 2-4 business days.') },
      created.articleId,
    );
    expect(renamed.index).toMatchObject({ embedded: 3, reused: 0 });
  });

  it('sees edits made anywhere (another server, a script) within a second', async () => {
    const siteId = await newSite();
    const { articleId } = await saveArticle(siteId, {
      title: 'Gift cards',
      body: 'Gift cards never expire.',
    });
    expect((await retrieve(siteId, 'do gift cards expire')).passages[0].text).toBe(
      'Gift cards never expire.',
    );

    await db().article.update({
      where: { id: articleId },
      data: { body: 'Gift cards expire after five years.' },
    });
    // Every node hears of the change (a trigger's notification) and looks at the articles again.
    const answered = async () => (await retrieve(siteId, 'do gift cards expire')).passages[0]?.text;
    await eventually(
      async () => (await answered()) === 'Gift cards expire after five years.',
      1_000,
    );

    expect(await deleteArticle(siteId, articleId)).toBe(true);
    await eventually(async () => (await answered()) === undefined, 1_000);
  });
});

describe('importing articles', () => {
  it('reads markdown (front matter, first heading) and JSON, and updates on re-import', async () => {
    const siteId = await newSite();
    const files = [
      {
        name: 'returns.md',
        content: '---\nurl: https://shop.example/returns\n---\n# Returns\n\nReturn within 30 days.',
      },
      { name: 'care.md', content: 'Wash by hand.' },
      {
        name: 'faq.json',
        content: JSON.stringify([
          { title: 'Payment', body: 'We accept Visa.', url: 'https://shop.example/pay' },
        ]),
      },
      { name: 'broken.json', content: '[{"title": ""}]' },
    ];
    const first = await importArticles(siteId, files);
    expect(first).toMatchObject({ created: 3, updated: 0 });
    expect(first.failed).toEqual([
      { name: 'broken.json', reason: expect.stringContaining('title') },
    ]);
    const articles = await db().article.findMany({ where: { siteId } });
    expect(articles.map((article) => [article.title, article.url]).sort()).toEqual([
      ['Payment', 'https://shop.example/pay'],
      ['Returns', 'https://shop.example/returns'],
      ['care', null],
    ]);
    expect(articles.every((article) => article.indexedHash !== null)).toBe(true);

    const again = await importArticles(siteId, files.slice(0, 3));
    expect(again).toMatchObject({ created: 0, updated: 3, failed: [] });
    expect(await db().article.count({ where: { siteId } })).toBe(3);
  });
});

describe('visitor words the articles never use', () => {
  it('finds the article by a WordNet synonym of its words or of a two-word name in it', async () => {
    const siteId = await newSite();
    await db().article.createMany({
      data: [
        { title: 'Warranty', body: 'Furniture comes with a two-year warranty against defects.' },
        { title: 'International', body: 'We ship to the United Kingdom and Canada.' },
        { title: 'Ceramics', body: 'Mugs and bowls are dishwasher safe.' },
      ].map((article) => ({ ...article, siteId, url: null })),
    });
    const bestByKeywords = async (question: string) => {
      const { passages } = await retrieve(siteId, question, { limit: 3 });
      const best = passages.reduce((top, passage) =>
        passage.keywordScore > top.keywordScore ? passage : top,
      );
      return best.keywordScore > 0 ? best.title : null;
    };
    expect(await bestByKeywords('is there a guarantee')).toBe('Warranty');
    expect(await bestByKeywords('do you post orders to the UK')).toBe('International');
    expect(await bestByKeywords('is there a loyalty scheme')).toBeNull();
  });
});
