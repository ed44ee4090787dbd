import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stopModels } from '@/lib/ai';
import { db } from '@/lib/db';
import type { VisitorMessage } from '@/lib/schemas/events';
import { stopLiveClassifiers } from '@/lib/training';
import { buildModelFixtures, FIXTURE_ANSWER, configureFixtureModels } from '../fixtures/models';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import {
  connectVisitor,
  liftAddressLimits,
  newClientId,
  nextEvent,
  startRealtime,
  visitorToken,
} from '../helpers/realtime';
import { createFixtureWorkspace } from '../helpers/workspace-fixtures';

configureFixtureModels();
liftAddressLimits();

let database: TestDatabase;
let realtime: Awaited<ReturnType<typeof startRealtime>>;
let siteId: string;

beforeAll(async () => {
  await buildModelFixtures();
  database = await createTestDatabase();
  siteId = (await createFixtureWorkspace({ agents: 0 })).siteId;
  const articles = JSON.parse(await readFile('prisma/seed/articles.en.json', 'utf8'));
  await db().article.createMany({
    data: articles.map((article: object) => ({ ...article, siteId })),
  });
  realtime = await startRealtime(); // the real bot (lib/bot)
});

afterAll(async () => {
  await realtime?.close();
  await stopLiveClassifiers();
  await stopModels();
  await database?.drop();
});

it('streams a generated answer to the visitor socket and stores it with its citations', async () => {
  const socket = await connectVisitor(realtime.url, await visitorToken(siteId));
  const tokens: string[] = [];
  socket.on('bot:token', (token: { text: string }) => tokens.push(token.text));
  const botMessage = nextEvent<VisitorMessage>(
    socket,
    'message',
    (message) => message.sender === 'bot',
    30_000,
  );
  const ack = await socket.emitWithAck('message:send', {
    clientId: newClientId(),
    body: 'How much does express shipping cost and how long does standard shipping take?',
  });
  expect(ack.ok).toBe(true);

  const message = await botMessage;
  expect(message.body).toBe(FIXTURE_ANSWER);
  expect(tokens.length).toBeGreaterThan(5);
  expect(tokens.join('').trim()).toBe(FIXTURE_ANSWER);
  const shipping = await db().article.findFirstOrThrow({
    where: { siteId, title: 'Shipping and delivery' },
  });
  const citation = { articleId: shipping.id, title: shipping.title, url: shipping.url };
  expect(message.citations).toEqual([citation]);

  const stored = await db().message.findUniqueOrThrow({ where: { id: message.id } });
  expect(stored).toMatchObject({ sender: 'bot', body: FIXTURE_ANSWER, citations: [citation] });
  socket.close();
});
