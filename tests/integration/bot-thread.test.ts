import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { WORDING } from '@/lib/bot/wording';
import { stageTimings } from '@/lib/conversations/stage-timings';
import type { VisitorMessage } from '@/lib/schemas/events';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import {
  connectAgent,
  connectVisitor,
  eventually,
  liftAddressLimits,
  newClientId,
  nextEvent,
  startRealtime,
  visitorToken,
} from '../helpers/realtime';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

// The bot's turns on their own worker thread (lib/conversations/bot-thread.ts), as server.ts runs
// them: the replies, what the bot announces there (handoffs) and presence cross between threads.

liftAddressLimits();
// Before stage-timings.ts is imported (it reads the switch once).
vi.hoisted(() => (process.env.HEARTH_STAGE_TIMINGS = '1'));

let database: TestDatabase;
let realtime: Awaited<ReturnType<typeof startRealtime>>;
let workspace: FixtureWorkspace;

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 1 });
  realtime = await startRealtime({ botThread: true });
}, 60_000);

afterAll(async () => {
  await realtime?.close();
  await database?.drop();
});

it('answers every message once, in order, from the bot thread', async () => {
  const visitor = await connectVisitor(realtime.url, await visitorToken(workspace.siteId));
  const replies: VisitorMessage[] = [];
  visitor.on('message', (message: VisitorMessage) => {
    if (message.sender === 'bot') replies.push(message);
  });
  const ids: string[] = [];
  for (const body of ['hello', 'what do you sell?', 'thanks']) {
    const ack = await visitor.emitWithAck('message:send', { clientId: newClientId(), body });
    if (!ack.ok) throw new Error(ack.error.message);
    ids.push(ack.message.id);
  }
  await eventually(() => replies.length === 3, 30_000);
  expect(replies.map((reply) => reply.clientId)).toEqual(ids.map((id) => `bot:${id}`));
  const stored = await db().message.findMany({
    where: { clientId: { in: ids.map((id) => `bot:${id}`) } },
  });
  expect(stored).toHaveLength(3);
  await eventually(async () => (await db().botTurn.count()) === 0);
  visitor.close();
});

it('asks the main thread whether agents are online, and agents hear its handoffs', async () => {
  const agent = await connectAgent(realtime.url, workspace.agents[0].token);
  const visitor = await connectVisitor(realtime.url, await visitorToken(workspace.siteId));
  const handoff = nextEvent<{ reason: string }>(agent, 'conversation:handoff', () => true, 30_000);
  const reply = nextEvent<VisitorMessage>(visitor, 'message', (m) => m.sender === 'bot', 30_000);
  const ack = await visitor.emitWithAck('message:send', {
    clientId: newClientId(),
    body: 'I want to talk to a human',
  });
  expect(ack.ok).toBe(true);
  const words = WORDING.en;
  // With the agent online the bot connects; "nobody online" would mean presence was not asked.
  expect((await reply).body).toBe(`${words.handoffRequested} ${words.connecting}`);
  expect((await handoff).reason).toBeTruthy();
  agent.close();
  visitor.close();
});

it('stops with the server and hands its stage timings to the main thread', async () => {
  await realtime.close();
  const timings = stageTimings();
  expect(timings?.['6 bot: decide (classify, retrieve, compose)']?.count).toBeGreaterThanOrEqual(4);
  realtime = await startRealtime({ botThread: true });
  // A new thread answers after the old one stopped.
  const visitor = await connectVisitor(realtime.url, await visitorToken(workspace.siteId));
  const reply = nextEvent<VisitorMessage>(visitor, 'message', (m) => m.sender === 'bot', 30_000);
  await visitor.emitWithAck('message:send', { clientId: newClientId(), body: 'hello again' });
  expect((await reply).sender).toBe('bot');
  visitor.close();
});
