import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { VisitorConnection } from '@/components/widget/visitor-connection';
import { resumeVisitorConversation, sendAgentMessage } from '@/lib/conversations';
import { loadConversation } from '@/lib/conversations/records';
import { storeMessage } from '@/lib/conversations/store-message';
import type { VisitorResumeRequest } from '@/lib/schemas/events';
import { db } from '../helpers/db';
import {
  eventually,
  liftAddressLimits,
  memoryStorage,
  newClientId,
  startRealtime,
  visitorToken,
} from '../helpers/realtime';
import { fixtureWorkspaceForFile } from '../helpers/workspace-fixtures';

// Messages of one conversation stored on different connections (or nodes) can reach a widget out
// of seq order: the visitor's acknowledgement before an agent's reply stored just before it. A
// widget that lost its connection between the two must still get the one it missed when it
// resumes, and private notes (seqs the visitor never sees) must not make it fetch everything again.

liftAddressLimits();

const fixture = fixtureWorkspaceForFile();
let realtime: Awaited<ReturnType<typeof startRealtime>>;

beforeAll(async () => {
  realtime = await startRealtime({
    replyToVisitor: async () => ({ decision: 'answer', text: 'hi', choices: [], citations: [] }),
  });
});

afterAll(async () => {
  await realtime?.close();
});

it('gets a message it missed after a later one arrived, and skips private notes once told', async () => {
  const { workspace } = fixture;
  const agent = { ...workspace.admin };
  const credentials = await visitorToken(workspace.siteId);
  const site = await db().site.findUniqueOrThrow({ where: { id: workspace.siteId } });
  const widget = new VisitorConnection({
    url: realtime.url,
    siteKey: site.publicKey,
    storage: memoryStorage(),
    fetchToken: async () => credentials.token,
    socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 },
  });
  await widget.start();
  const resumes = recordResumes(widget);
  await eventually(() => widget.state.connection === 'online');

  widget.send('hello');
  await eventually(() => widget.state.messages.length === 2); // hello, the bot's "hi"
  const conversationId = widget.state.conversation!.id;
  const agentSends = (body: string, isPrivate = false) =>
    sendAgentMessage(agent, { conversationId, clientId: newClientId(), body, isPrivate });
  await agentSends('an agent here'); // seq 3; the bot is quiet from now on
  await eventually(() => widget.state.messages.length === 3);

  // Seq 4 is committed but its frame never reaches the widget (stored without announcing it, as
  // when the node dies between the commit and the emit); seq 5 arrives.
  const conversation = (await loadConversation({ id: conversationId }))!;
  const missed = await storeMessage(conversation, {
    sender: 'agent',
    body: 'the one it missed',
    clientId: newClientId(),
    authorId: agent.userId,
  });
  expect(missed?.message.seq).toBe(4);
  await agentSends('after the one it missed'); // seq 5
  await agentSends('a note the visitor never sees', true); // seq 6
  await agentSends('after the note'); // seq 7
  await eventually(() => widget.state.messages.at(-1)?.body === 'after the note');
  expect(widget.state.messages.map((message) => message.seq)).toEqual([1, 2, 3, 5, 7]);

  await reconnect(widget);
  await eventually(() => widget.state.messages.length === 6);
  expect(resumes.at(-1)).toEqual({ conversationId, afterSeq: 3 });
  expect(widget.state.messages.map((message) => message.body)).toEqual([
    'hello',
    'hi',
    'an agent here',
    'the one it missed',
    'after the one it missed',
    'after the note',
  ]);

  // The resume said seq 6 is nothing the visitor sees, and so is a note written last (seq 8).
  await agentSends('a last note', true);
  await reconnect(widget);
  expect(resumes.at(-1)).toEqual({ conversationId, afterSeq: 7 });
  await reconnect(widget);
  expect(resumes.at(-1)).toEqual({ conversationId, afterSeq: 8 });
  expect(widget.state.messages).toHaveLength(6);
  widget.stop();
}, 30_000);

it('says through which seq a resume’s answer is complete, one page at a time', async () => {
  const { workspace } = fixture;
  const { visitorId } = await visitorToken(workspace.siteId);
  const visitor = { siteId: workspace.siteId, visitorId };
  // An agent's conversation: no bot turns.
  const started = await db().conversation.create({
    data: {
      siteId: workspace.siteId,
      visitorId,
      status: 'open',
      assigneeId: workspace.admin.userId,
    },
  });
  let conversation = (await loadConversation({ id: started.id }))!;
  // 201 visible messages, a note after the 200th and one at the end.
  for (let seq = 1; seq <= 203; seq += 1) {
    const stored = await storeMessage(conversation, {
      sender: seq === 201 || seq === 203 ? 'agent' : 'visitor',
      body: `message ${seq}`,
      clientId: newClientId(),
      authorId: seq === 201 || seq === 203 ? workspace.admin.userId : null,
      isPrivate: seq === 201 || seq === 203,
    });
    conversation = stored!.conversation;
  }
  const first = await resumeVisitorConversation(visitor, {
    conversationId: started.id,
    afterSeq: 0,
  });
  expect(first.messages).toHaveLength(200);
  expect(first).toMatchObject({ hasMore: true, throughSeq: 200 });
  const second = await resumeVisitorConversation(visitor, {
    conversationId: started.id,
    afterSeq: first.throughSeq,
  });
  expect(second.messages.map((message) => message.seq)).toEqual([202]);
  expect(second).toMatchObject({ hasMore: false, throughSeq: 203 });
  const nothingNew = await resumeVisitorConversation(visitor, {
    conversationId: started.id,
    afterSeq: 203,
  });
  expect(nothingNew).toMatchObject({ messages: [], hasMore: false, throughSeq: 203 });
});

/** Every `conversation:resume` the widget sends, in order. */
function recordResumes(widget: VisitorConnection): VisitorResumeRequest[] {
  const sent: VisitorResumeRequest[] = [];
  socketOf(widget).onAnyOutgoing((event: string, payload: VisitorResumeRequest) => {
    if (event === 'conversation:resume') sent.push(payload);
  });
  return sent;
}

/** Drops the transport as a network would; socket.io reconnects and the widget resumes. */
async function reconnect(widget: VisitorConnection): Promise<void> {
  const socket = socketOf(widget);
  const resumed = new Promise<void>((resolve) =>
    socket.once('connect', () => {
      // `online` is set once the resume's answer is in.
      void eventually(() => widget.state.connection === 'online').then(resolve);
    }),
  );
  socket.io.engine.close();
  await resumed;
}

function socketOf(widget: VisitorConnection): Socket {
  return (widget as unknown as { socket: Socket }).socket;
}
