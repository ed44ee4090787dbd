// Every `/agent` socket event, as a signed-out client, a cross-site page, and an agent of another
// workspace: refused, and nothing of the other workspace is read or changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRequests } from '@/lib/schemas/events';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { connectAgent, newClientId, startRealtime, type AgentClient } from '../helpers/realtime';
import {
  createFixtureConversation,
  createFixtureWorkspace,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';

let database: TestDatabase;
let realtime: Awaited<ReturnType<typeof startRealtime>>;
let acme: FixtureWorkspace;
let globex: FixtureWorkspace;
let acmeConversation: { conversationId: string; messageIds: string[] };
let acmeIntentId: string;
let intruder: AgentClient;
let insider: AgentClient;

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await createFixtureWorkspace({ agents: 1 });
  globex = await createFixtureWorkspace({ agents: 1 });
  acmeConversation = await createFixtureConversation(acme.siteId, {
    status: 'open',
    visitorName: 'Acme visitor',
    messages: [
      { sender: 'visitor', body: 'my zebracorn order never arrived' },
      { sender: 'bot', body: 'Sorry?', intent: 'shipping', confidence: 0.2 },
    ],
  });
  await db().message.update({
    where: { id: acmeConversation.messageIds[0] },
    data: { reviewState: 'pending' },
  });
  acmeIntentId = (await db().intent.create({ data: { siteId: acme.siteId, name: 'order_status' } }))
    .id;
  realtime = await startRealtime({
    replyToVisitor: async () => ({ decision: 'answer', text: 'ok', choices: [], citations: [] }),
  });
  intruder = await connectAgent(realtime.url, globex.agents[0].token);
  insider = await connectAgent(realtime.url, acme.agents[0].token);
});

afterAll(async () => {
  intruder?.close();
  insider?.close();
  await realtime?.close();
  await database?.drop();
});

type Payloads = { [E in keyof AgentRequests]: AgentRequests[E][0] };

/** A payload for every agent request, aimed at Acme's data. */
function acmePayloads(): Payloads {
  const { conversationId, messageIds } = acmeConversation;
  return {
    'conversation:list': { view: 'all' },
    'conversation:join': { conversationId },
    'conversation:leave': { conversationId },
    'message:send': { conversationId, clientId: newClientId(), body: 'hijack', isPrivate: false },
    typing: { conversationId, typing: true },
    'conversation:read': { conversationId, seq: 2 },
    'conversation:take-over': { conversationId },
    'presence:set': { status: 'online' },
    'conversation:assign': { conversationId, assigneeId: globex.agents[0].userId },
    'conversation:resolve': { conversationId },
    'conversation:reopen': { conversationId },
    'conversation:hand-back': { conversationId },
    'conversation:details': { conversationId },
    'conversation:search': { query: 'zebracorn' },
    'inbox:counts': {},
    'inbox:metrics': { days: 30 },
    'review:list': {},
    'review:label': { messageIds: [messageIds[0]], intentId: acmeIntentId },
    'review:dismiss': { messageIds: [messageIds[0]] },
  };
}

async function acmeSnapshot() {
  const conversation = await db().conversation.findUniqueOrThrow({
    where: { id: acmeConversation.conversationId },
    include: { messages: { orderBy: { seq: 'asc' } } },
  });
  return {
    conversation,
    examples: await db().trainingExample.count({ where: { intent: { siteId: acme.siteId } } }),
  };
}

describe('signed out and cross-site', () => {
  it('refuses a socket without a session, with a made-up one, or after sign-out', async () => {
    await expect(connectAgent(realtime.url, '')).rejects.toMatchObject({
      data: { code: 'unauthenticated' },
    });
    await expect(connectAgent(realtime.url, 'not-a-session-token')).rejects.toMatchObject({
      data: { code: 'unauthenticated' },
    });
    await db().session.delete({ where: { id: globex.admin.sessionId } });
    await expect(connectAgent(realtime.url, globex.admin.token)).rejects.toMatchObject({
      data: { code: 'unauthenticated' },
    });
  });

  it('refuses a socket opened by another site’s page, even with a valid session cookie', async () => {
    await expect(
      connectAgent(realtime.url, acme.agents[0].token, { origin: 'https://evil.example' }),
    ).rejects.toMatchObject({ data: { code: 'forbidden' } });
  });
});

