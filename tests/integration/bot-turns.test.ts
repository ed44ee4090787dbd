import { afterAll, beforeAll, expect, it } from 'vitest';
import type pg from 'pg';
import type { BotReply, BotTurn } from '@/lib/bot/types';
import { storeMessage } from '@/lib/conversations/store-message';
import { loadConversation } from '@/lib/conversations/records';
import { BOT_HISTORY, readBotContext } from '@/lib/conversations/conversation-state';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  connectVisitor,
  eventually,
  liftAddressLimits,
  newClientId,
  startRealtime,
  visitorToken,
} from '../helpers/realtime';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

// The bot's outbox: failed turns are retried then handed to a person, a resend re-triggers a
// stored but unanswered turn, and a shutdown drains what it can and gives the rest back.

liftAddressLimits();

let database: TestDatabase;
let workspace: FixtureWorkspace;
const calls = new Map<string, number>();
/** Test bodies steer the bot: `fail N` fails N times, `fail always`, `hang` waits for an abort. */
const bot = async (turn: BotTurn): Promise<BotReply> => {
  const body = turn.visitorMessage.body;
  const call = (calls.get(body) ?? 0) + 1;
  calls.set(body, call);
  const failures = /^fail (\d+|always)/.exec(body);
  if (failures && (failures[1] === 'always' || call <= Number(failures[1]))) {
    throw new Error(`broken on call ${call}`);
  }
  if (body.startsWith('hang')) {
    await new Promise((_, reject) =>
      turn.signal.addEventListener('abort', () => reject(turn.signal.reason)),
    );
  }
  return { decision: 'answer', text: `re: ${body}`, choices: [], citations: [] };
};

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 0 });
});

afterAll(async () => {
  await database?.drop();
});

async function send(url: string, body: string) {
  const credentials = await visitorToken(workspace.siteId);
  const visitor = await connectVisitor(url, credentials);
  const ack = await visitor.emitWithAck('message:send', { clientId: newClientId(), body });
  if (!ack.ok) throw new Error(ack.error.message);
  return { visitor, credentials, conversationId: ack.conversation.id, messageId: ack.message.id };
}

const replies = (messageId: string) =>
  db().message.findMany({ where: { clientId: `bot:${messageId}` } });

it('retries a failed turn and answers it once', async () => {
  const realtime = await startRealtime({ replyToVisitor: bot, botTurns: { sweepEveryMs: 100 } });
  try {
    const { visitor, messageId } = await send(realtime.url, 'fail 2 then answer');
    await eventually(async () => (await replies(messageId)).length > 0, 20_000);
    expect(calls.get('fail 2 then answer')).toBe(3);
    expect(await replies(messageId)).toHaveLength(1);
    // Deleted just after the reply is stored.
    await eventually(async () => (await db().botTurn.count({ where: { messageId } })) === 0);
    visitor.close();
  } finally {
    await realtime.close();
  }
}, 30_000);

it('hands the conversation to a person, with the reason, after the last attempt', async () => {
  const realtime = await startRealtime({ replyToVisitor: bot, botTurns: { sweepEveryMs: 100 } });
  try {
    const { visitor, conversationId, messageId } = await send(realtime.url, 'fail always');
    await eventually(
      async () =>
        (await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).status ===
        'open',
      20_000,
    );
    const conversation = await db().conversation.findUniqueOrThrow({
      where: { id: conversationId },
    });
    expect(conversation.handoffReason).toContain('broken on call 3');
    expect(calls.get('fail always')).toBe(3);
    expect(await replies(messageId)).toHaveLength(0);
    await eventually(async () => (await db().botTurn.count({ where: { messageId } })) === 0);
    visitor.close();
  } finally {
    await realtime.close();
  }
}, 30_000);

