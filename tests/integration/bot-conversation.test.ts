import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { stopModels } from '@/lib/ai';
import { db } from '@/lib/db';
import type { VisitorMessage } from '@/lib/schemas/events';
import { stopLiveClassifiers } from '@/lib/training';
import { buildModelFixtures, FIXTURE_ANSWER, configureFixtureModels } from '../fixtures/models';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import {
  connectAgent,
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
let adminToken: string;

beforeAll(async () => {
  await buildModelFixtures();
  database = await createTestDatabase();
  const workspace = await createFixtureWorkspace({ agents: 0 });
  siteId = workspace.siteId;
  adminToken = workspace.admin.token;
  await db().intent.create({
    data: {
      siteId,
      name: 'business_info',
      buttonLabel: 'Opening hours',
      responses: { create: [{ body: 'We are open Monday to Friday, 9:00-17:00.' }] },
    },
  });
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

/** Sends a visitor message and waits for the bot's reply to it. */
async function ask(
  socket: Awaited<ReturnType<typeof connectVisitor>>,
  body: string,
  choice?: { label: string; intent?: string; action?: 'human' },
): Promise<VisitorMessage> {
  const clientId = newClientId();
  const ack = await socket.emitWithAck('message:send', { clientId, body, choice });
  if (!ack.ok) throw new Error(ack.error.message);
  const reply = nextEvent<VisitorMessage>(
    socket,
    'message',
    (message) => message.sender === 'bot' && message.clientId === `bot:${ack.message.id}`,
    30_000,
  );
  return reply;
}

it('while the visitor waits for a person nobody is online for, the bot keeps helping', async () => {
  const socket = await connectVisitor(realtime.url, await visitorToken(siteId));
  const handedOff = await ask(socket, 'I want to talk to a human');
  expect(handedOff.body).toBe(
    "Sure. Until someone from our team gets back to you, I'm happy to answer what I can.",
  );
  // The handoff is stored just after the reply that announces it is delivered.
  const conversation = await vi.waitFor(
    async () => {
      const stored = await db().conversation.findFirstOrThrow({
        where: { id: handedOff.conversationId },
      });
      expect(stored).toMatchObject({ status: 'open', assigneeId: null });
      return stored;
    },
    { timeout: 5_000, interval: 50 },
  );

  // The bot still answers what it knows…
  const answered = await ask(socket, 'How much does express shipping cost?');
  expect(answered.body).not.toMatch(/don't know/);
  expect(answered.citations.length).toBeGreaterThan(0);
  // …and "talk to a human" always gets a reply.
  const again = await ask(socket, 'I want to talk to a human');
  expect(again.body).toMatch(/Until someone from our team gets back to you/);

  // Once an agent takes the conversation, the bot is silent.
  const agent = await connectAgent(realtime.url, adminToken);
  const taken = await agent.emitWithAck('conversation:take-over', {
    conversationId: conversation.id,
  });
  expect(taken.ok).toBe(true);
  const ack = await socket.emitWithAck('message:send', { clientId: newClientId(), body: 'hello?' });
  expect(ack.ok).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const last = await db().message.findFirstOrThrow({
    where: { conversationId: conversation.id },
    orderBy: { seq: 'desc' },
  });
  expect(last).toMatchObject({ sender: 'visitor', body: 'hello?' });
  [socket, agent].forEach((client) => client.close());
});

it('answers a clicked button as the intent it stands for, and only a button it offered', async () => {
  const socket = await connectVisitor(realtime.url, await visitorToken(siteId));
  const fallback = await ask(socket, 'Can I bring my dog to your store?');
  // The bot offered "Opening hours" (its last message's buttons, as the inbox shows them).
  const offered = { label: 'Opening hours', intent: 'business_info' };
  await db().message.update({ where: { id: fallback.id }, data: { choices: [offered] } });

  const answered = await ask(socket, 'Opening hours', offered);
  expect(answered.body).toBe('We are open Monday to Friday, 9:00-17:00.');
  const stored = await db().message.findMany({
    where: { conversationId: fallback.conversationId },
    orderBy: { seq: 'asc' },
    select: { sender: true, intent: true, choices: true },
  });
  // The visitor's message carries the button it clicked; the bot's reply the intent it answered.
  expect(stored.at(-2)).toMatchObject({ sender: 'visitor', choices: [offered] });
  expect(stored.at(-1)).toMatchObject({ sender: 'bot', intent: 'business_info' });

  // A button the last bot message did not offer is read as text only.
  const forged = await ask(socket, 'Opening hours', { label: 'Opening hours', intent: 'nope' });
  expect(forged.body).not.toBe('We are open Monday to Friday, 9:00-17:00.');
  socket.close();
});

it('stops answering once an agent replies to a waiting conversation without taking it first', async () => {
  const socket = await connectVisitor(realtime.url, await visitorToken(siteId));
  const handedOff = await ask(socket, 'I want to talk to a human');
  const agent = await connectAgent(realtime.url, adminToken);
  const sent = await agent.emitWithAck('message:send', {
    conversationId: handedOff.conversationId,
    clientId: newClientId(),
    body: 'Hi, Ada here. How can I help?',
  });
  expect(sent.ok).toBe(true);
  // Replying takes the conversation: the bot must not talk over the agent.
  expect(
    await db().conversation.findUniqueOrThrow({ where: { id: handedOff.conversationId } }),
  ).toMatchObject({ status: 'open', assigneeId: expect.any(String) });
  const ack = await socket.emitWithAck('message:send', {
    clientId: newClientId(),
    body: 'How much does express shipping cost?',
  });
  expect(ack.ok).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const last = await db().message.findFirstOrThrow({
    where: { conversationId: handedOff.conversationId },
    orderBy: { seq: 'desc' },
  });
  expect(last).toMatchObject({ sender: 'visitor', body: 'How much does express shipping cost?' });
  [socket, agent].forEach((client) => client.close());
});
