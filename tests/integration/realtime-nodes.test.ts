import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deploymentName } from '@/lib/db/url';
import type {
  AgentConversation,
  AgentMessage,
  TypingNotice,
  VisitorMessage,
} from '@/lib/schemas/events';
import { startApp, type RunningApp } from '../helpers/app';
import { identityHash } from '@/lib/auth/identity';
import { SESSION_COOKIE } from '@/lib/auth/session';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  connectAgent,
  connectVisitor,
  newClientId,
  nextEvent,
  visitorToken,
} from '../helpers/realtime';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

// Two server processes on one Redis: a visitor on node A and an agent on node B talk live.

let database: TestDatabase;
let workspace: FixtureWorkspace;
let nodeA: RunningApp;
let nodeB: RunningApp;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace();
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    // Every test connects from 127.0.0.1 and Redis counts across processes.
    IP_CONNECTS_PER_MINUTE: '100000',
    IP_MESSAGES_PER_MINUTE: '100000',
  };
  // One after the other: the first seeds the database.
  nodeA = await startApp(env);
  nodeB = await startApp(env);
}, 180_000);

afterAll(async () => {
  await Promise.all([nodeA?.stop(), nodeB?.stop()]);
  await database?.drop();
});

it('delivers both ways, with typing and presence, across nodes', async () => {
  const visitor = await connectVisitor(nodeA.url, await visitorToken(workspace.siteId));
  const before = await visitor.emitWithAck('conversation:resume', {
    conversationId: null,
    afterSeq: 0,
  });
  expect(before).toMatchObject({ ok: true, agentsOnline: false });

  const onlineOnA = nextEvent<{ agentsOnline: boolean }>(
    visitor,
    'presence',
    (presence) => presence.agentsOnline,
  );
  const agent = await connectAgent(nodeB.url, workspace.agents[0].token);
  await onlineOnA;

  const listedOnB = nextEvent<AgentConversation>(
    agent,
    'conversation:updated',
    (c) => c.preview === 'hello from A',
  );
  const first = await visitor.emitWithAck('message:send', {
    clientId: newClientId(),
    body: 'hello from A',
  });
  if (!first.ok) throw new Error(first.error.message);
  const conversationId = first.conversation.id;
  expect((await listedOnB).id).toBe(conversationId);

  await agent.emitWithAck('conversation:take-over', { conversationId });
  await agent.emitWithAck('conversation:join', { conversationId, afterSeq: 0 });
  const liveOnB = nextEvent<AgentMessage>(
    agent,
    'message',
    (message) => message.body === 'still there?',
  );
  await visitor.emitWithAck('message:send', { clientId: newClientId(), body: 'still there?' });
  await liveOnB;

  const typingOnA = nextEvent<TypingNotice>(
    visitor,
    'typing',
    (notice) => notice.sender === 'agent' && notice.typing,
  );
  await agent.emitWithAck('typing', { conversationId, typing: true });
  expect((await typingOnA).name).toBe('Agent 0');
  const replyOnA = nextEvent<VisitorMessage>(
    visitor,
    'message',
    (message) => message.body === 'hello from B',
  );
  const sent = await agent.emitWithAck('message:send', {
    conversationId,
    clientId: newClientId(),
    body: 'hello from B',
  });
  expect(sent.ok).toBe(true);
  expect((await replyOnA).authorName).toBe('Agent 0');

  const offlineOnA = nextEvent<{ agentsOnline: boolean }>(
    visitor,
    'presence',
    (presence) => !presence.agentsOnline,
  );
  agent.close();
  await offlineOnA;
  visitor.close();
});

it('refuses an identity signed with a rotated secret on the other node within a second', async () => {
  const userId = 'user-rotated';
  const { identitySecret } = await db().site.findUniqueOrThrow({
    where: { id: workspace.siteId },
  });
  const visitor = await connectVisitor(nodeB.url, await visitorToken(workspace.siteId));
  const identify = async () => {
    const ack = await visitor.emitWithAck('visitor:identify', {
      id: userId,
      hash: identityHash(identitySecret, userId),
    });
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.verified;
  };
  expect(await identify()).toBe(true); // node B has the site cached now

  const { admin } = workspace;
  const rotated = await fetch(`${nodeA.url}/api/admin/sites/${workspace.siteId}/identity-secret`, {
    method: 'POST',
    headers: {
      cookie: `${SESSION_COOKIE}=${admin.token}`,
      origin: nodeA.url,
      'x-csrf-token': admin.csrfToken,
    },
  });
  expect(rotated.status).toBe(200);
  const rotatedAt = Date.now();
  while (await identify()) {
    expect(Date.now() - rotatedAt).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(Date.now() - rotatedAt).toBeLessThan(1_000);
  visitor.close();
});

it('keeps its rooms and presence to its own nodes: other deployments on the Redis are not asked', async () => {
  // Test files run side by side, each server its own deployment (database) on this one Redis.
  const redis = createClient({ url: redisUrl });
  await redis.connect();
  try {
    const deployment = deploymentName(database.url);
    const requestChannels = ['/visitor', '/agent'].map(
      (namespace) => `${deployment}:socket.io-request#${namespace}#`,
    );
    // A fetchSockets() waits for an answer from every node subscribed: these two, and no other.
    expect(Object.values(await redis.pubSubNumSub(requestChannels))).toEqual([2, 2]);

    const agent = await connectAgent(nodeA.url, workspace.agents[0].token);
    await expect.poll(() => redis.hLen(`${deployment}:presence:${workspace.workspaceId}`)).toBe(1);
    agent.close();
  } finally {
    await redis.quit();
  }
});