it('answers a stored, unanswered message when the visitor resends it', async () => {
  // No sweep during the test: only the resend can trigger the turn.
  const realtime = await startRealtime({
    replyToVisitor: bot,
    botTurns: { sweepEveryMs: 600_000 },
  });
  try {
    const { visitor, conversationId } = await send(realtime.url, 'first');
    const conversation = (await loadConversation({ id: conversationId }))!;
    // Stored by a node that died before it answered (or acknowledged): its claim has run out.
    const clientId = newClientId();
    const stored = await storeMessage(
      conversation,
      { sender: 'visitor', body: 'lost', clientId },
      'active',
    );
    expect(stored?.botTurn).not.toBeNull();
    await db().botTurn.update({
      where: { messageId: stored!.message.id },
      data: { dueAt: new Date(Date.now() - 1_000) },
    });
    const ack = await visitor.emitWithAck('message:send', { clientId, body: 'lost' });
    expect(ack.ok && ack.message.id).toBe(stored!.message.id);
    await eventually(async () => (await replies(stored!.message.id)).length === 1, 5_000);
    visitor.close();
  } finally {
    await realtime.close();
  }
}, 30_000);

it('drains turns on shutdown and gives back the ones that do not finish', async () => {
  const first = await startRealtime({ replyToVisitor: bot, botTurns: { sweepEveryMs: 600_000 } });
  const { visitor, messageId } = await send(first.url, 'hang until shut down');
  await eventually(() => calls.get('hang until shut down') === 1);
  const started = Date.now();
  await first.close();
  expect(Date.now() - started).toBeLessThan(9_000);
  visitor.close();
  const turn = await db().botTurn.findUniqueOrThrow({ where: { messageId } });
  expect(turn.attempts).toBe(0);
  expect(turn.dueAt.getTime()).toBeLessThanOrEqual(Date.now());
  expect(await replies(messageId)).toHaveLength(0);

  // The next node (here: the same one restarted) answers it, with a bot that no longer hangs.
  const second = await startRealtime({
    replyToVisitor: (turn) =>
      bot({ ...turn, visitorMessage: { ...turn.visitorMessage, body: 'finished' } }),
  });
  try {
    await eventually(async () => (await replies(messageId)).length === 1, 10_000);
  } finally {
    await second.close();
  }
}, 40_000);

it('answers a waiting turn with the read its reply already did: no claim or load of its own', async () => {
  const { pool } = (globalThis as unknown as { hearthDatabase: { pool: pg.Pool } }).hearthDatabase;
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let waiting = false;
  const realtime = await startRealtime({
    replyToVisitor: async (turn) => {
      if (turn.visitorMessage.body === 'wait for me') {
        waiting = true;
        await released;
      }
      return bot(turn);
    },
    botTurns: { sweepEveryMs: 60_000 },
  });
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  try {
    const { visitor, conversationId, messageId } = await send(realtime.url, 'wait for me');
    await eventually(() => waiting);
    const later = [];
    for (const body of ['then this', 'and this']) {
      const ack = await visitor.emitWithAck('message:send', { clientId: newClientId(), body });
      if (!ack.ok) throw new Error(ack.error.message);
      later.push(ack.message.id);
    }
    // Both wait behind the first turn.
    expect(await db().botTurn.count({ where: { conversationId, attempts: 0 } })).toBe(2);
    const statements: string[] = [];
    pool.query = ((...args: unknown[]) => {
      const [query] = args;
      statements.push(
        typeof query === 'string'
          ? query
          : ((query as { name?: string; text: string }).name ?? (query as { text: string }).text),
      );
      return original(...args);
    }) as typeof pool.query;
    release();
    for (const id of [messageId, ...later]) {
      await eventually(async () => (await replies(id)).length === 1, 10_000);
    }
    pool.query = original as typeof pool.query;
    // Per turn one statement: its reply's, which also claims the next turn and reads its context
    // (lease renewals and this test's own polling aside).
    const ours = (text: string) => text.includes('= ANY(') || text.includes('"clientId" = $1');
    expect(statements.filter((text) => !ours(text))).toEqual([
      'store-message',
      'store-message',
      'store-message',
    ]);
    const answered = await db().message.findMany({
      where: { conversationId, sender: 'bot' },
      orderBy: { seq: 'asc' },
    });
    expect(answered.map((message) => message.body)).toEqual([
      're: wait for me',
      're: then this',
      're: and this',
    ]);
    expect(await db().botTurn.count({ where: { conversationId } })).toBe(0);
    visitor.close();
  } finally {
    pool.query = original as typeof pool.query;
    release();
    await realtime.close();
  }
}, 30_000);

