import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { BotTurn } from '@/lib/bot/types';
import { identityHash } from '@/lib/auth/identity';
import type {
  AgentConversation,
  AgentMessage,
  TypingNotice,
  VisitorMessage,
} from '@/lib/schemas/events';
import { MAX_MESSAGE_LENGTH } from '@/lib/schemas/message';
import { VisitorConnection } from '@/components/widget/visitor-connection';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  connectAgent,
  connectVisitor,
  liftAddressLimits,
  memoryStorage,
  newClientId,
  nextEvent,
  startRealtime,
  eventually,
  visitorToken,
} from '../helpers/realtime';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

liftAddressLimits();
process.env.VISITOR_MESSAGES_PER_MINUTE = '1000';

let database: TestDatabase;
let realtime: Awaited<ReturnType<typeof startRealtime>>;
let workspace: FixtureWorkspace;
const botTurns: BotTurn[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 1 });
  realtime = await startRealtime({
    // A bot that streams its answer and hands off when asked to.
    replyToVisitor: async (turn) => {
      botTurns.push(turn);
      if (turn.visitorMessage.body === 'human please') {
        return {
          decision: 'handoff',
          text: 'Let me find a person.',
          choices: [],
          citations: [],
          handoffReason: 'asked',
        };
      }
      for (const piece of ['You said: ', turn.visitorMessage.body]) turn.onToken?.(piece);
      return {
        decision: 'answer',
        text: `You said: ${turn.visitorMessage.body}`,
        choices: [{ label: 'Track order', intent: 'order_status' }, { label: 'Returns' }],
        intent: 'echo',
        confidence: 0.9,
        citations: [],
      };
    },
  });
});

afterAll(async () => {
  await realtime?.close();
  await database?.drop();
});

async function newVisitor() {
  const credentials = await visitorToken(workspace.siteId);
  return { ...credentials, socket: await connectVisitor(realtime.url, credentials) };
}

