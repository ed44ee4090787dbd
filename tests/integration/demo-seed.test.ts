import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopModels } from '@/lib/ai';
import { replyToVisitor } from '@/lib/bot';
import { db } from '@/lib/db';
import type { PrismaClient } from '@/lib/db/generated/client';
import { DEMO_SITE_KEY, DEMO_SITE_KEY_ZH, seedDemo } from '@/lib/db/seed';
import { BotSettingsSchema, WidgetSettingsSchema } from '@/lib/schemas/site';
import { listSites } from '@/lib/sites';
import { startTrainingRun, stopLiveClassifiers } from '@/lib/training';
import { configureFixtureModels } from '../fixtures/models';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// As on a first start without models: the bot has only its classifier and BM25 over the articles.
configureFixtureModels({ embedding: null, generation: null });

const ADMIN = { adminEmail: 'a@example.com', adminPassword: 'password123' };

describe('the demo seed: an English and a Chinese shop', () => {
  let database: TestDatabase;
  let seededSiteIds: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    seededSiteIds = (await seedDemo(db(), ADMIN)).siteIds;
  });
  afterAll(async () => {
    await stopLiveClassifiers();
    await stopModels();
    await database.drop();
  });

  it('creates both sites in one workspace, English first, each with intents and articles', async () => {
    const workspace = await db().workspace.findFirstOrThrow();
    const sites = await listSites(workspace.id);
    expect(sites.map((site) => site.publicKey)).toEqual([DEMO_SITE_KEY, DEMO_SITE_KEY_ZH]);
    expect(sites.map((site) => site.id)).toEqual(seededSiteIds);
    const chinese = await db().site.findUniqueOrThrow({
      where: { publicKey: DEMO_SITE_KEY_ZH },
      include: { intents: { include: { examples: true } }, articles: true },
    });
    expect(chinese.language).toBe('zh');
    expect(WidgetSettingsSchema.parse(chinese.widgetSettings)).toMatchObject({
      title: '炉边小铺客服',
      launcherText: '在线客服',
    });
    expect(BotSettingsSchema.parse(chinese.botSettings).offlineMessage).toMatch(/客服暂时不在线/);
    expect(chinese.intents.map((intent) => intent.name).sort()).toEqual([
      'business_info',
      'complaint',
      'goodbye',
      'greeting',
      'help',
      'human_handoff',
      'oos',
      'order_status',
      'returns_refunds',
      'shipping',
      'thanks',
    ]);
    for (const intent of chinese.intents) {
      expect(intent.examples.length, intent.name).toBeGreaterThanOrEqual(15);
    }
    expect(
      chinese.intents
        .filter((intent) => intent.handoff)
        .map((intent) => intent.name)
        .sort(),
    ).toEqual(['complaint', 'human_handoff']);
    expect(chinese.articles.map((article) => article.title)).toContain('退换货政策');
  });

  it('seeds once: a second start changes nothing', async () => {
    const before = await Promise.all([db().site.count(), db().intent.count(), db().user.count()]);
    expect(await seedDemo(db(), ADMIN)).toEqual({ seeded: false, siteIds: [] });
    expect(await Promise.all([db().site.count(), db().intent.count(), db().user.count()])).toEqual(
      before,
    );
  });

  /** Trains a seeded shop as a first start does; asks its bot as a new visitor would. */
  function trainedShop(index: number, language: 'en' | 'zh') {
    let siteId = '';
    beforeAll(async () => {
      siteId = seededSiteIds[index];
      await startTrainingRun({ siteId, activateWhenDone: true });
      // The run is marked succeeded just before its version goes live: wait for the live one.
      while (!(await db().site.findUniqueOrThrow({ where: { id: siteId } })).activeModelVersionId) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    return (body: string) =>
      replyToVisitor({
        site: { id: siteId, language, botSettings: BotSettingsSchema.parse({}) },
        conversation: { id: 'c1', fallbackCount: 0 },
        visitorMessage: { id: 'm1', body },
        history: [],
        signal: new AbortController().signal,
      });
  }

  describe('the English bot, trained as a first start trains it', () => {
    const ask = trainedShop(0, 'en');

    it('answers a gift card question from the gift cards intent, citing its article', async () => {
      const reply = await ask('Do gift cards expire?');
      expect(reply).toMatchObject({ decision: 'answer', intent: 'gift_cards' });
      expect(reply.citations.map((citation) => citation.title)).toEqual(['Gift cards']);
    });

    // The intent is sure of its topic; its article does not give the detail asked.
    it.each([
      ['Do you offer gift wrapping?', 'gift_cards'],
      ['Can I buy an extended warranty?', 'warranty'],
    ])('does not answer "%s" with the %s response, but offers it', async (question, intent) => {
      const reply = await ask(question);
      expect(reply.decision).toBe('fallback');
      expect(reply.citations).toEqual([]);
      expect(reply.choices.map((choice) => choice.intent)).toContain(intent);
    });

    // A guess far below the threshold is noise, not a suggestion: only a way to a person is offered.
    it.each(['Do you assemble furniture?', "What's the weather like in Paris?"])(
      'offers no intent for "%s", which none is about',
      async (question) => {
        const reply = await ask(question);
        expect(reply.decision).toBe('fallback');
        expect(reply.choices.filter((choice) => choice.intent)).toEqual([]);
        expect(reply.choices.length).toBeGreaterThan(0);
      },
    );
  });

  describe('the Chinese bot, trained as a first start trains it', () => {
    const ask = trainedShop(1, 'zh');

    // From the intent or its article: both cite the article, and the article answers when it is surer.
    it.each([
      ['我想退货', '退换货政策', /30 天内/],
      ['你们的营业时间是什么', '联系我们', /9:00–18:00/],
      ['东西收到了不喜欢，可以退款不', '退换货政策', /退款/],
      ['快递一般几天能到啊', '配送说明', /2–4 天/],
      // No intent is about points: the classifier's silence must not keep the article from answering.
      ['积分会过期吗', '会员积分', /12 个月/],
      ['积分怎么用', '会员积分', /积分/],
    ])('answers %s from %s', async (message, article, text) => {
      const reply = await ask(message);
      expect(reply.decision).toBe('answer');
      expect(reply.citations.map((citation) => citation.title)).toEqual([article]);
      expect(reply.text).toMatch(text);
    });

    it('understands an English question from the English examples the site has', async () => {
      expect(await ask('can I get a refund?')).toMatchObject({
        decision: 'answer',
        intent: 'returns_refunds',
      });
    });

    it('apologizes for a complaint and hands over to a person', async () => {
      const reply = await ask('等了十天还没收到，你们太过分了');
      expect(reply).toMatchObject({ decision: 'handoff', intent: 'complaint' });
      expect(reply.text).toMatch(/抱歉/);
    });

    it('says honestly that it cannot help with something unrelated', async () => {
      const reply = await ask('给我推荐一本好看的小说');
      expect(reply.decision).toBe('fallback');
      expect(reply.text).toMatch(/^抱歉，我不知道/);
    });

    // The weather's best guess, shipping, was offered as a button before the floor.
    it('offers no intent for a question about the weather', async () => {
      const reply = await ask('明天北京天气怎么样');
      expect(reply.decision).toBe('fallback');
      expect(reply.choices.filter((choice) => choice.intent)).toEqual([]);
    });
  });
});

describe('the demo seed on a slow database', () => {
  it("finishes though its transaction outlasts Prisma's default of 5 s", async () => {
    const database = await createTestDatabase();
    try {
      // Every statement 200 ms late, as on a loaded machine: the seed's ~35 take 7 s.
      const slow = db().$extends({
        query: {
          async $allOperations({ args, query }) {
            await sleep(200);
            return query(args);
          },
        },
      });
      const result = await seedDemo(slow as unknown as PrismaClient, ADMIN);
      expect(result.seeded).toBe(true);
      expect(await db().site.count()).toBe(2);
    } finally {
      await database.drop();
    }
  }, 60_000);
});
