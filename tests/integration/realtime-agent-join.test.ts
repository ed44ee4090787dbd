import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { sendVisitorMessage } from '@/lib/conversations';
import type { AgentMessage } from '@/lib/schemas/events';
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
import { db } from '../helpers/db';
import { fixtureWorkspaceForFile } from '../helpers/workspace-fixtures';

// An agent opening a conversation gets its messages and then its live events. A message stored
// between the two must reach the agent one way or the other: the socket joins the conversation's
// room before the messages are read.

const reads = vi.hoisted(() => ({ afterNextRead: null as null | (() => Promise<void>) }));
vi.mock('@/lib/conversations/records', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/conversations/records')>();
  return {
    ...original,
    loadMessages: async (...args: Parameters<typeof original.loadMessages>) => {
      const messages = await original.loadMessages(...args);
      const after = reads.afterNextRead;
      reads.afterNextRead = null;
      await after?.();
      return messages;
    },
  };
});

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

it('gets a message stored while it opens the conversation, live if not in the answer', async () => {
  const { workspace } = fixture;
  const credentials = await visitorToken(workspace.siteId);
  const visitorSocket = await connectVisitor(realtime.url, credentials);
  const first = await visitorSocket.emitWithAck('message:send', {
    clientId: newClientId(),
    body: 'hello',
  });
  if (!first.ok) throw new Error(first.error.message);
  const conversationId = first.conversation.id;
  await eventually(async () => (await db().message.count({ where: { conversationId } })) === 2);

  const agent = await connectAgent(realtime.url, workspace.admin.token);
  const visitor = { siteId: workspace.siteId, visitorId: credentials.visitorId };
  // The visitor writes after the join has read the messages and before it answers.
  reads.afterNextRead = async () => {
    await sendVisitorMessage(visitor, { clientId: newClientId(), body: 'while you opened it' });
  };
  const live = nextEvent<AgentMessage>(
    agent,
    'message',
    (message) => message.body === 'while you opened it',
    3_000,
  );
  const joined = await agent.emitWithAck('conversation:join', { conversationId, afterSeq: 0 });
  if (!joined.ok) throw new Error(joined.error.message);
  expect(joined.messages.map((message) => message.body)).toEqual(['hello', 'hi']);
  expect((await live).seq).toBe(3);
  agent.close();
  visitorSocket.close();
});
