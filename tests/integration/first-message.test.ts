import { afterAll, beforeAll, expect, it } from 'vitest';
import type pg from 'pg';
import type { BotReply, BotTurn } from '@/lib/bot/types';
import { createWebhookEndpoint } from '@/lib/webhooks';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  connectAgent,
  connectVisitor,
  eventually,
  liftAddressLimits,
  newClientId,
  startRealtime,
  visitorToken,
} from '../helpers/realtime';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

// A visitor's first message finds that they have no conversation and starts one in the statement
// that looks for it: two statements in all (it and the message's), where Prisma's reads and the
// insert made five. A site whose webhooks want `conversation.created` keeps the transaction that
// commits the event with the conversation.

liftAddressLimits();

let database: TestDatabase;
let workspace: FixtureWorkspace;
let releaseBot: () => void = () => {};
let botHeld = new Promise<void>((resolve) => (releaseBot = resolve));
const bot = async (turn: BotTurn): Promise<BotReply> => {
  await botHeld;
  return {
    decision: 'answer',
    text: `re: ${turn.visitorMessage.body}`,
    choices: [],
    citations: [],
  };
};

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 0 });
});

afterAll(async () => {
  await database?.drop();
});

function countStatements(): { statements: string[]; stop(): void } {
  const { pool } = (globalThis as unknown as { hearthDatabase: { pool: pg.Pool } }).hearthDatabase;
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const statements: string[] = [];
  pool.query = ((...args: unknown[]) => {
    const [query] = args as [string | { name?: string; text: string }];
    const text = typeof query === 'string' ? query : (query.name ?? query.text);
    if (!text.startsWith('SELECT "public"."Site"')) statements.push(text);
    return original(...args);
  }) as typeof pool.query;
  return {
    // The site is read once and cached where its change notifications are heard (the server);
    // these tests do not listen for them.
    statements,
    stop: () => (pool.query = original as typeof pool.query),
  };
}

it("starts a visitor's first conversation in the statement that looks for it: two statements", async () => {
  const realtime = await startRealtime({
    replyToVisitor: bot,
    botTurns: { sweepEveryMs: 60_000 },
  });
  const agent = await connectAgent(realtime.url, workspace.admin.token);
  const credentials = await visitorToken(workspace.siteId);
  const visitor = await connectVisitor(realtime.url, credentials);
  const updates: { id: string; status: string }[] = [];
  agent.on('conversation:updated', (conversation) => updates.push(conversation));
  const counted = countStatements();
  try {
    const ack = await visitor.emitWithAck('message:send', {
      clientId: newClientId(),
      body: 'hello',
    });
    counted.stop();
    if (!ack.ok) throw new Error(ack.error.message);
    expect(counted.statements).toEqual(['latest-conversation', 'store-message']);
    expect(ack.conversation.id).toBe(`${credentials.visitorId}-c1`);
    const stored = await db().conversation.findUniqueOrThrow({
      where: { id: ack.conversation.id },
      include: { messages: true },
    });
    expect(stored).toMatchObject({ status: 'bot', lastSeq: 1, visitorId: credentials.visitorId });
    expect(stored.messages.map((message) => message.body)).toEqual(['hello']);
    // The inbox hears of the new conversation (conversation.created), then of its message.
    await eventually(() => updates.length >= 2);
    expect(updates[0]).toMatchObject({ id: ack.conversation.id, status: 'bot' });

    // The next message goes to the same conversation through the remembered one: one statement.
    const again = countStatements();
    const second = await visitor.emitWithAck('message:send', {
      clientId: newClientId(),
      body: 'are you there',
    });
    again.stop();
    if (!second.ok) throw new Error(second.error.message);
    expect(again.statements).toEqual(['store-message']);
    expect(second.conversation.id).toBe(ack.conversation.id);
    releaseBot();
    await eventually(
      async () =>
        (await db().message.count({
          where: { conversationId: ack.conversation.id, sender: 'bot' },
        })) === 2,
    );
  } finally {
    counted.stop();
    releaseBot();
    botHeld = Promise.resolve();
    visitor.close();
    agent.close();
    await realtime.close();
  }
}, 30_000);

it('a visitor with an earlier conversation gets it back in the same statement, and a new one after it was resolved', async () => {
  const realtime = await startRealtime({
    replyToVisitor: bot,
    botTurns: { sweepEveryMs: 60_000 },
  });
  const credentials = await visitorToken(workspace.siteId);
  try {
    const first = await connectVisitor(realtime.url, credentials);
    const ack = await first.emitWithAck('message:send', { clientId: newClientId(), body: 'one' });
    if (!ack.ok) throw new Error(ack.error.message);
    first.close();
    await db().conversation.update({
      where: { id: ack.conversation.id },
      data: { status: 'resolved', resolvedAt: new Date() },
    });
    // Another node (here: a fresh socket on a node that forgot) sees only the resolved one.
    const { rememberActiveConversation } = await import('@/lib/conversations/current-conversation');
    rememberActiveConversation(credentials.visitorId, null);
    const second = await connectVisitor(realtime.url, credentials);
    const next = await second.emitWithAck('message:send', { clientId: newClientId(), body: 'two' });
    if (!next.ok) throw new Error(next.error.message);
    expect(next.conversation.id).toBe(`${credentials.visitorId}-c2`);
    second.close();
  } finally {
    await realtime.close();
  }
}, 30_000);

it('commits the conversation.created webhook event with the conversation when the site wants it', async () => {
  await createWebhookEndpoint(workspace.admin, workspace.siteId, {
    url: 'http://127.0.0.1:9/hooks',
    events: ['conversation.created'],
    allowPrivateAddresses: true,
  });
  const realtime = await startRealtime({
    replyToVisitor: bot,
    botTurns: { sweepEveryMs: 60_000 },
  });
  const credentials = await visitorToken(workspace.siteId);
  const visitor = await connectVisitor(realtime.url, credentials);
  try {
    const ack = await visitor.emitWithAck('message:send', { clientId: newClientId(), body: 'hi' });
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack.conversation.id).toBe(`${credentials.visitorId}-c1`);
    const jobs = await db().job.findMany({ where: { kind: 'webhook.event' } });
    const events = jobs.map(
      (job) =>
        (job.payload as { event: { type: string; data: { conversation: { id: string } } } }).event,
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'conversation.created',
        data: expect.objectContaining({
          conversation: expect.objectContaining({ id: ack.conversation.id }),
        }),
      }),
    ]);
  } finally {
    visitor.close();
    await realtime.close();
  }
}, 30_000);
