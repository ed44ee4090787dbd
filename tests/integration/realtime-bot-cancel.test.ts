import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  connectVisitor,
  liftAddressLimits,
  newClientId,
  startRealtime,
  eventually,
  visitorToken,
} from '../helpers/realtime';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

liftAddressLimits();

let database: TestDatabase;
let realtime: Awaited<ReturnType<typeof startRealtime>>;
let workspace: FixtureWorkspace;
const started: string[] = [];
const aborted: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 0 });
  realtime = await startRealtime({
    // A slow generator that only stops when told to.
    replyToVisitor: (turn) =>
      new Promise((_, reject) => {
        started.push(turn.visitorMessage.body);
        turn.signal.addEventListener('abort', () => {
          aborted.push(turn.visitorMessage.body);
          reject(turn.signal.reason);
        });
      }),
  });
});

afterAll(async () => {
  await realtime?.close();
  await database?.drop();
});

it('stops generating a reply when the visitor leaves, and neither answers nor hands off', async () => {
  const credentials = await visitorToken(workspace.siteId);
  const visitor = await connectVisitor(realtime.url, credentials);
  const ack = await visitor.emitWithAck('message:send', {
    clientId: newClientId(),
    body: 'a long question',
  });
  expect(ack.ok).toBe(true);
  // Leaving while the reply is being generated (leaving earlier is the next test).
  await eventually(() => started.includes('a long question'));
  visitor.disconnect();
  await eventually(() => aborted.length > 0);
  expect(aborted).toEqual(['a long question']);
  const conversation = await db().conversation.findFirstOrThrow({
    where: { visitorId: credentials.visitorId },
    include: { messages: true },
  });
  expect(conversation.status).toBe('bot');
  expect(conversation.messages.map((message) => message.sender)).toEqual(['visitor']);
});

it('does not start a reply for a visitor who left before its turn began', async () => {
  const credentials = await visitorToken(workspace.siteId);
  const visitor = await connectVisitor(realtime.url, credentials);
  // The first message's slow reply holds the conversation; the second waits behind it.
  for (const body of ['first question', 'second question']) {
    const ack = await visitor.emitWithAck('message:send', { clientId: newClientId(), body });
    expect(ack.ok).toBe(true);
  }
  visitor.disconnect();
  await eventually(() => aborted.includes('first question'));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  // The waiting turn was dropped, not started (it would have hung: nothing aborts it).
  expect(aborted).not.toContain('second question');
  const conversation = await db().conversation.findFirstOrThrow({
    where: { visitorId: credentials.visitorId },
    include: { messages: true },
  });
  expect(conversation.messages.map((message) => message.sender)).toEqual(['visitor', 'visitor']);
  expect(await db().botTurn.count({ where: { conversationId: conversation.id } })).toBe(0);
});