it('answers a turn that waited behind a handoff as waiting for a person', async () => {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding = false;
  const waitingForHuman = new Map<string, boolean>();
  const realtime = await startRealtime({
    replyToVisitor: async (turn) => {
      const body = turn.visitorMessage.body;
      waitingForHuman.set(body, turn.conversation.waitingForHuman ?? false);
      if (body !== 'a person please') return bot(turn);
      holding = true;
      await released;
      return {
        decision: 'handoff',
        text: 'Finding a person.',
        choices: [],
        citations: [],
        handoffReason: 'asked',
      };
    },
    botTurns: { sweepEveryMs: 60_000 },
  });
  try {
    const { visitor, conversationId } = await send(realtime.url, 'a person please');
    await eventually(() => holding);
    const ack = await visitor.emitWithAck('message:send', {
      clientId: newClientId(),
      body: 'meanwhile',
    });
    if (!ack.ok) throw new Error(ack.error.message);
    release();
    await eventually(async () => (await replies(ack.message.id)).length === 1, 10_000);
    expect(waitingForHuman.get('meanwhile')).toBe(true);
    expect(
      await db().conversation.findUniqueOrThrow({ where: { id: conversationId } }),
    ).toMatchObject({ status: 'open', handoffReason: 'asked' });
    visitor.close();
  } finally {
    release();
    await realtime.close();
  }
}, 30_000);

it('answers a message with one statement each way: the store reads the turn its context', async () => {
  const { pool } = (globalThis as unknown as { hearthDatabase: { pool: pg.Pool } }).hearthDatabase;
  const histories: string[][] = [];
  const realtime = await startRealtime({
    replyToVisitor: async (turn) => {
      histories.push(turn.history.map((message) => `${message.sender}: ${message.body}`));
      return bot(turn);
    },
    botTurns: { sweepEveryMs: 60_000 },
  });
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  try {
    const { visitor, conversationId, messageId } = await send(realtime.url, 'first');
    await eventually(async () => (await replies(messageId)).length === 1, 10_000);
    const statements: string[] = [];
    pool.query = ((...args: unknown[]) => {
      const [query] = args as [string | { name?: string; text: string }];
      statements.push(typeof query === 'string' ? query : (query.name ?? query.text));
      return original(...args);
    }) as typeof pool.query;
    const ack = await visitor.emitWithAck('message:send', {
      clientId: newClientId(),
      body: 'second',
    });
    if (!ack.ok) throw new Error(ack.error.message);
    await eventually(async () => (await replies(ack.message.id)).length === 1, 10_000);
    pool.query = original as typeof pool.query;
    const ours = (text: string) => text.includes('= ANY(') || text.includes('"clientId" = $1');
    expect(statements.filter((text) => !ours(text))).toEqual(['store-message', 'store-message']);
    // What the statement read is what the separate read gives.
    expect(histories).toEqual([[], ['visitor: first', 'bot: re: first']]);
    const context = await readBotContext(conversationId, ack.message.seq, BOT_HISTORY);
    expect(context.history.map((message) => `${message.sender}: ${message.body}`)).toEqual(
      histories[1],
    );
    visitor.close();
  } finally {
    pool.query = original as typeof pool.query;
    await realtime.close();
  }
}, 30_000);