describe('visitor messages', () => {
  it('acknowledges only what is committed, and the bot streams, stores and delivers its reply', async () => {
    const { socket, visitorId } = await newVisitor();
    const tokens: string[] = [];
    socket.on('bot:token', (token) => tokens.push(token.text));
    const botTyping = nextEvent<TypingNotice>(
      socket,
      'typing',
      (notice) => notice.sender === 'bot' && notice.typing,
    );
    const botMessage = nextEvent<VisitorMessage>(
      socket,
      'message',
      (message) => message.sender === 'bot',
    );

    const clientId = newClientId();
    const ack = await socket.emitWithAck('message:send', {
      clientId,
      body: '  where is my parcel?  ',
    });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.message).toMatchObject({
      seq: 1,
      sender: 'visitor',
      body: 'where is my parcel?',
      clientId,
    });
    const stored = await db().message.findUnique({ where: { id: ack.message.id } });
    expect(stored?.body).toBe('where is my parcel?');

    await botTyping;
    const reply = await botMessage;
    expect(reply).toMatchObject({
      seq: 2,
      body: 'You said: where is my parcel?',
      clientId: `bot:${ack.message.id}`,
      choices: [{ label: 'Track order', intent: 'order_status' }, { label: 'Returns' }],
    });
    expect(tokens.join('')).toBe(reply.body);
    const turn = botTurns.find((candidate) => candidate.visitorMessage.id === ack.message.id);
    expect(turn?.conversation.id).toBe(ack.conversation.id);
    const row = await db().message.findFirstOrThrow({
      where: { conversationId: ack.conversation.id, seq: 2 },
    });
    expect(row).toMatchObject({ sender: 'bot', intent: 'echo', confidence: 0.9 });
    expect((await db().conversation.findFirstOrThrow({ where: { visitorId } })).lastSeq).toBe(2);
    socket.close();
  });

  it('stores a retried send once and answers every retry with the same message', async () => {
    const { socket } = await newVisitor();
    const clientId = newClientId();
    const acks = await Promise.all(
      [1, 2, 3].map(() => socket.emitWithAck('message:send', { clientId, body: 'only once' })),
    );
    const again = await socket.emitWithAck('message:send', { clientId, body: 'only once' });
    const ids = [...acks, again].map((ack) => (ack.ok ? ack.message.id : ack.error.code));
    expect(new Set(ids).size).toBe(1);
    expect(await db().message.count({ where: { clientId } })).toBe(1);
    socket.close();
  });

  it('gives every message of a conversation one place in a total order, whichever tab sent it', async () => {
    const credentials = await visitorToken(workspace.siteId);
    const tabA = await connectVisitor(realtime.url, credentials);
    const tabB = await connectVisitor(realtime.url, credentials);
    const first = await tabA.emitWithAck('message:send', {
      clientId: newClientId(),
      body: 'hello',
    });
    if (!first.ok) throw new Error(first.error.message);
    const agent = await connectAgent(realtime.url, workspace.admin.token);
    // A human takes over so only our messages are counted.
    await agent.emitWithAck('conversation:take-over', { conversationId: first.conversation.id });

    const seenByA: string[] = [];
    const seenByB: string[] = [];
    tabA.on('message', (message) => seenByA.push(message.body));
    tabB.on('message', (message) => seenByB.push(message.body));
    const sends = [];
    for (let i = 0; i < 20; i += 1) {
      sends.push(tabA.emitWithAck('message:send', { clientId: newClientId(), body: `a${i}` }));
      sends.push(tabB.emitWithAck('message:send', { clientId: newClientId(), body: `b${i}` }));
    }
    const acks = await Promise.all(sends);
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const rows = await db().message.findMany({
      where: { conversationId: first.conversation.id },
      orderBy: { seq: 'asc' },
    });
    expect(rows.map((row) => row.seq)).toEqual(
      Array.from({ length: rows.length }, (_, i) => i + 1),
    );
    // Each tab's own messages keep the order it sent them in.
    const aBodies = rows.filter((row) => row.body.startsWith('a')).map((row) => row.body);
    expect(aBodies).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
    // Each tab is sent the other tab's messages, once each; its own come back in its acks.
    await eventually(() => seenByA.length >= 20 && seenByB.length >= 20);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([...seenByA].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `b${i}`).sort());
    expect([...seenByB].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`).sort());
    [tabA, tabB, agent].forEach((socket) => socket.close());
  });

  it('sends a tab no frame for its own message, and its widget and its other tabs still see it once', async () => {
    const credentials = await visitorToken(workspace.siteId);
    const site = await db().site.findUniqueOrThrow({ where: { id: workspace.siteId } });
    const tab = () =>
      new VisitorConnection({
        url: realtime.url,
        siteKey: site.publicKey,
        storage: memoryStorage(),
        fetchToken: async () => credentials.token,
        socketOptions: { transports: ['websocket'] },
      });
    const tabs = [tab(), tab()];
    const heard = tabs.map(() => [] as VisitorMessage[]);
    tabs.forEach((connection, index) => connection.onMessage((m) => heard[index].push(m)));
    await Promise.all(tabs.map((connection) => connection.start()));
    await eventually(() => tabs.every((connection) => connection.state.connection === 'online'));
    const raw = await connectVisitor(realtime.url, credentials);
    onTestFinished(() => {
      tabs.forEach((connection) => connection.stop());
      raw.close();
    });
    const framesToSender: VisitorMessage[] = [];
    raw.on('message', (message) => framesToSender.push(message));

    const ack = await raw.emitWithAck('message:send', { clientId: newClientId(), body: 'mine' });
    if (!ack.ok) throw new Error(ack.error.message);
    tabs[0].send('from the widget');
    // Both messages are answered by the bot; every tab hears each of the four once.
    await eventually(() => heard.every((messages) => messages.length >= 4));
    await eventually(() => framesToSender.length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const messages of heard) {
      expect(messages.map((m) => m.body).sort()).toEqual(
        ['from the widget', 'mine', 'You said: from the widget', 'You said: mine'].sort(),
      );
    }
    // The sending socket got its own message only in the ack.
    expect(framesToSender.map((m) => m.body).sort()).toEqual(
      ['from the widget', 'You said: from the widget', 'You said: mine'].sort(),
    );
    expect(tabs[0].state.messages.map((m) => m.body)).toEqual(
      tabs[1].state.messages.map((m) => m.body),
    );
  });

  it('starts one conversation when two tabs send their first message at once', async () => {
    const credentials = await visitorToken(workspace.siteId);
    const tabs = await Promise.all([1, 2, 3].map(() => connectVisitor(realtime.url, credentials)));
    const acks = await Promise.all(
      tabs.map((tab, index) =>
        tab.emitWithAck('message:send', { clientId: newClientId(), body: `tab ${index}` }),
      ),
    );
    const conversations = new Set(
      acks.map((ack) => (ack.ok ? ack.conversation.id : ack.error.code)),
    );
    expect(conversations.size).toBe(1);
    expect(await db().conversation.count({ where: { visitorId: credentials.visitorId } })).toBe(1);
    tabs.forEach((tab) => tab.close());
  });

  it('hands a reconnecting tab exactly what it missed', async () => {
    const credentials = await visitorToken(workspace.siteId);
    const tab = await connectVisitor(realtime.url, credentials);
    const first = await tab.emitWithAck('message:send', {
      clientId: newClientId(),
      body: 'human please',
    });
    if (!first.ok) throw new Error(first.error.message);
    const conversationId = first.conversation.id;
    await eventually(
      async () =>
        (await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).status ===
        'open',
    );
    tab.close();

    const agent = await connectAgent(realtime.url, workspace.agents[0].token);
    const joined = await agent.emitWithAck('conversation:join', { conversationId, afterSeq: 0 });
    if (!joined.ok) throw new Error(joined.error.message);
    const lastSeen = joined.messages.at(-1)!.seq;
    for (const body of ['one', 'two']) {
      await agent.emitWithAck('message:send', { conversationId, clientId: newClientId(), body });
    }
    await agent.emitWithAck('message:send', {
      conversationId,
      clientId: newClientId(),
      body: 'secret note',
      isPrivate: true,
    });
    await agent.emitWithAck('message:send', {
      conversationId,
      clientId: newClientId(),
      body: 'three',
    });

    const back = await connectVisitor(realtime.url, credentials);
    const resumed = await back.emitWithAck('conversation:resume', {
      conversationId,
      afterSeq: lastSeen,
    });
    if (!resumed.ok) throw new Error(resumed.error.message);
    expect(resumed.messages.map((message) => message.body)).toEqual(['one', 'two', 'three']);
    expect(resumed.messages.every((message) => message.authorName === 'Agent 0')).toBe(true);
    const everything = await back.emitWithAck('conversation:resume', {
      conversationId: null,
      afterSeq: 0,
    });
    if (!everything.ok) throw new Error(everything.error.message);
    expect(everything.messages.map((message) => message.body)).not.toContain('secret note');
    expect(everything.conversation?.status).toBe('open');
    [agent, back].forEach((socket) => socket.close());
  });
});

describe('agents', () => {
  it('see visitor messages live, reply, and never leak a private note to the visitor', async () => {
    const { socket: visitor } = await newVisitor();
    const agent = await connectAgent(realtime.url, workspace.admin.token);
    const listed = nextEvent<AgentConversation>(
      agent,
      'conversation:updated',
      (c) => c.preview === 'anyone there?',
    );
    const first = await visitor.emitWithAck('message:send', {
      clientId: newClientId(),
      body: 'anyone there?',
    });
    if (!first.ok) throw new Error(first.error.message);
    expect((await listed).id).toBe(first.conversation.id);

    const conversationId = first.conversation.id;
    await agent.emitWithAck('conversation:join', { conversationId, afterSeq: 0 });
    const live = nextEvent<AgentMessage>(
      agent,
      'message',
      (message) => message.body === 'still there?',
    );
    await visitor.emitWithAck('message:send', { clientId: newClientId(), body: 'still there?' });
    await live;

    const received: VisitorMessage[] = [];
    visitor.on('message', (message) => received.push(message));
    const note = await agent.emitWithAck('message:send', {
      conversationId,
      clientId: newClientId(),
      body: 'VIP customer',
      isPrivate: true,
    });
    expect(note.ok && note.message.isPrivate).toBe(true);
    const reply = nextEvent<VisitorMessage>(
      visitor,
      'message',
      (message) => message.body === 'Yes, I am here',
    );
    await agent.emitWithAck('message:send', {
      conversationId,
      clientId: newClientId(),
      body: 'Yes, I am here',
    });
    expect((await reply).sender).toBe('agent');
    expect(received.map((message) => message.body)).not.toContain('VIP customer');
    // The agent's reply took the conversation over from the bot.
    const conversation = await db().conversation.findUniqueOrThrow({
      where: { id: conversationId },
    });
    expect(conversation).toMatchObject({ status: 'open', assigneeId: workspace.admin.userId });
    expect(conversation.firstResponseAt).not.toBeNull();

    const list = await agent.emitWithAck('conversation:list', { view: 'mine' });
    expect(list.ok && list.conversations.map((c) => c.id)).toContain(conversationId);
    [visitor, agent].forEach((socket) => socket.close());
  });

  it('cannot open another workspace’s conversation', async () => {
    const other = await createFixtureWorkspace();
    const { socket: visitor } = await newVisitor();
    const first = await visitor.emitWithAck('message:send', {
      clientId: newClientId(),
      body: 'mine',
    });
    if (!first.ok) throw new Error(first.error.message);
    const stranger = await connectAgent(realtime.url, other.admin.token);
    const conversationId = first.conversation.id;
    for (const [event, payload] of [
      ['conversation:join', { conversationId }],
      ['message:send', { conversationId, clientId: newClientId(), body: 'hello' }],
      ['conversation:take-over', { conversationId }],
      ['typing', { conversationId, typing: true }],
    ] as const) {
      const ack = await (
        stranger.emitWithAck as (
          e: string,
          p: unknown,
        ) => Promise<{ ok: boolean; error?: { code: string } }>
      )(event, payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    const list = await stranger.emitWithAck('conversation:list', { view: 'all' });
    expect(list.ok && list.conversations).toEqual([]);
    [visitor, stranger].forEach((socket) => socket.close());
  });

  it('are refused without a session or from another origin', async () => {
    await expect(connectAgent(realtime.url, 'not-a-session')).rejects.toMatchObject({
      data: { code: 'unauthenticated' },
    });
    await expect(
      connectAgent(realtime.url, workspace.admin.token, { origin: 'https://evil.example' }),
    ).rejects.toMatchObject({ data: { code: 'forbidden' } });
  });
});

describe('typing, read receipts and presence', () => {
  it('flow both ways, throttled', async () => {
    const { socket: visitor } = await newVisitor();
    const first = await visitor.emitWithAck('message:send', {
      clientId: newClientId(),
      body: 'human please',
    });
    if (!first.ok) throw new Error(first.error.message);
    const conversationId = first.conversation.id;
    const agent = await connectAgent(realtime.url, workspace.agents[0].token);
    await agent.emitWithAck('conversation:join', { conversationId, afterSeq: 0 });

    const visitorTyping: TypingNotice[] = [];
    agent.on('typing', (notice) => notice.sender === 'visitor' && visitorTyping.push(notice));
    for (let i = 0; i < 10; i += 1) await visitor.emitWithAck('typing', { typing: true });
    await eventually(() => visitorTyping.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(visitorTyping.length).toBe(1);

    const agentTyping = nextEvent<TypingNotice>(
      visitor,
      'typing',
      (n) => n.sender === 'agent' && n.typing,
    );
    await agent.emitWithAck('typing', { conversationId, typing: true });
    expect((await agentTyping).name).toBe('Agent 0');

    const seenByAgent = nextEvent<{ reader: string; seq: number }>(
      agent,
      'conversation:read',
      (n) => n.reader === 'visitor',
    );
    await visitor.emitWithAck('conversation:read', { conversationId, seq: 99 });
    // Never past the last message.
    expect((await seenByAgent).seq).toBe(
      (await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).lastSeq,
    );
    const seenByVisitor = nextEvent<{ reader: string; seq: number }>(
      visitor,
      'conversation:read',
      (n) => n.reader === 'agent',
    );
    await agent.emitWithAck('conversation:read', { conversationId, seq: 1 });
    expect((await seenByVisitor).seq).toBe(1);

    const away = nextEvent<{ agentsOnline: boolean }>(visitor, 'presence');
    await agent.emitWithAck('presence:set', { status: 'away' });
    expect(await away).toEqual({ agentsOnline: false });
    const back = nextEvent<{ agentsOnline: boolean }>(visitor, 'presence');
    await agent.emitWithAck('presence:set', { status: 'online' });
    expect(await back).toEqual({ agentsOnline: true });
    [visitor, agent].forEach((socket) => socket.close());
  });

  it('offline: a handoff says no one is online and the visitor can leave an email', async () => {
    const { socket: visitor } = await newVisitor();
    const handoff = await visitor.emitWithAck('conversation:handoff', {});
    expect(handoff).toMatchObject({
      ok: true,
      agentsOnline: false,
      conversation: { status: 'open' },
    });
    const left = await visitor.emitWithAck('contact:leave', { email: 'sam@example.com' });
    expect(left).toMatchObject({ ok: true, conversation: { contactEmail: 'sam@example.com' } });
    const invalid = await visitor.emitWithAck('contact:leave', { email: 'not an email' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid' } });
    visitor.close();
  });
});

describe('input checks', () => {
  it('refuses over-long and malformed messages with a clear error, storing nothing', async () => {
    const { socket, visitorId } = await newVisitor();
    const tooLong = await socket.emitWithAck('message:send', {
      clientId: newClientId(),
      body: 'x'.repeat(MAX_MESSAGE_LENGTH + 1),
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'too_long' } });
    const empty = await socket.emitWithAck('message:send', {
      clientId: newClientId(),
      body: '   ',
    });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const unknown = await (socket.emitWithAck as (e: string, p: unknown) => Promise<unknown>)(
      'drop:tables',
      {},
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await db().conversation.count({ where: { visitorId } })).toBe(0);
    socket.close();
  });

  it('refuses visitors with a forged token or from a page the site does not allow', async () => {
    const credentials = await visitorToken(workspace.siteId);
    const forged = credentials.token.slice(0, -2) + (credentials.token.endsWith('A') ? 'BB' : 'AA');
    await expect(connectVisitor(realtime.url, { token: forged })).rejects.toMatchObject({
      data: { code: 'unauthenticated' },
    });
    await expect(
      connectVisitor(realtime.url, credentials, { origin: 'https://evil.example' }),
    ).rejects.toMatchObject({ data: { code: 'forbidden' } });
    const allowed = await connectVisitor(realtime.url, credentials, {
      origin: 'http://localhost:3000',
    });
    allowed.close();
  });
});

describe('identify', () => {
  it('marks unverified identities, and a verified one carries the history to the user’s other browsers', async () => {
    const site = await db().site.findUniqueOrThrow({ where: { id: workspace.siteId } });
    const laptop = await newVisitor();
    const unverified = await laptop.socket.emitWithAck('visitor:identify', {
      id: 'user-42',
      name: 'Mallory',
    });
    expect(unverified).toMatchObject({ ok: true, verified: false, visitorId: laptop.visitorId });
    expect(await db().visitor.findUniqueOrThrow({ where: { id: laptop.visitorId } })).toMatchObject(
      {
        name: 'Mallory',
        identityVerified: false,
        externalId: null,
      },
    );

    const hash = identityHash(site.identitySecret, 'user-42');
    const verified = await laptop.socket.emitWithAck('visitor:identify', {
      id: 'user-42',
      name: 'Sam',
      email: 'sam@example.com',
      hash,
    });
    expect(verified).toMatchObject({ ok: true, verified: true, visitorId: laptop.visitorId });
    await laptop.socket.emitWithAck('message:send', {
      clientId: newClientId(),
      body: 'from my laptop',
    });

    const phone = await newVisitor();
    const onPhone = await phone.socket.emitWithAck('visitor:identify', { id: 'user-42', hash });
    if (!onPhone.ok) throw new Error(onPhone.error.message);
    expect(onPhone.visitorId).toBe(laptop.visitorId);
    const asUser = await connectVisitor(realtime.url, { token: onPhone.token });
    const history = await asUser.emitWithAck('conversation:resume', {
      conversationId: null,
      afterSeq: 0,
    });
    expect(history.ok && history.messages.map((message) => message.body)).toContain(
      'from my laptop',
    );
    [laptop.socket, phone.socket, asUser].forEach((socket) => socket.close());
  });
});