describe('an agent of another workspace', () => {
  const targeted: (keyof AgentRequests)[] = [
    'conversation:join',
    'message:send',
    'typing',
    'conversation:read',
    'conversation:take-over',
    'conversation:assign',
    'conversation:resolve',
    'conversation:reopen',
    'conversation:hand-back',
    'conversation:details',
    'review:label',
  ];

  it.each(targeted)(
    '%s on an Acme conversation is "not found" and changes nothing',
    async (event) => {
      const before = await acmeSnapshot();
      const ack = await intruder.timeout(10_000).emitWithAck(event, acmePayloads()[event] as never);
      expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await acmeSnapshot()).toEqual(before);
    },
  );

  it('review:dismiss of Acme messages dismisses nothing', async () => {
    const ack = await intruder.emitWithAck('review:dismiss', acmePayloads()['review:dismiss']);
    expect(ack).toMatchObject({ ok: true, messageIds: [] });
    const message = await db().message.findUniqueOrThrow({
      where: { id: acmeConversation.messageIds[0] },
    });
    expect(message.reviewState).toBe('pending');
  });

  it('lists, searches, counts, reviews and measures only its own workspace', async () => {
    const payloads = acmePayloads();
    const list = await intruder.emitWithAck('conversation:list', payloads['conversation:list']);
    expect(list).toMatchObject({ ok: true, conversations: [] });
    const search = await intruder.emitWithAck(
      'conversation:search',
      payloads['conversation:search'],
    );
    expect(search).toMatchObject({ ok: true, hits: [] });
    const counts = await intruder.emitWithAck('inbox:counts', {});
    expect(counts).toMatchObject({ ok: true, counts: { needsHuman: 0, open: 0, unassigned: 0 } });
    const review = await intruder.emitWithAck('review:list', {});
    expect(review).toMatchObject({ ok: true, groups: [], total: 0 });
    const metrics = await intruder.emitWithAck('inbox:metrics', { days: 30 });
    if (!metrics.ok) throw new Error(metrics.error.message);
    expect(metrics.metrics.agents.map((agent) => agent.userId).sort()).toEqual(
      [globex.admin.userId, globex.agents[0].userId].sort(),
    );
  });

  it('cannot assign its own conversation to an Acme agent, nor label with an Acme intent', async () => {
    const own = await createFixtureConversation(globex.siteId, { status: 'open' });
    const assign = await intruder.emitWithAck('conversation:assign', {
      conversationId: own.conversationId,
      assigneeId: acme.agents[0].userId,
    });
    expect(assign).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const label = await intruder.emitWithAck('review:label', {
      messageIds: own.messageIds,
      intentId: acmeIntentId,
    });
    expect(label).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('never receives Acme’s live events', async () => {
    const seen: unknown[] = [];
    intruder.onAny((event, payload) => {
      if (event !== 'presence') seen.push(payload);
    });
    const ack = await insider.emitWithAck('conversation:take-over', {
      conversationId: acmeConversation.conversationId,
    });
    expect(ack.ok).toBe(true);
    const sent = await insider.emitWithAck('message:send', {
      conversationId: acmeConversation.conversationId,
      clientId: newClientId(),
      body: 'Only Acme sees this',
      isPrivate: false,
    });
    expect(sent.ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(JSON.stringify(seen)).not.toContain(acmeConversation.conversationId);
    intruder.offAny();
  });
});

describe('an agent (not an admin) of the workspace', () => {
  it('may use every inbox event on its own workspace', async () => {
    const payloads = acmePayloads();
    const order: (keyof AgentRequests)[] = [
      'conversation:list',
      'conversation:join',
      'typing',
      'conversation:read',
      'conversation:take-over',
      'conversation:assign',
      'conversation:hand-back',
      'conversation:take-over',
      'conversation:resolve',
      'conversation:reopen',
      'conversation:details',
      'conversation:search',
      'inbox:counts',
      'inbox:metrics',
      'review:list',
      'review:label',
      'review:dismiss',
      'presence:set',
      'conversation:leave',
    ];
    for (const event of order) {
      const payload =
        event === 'conversation:assign'
          ? { conversationId: acmeConversation.conversationId, assigneeId: acme.admin.userId }
          : payloads[event];
      const ack = await insider.emitWithAck(event, payload as never);
      expect({ event, ok: ack.ok, error: ack.ok ? undefined : ack.error }).toEqual({
        event,
        ok: true,
        error: undefined,
      });
    }
    const example = await db().trainingExample.findFirstOrThrow({
      where: { intentId: acmeIntentId },
    });
    expect(example).toMatchObject({
      source: 'conversation',
      messageId: acmeConversation.messageIds[0],
    });
  });
});
