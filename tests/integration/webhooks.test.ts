import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assignConversation,
  resolveConversation,
  sendAgentMessage,
  type AgentActor,
} from '@/lib/conversations';
import { startJobRunner, type JobRunner } from '@/lib/jobs';
import { startTrainingRun, stopLiveClassifiers } from '@/lib/training';
import { deleteVisitor } from '@/lib/visitors';
import { removeMember } from '@/lib/workspace';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  fanOutWebhookEventJob,
  listWebhookEndpoints,
  postSigned,
  pruneDeliveriesJob,
  resendWebhookDelivery,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  webhookDeliveryJob,
} from '@/lib/webhooks';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { eventually } from '../helpers/realtime';
import {
  startWebhookReceiver,
  verifySignature,
  type WebhookReceiver,
} from '../helpers/webhook-receiver';
import {
  createFixtureConversation,
  createFixtureMember,
  createFixtureWorkspace,
  type FixtureMember,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';

// Webhooks end to end in one process: conversation actions → outbox → durable jobs → a real
// HTTP receiver that checks signatures; retries, a runner restart, the address check, resend.

let database: TestDatabase;
let acme: FixtureWorkspace;
let receiver: WebhookReceiver;
const runners: JobRunner[] = [];

const actor = (member: FixtureMember): AgentActor => ({
  userId: member.userId,
  workspaceId: member.workspaceId,
  role: member.role,
  name: member.name,
});

const startRunner = () => {
  const runner = startJobRunner(
    [fanOutWebhookEventJob, webhookDeliveryJob({ firstRetryMs: 200 })],
    {
      sweepEveryMs: 100,
    },
  );
  runners.push(runner);
  return runner;
};

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await createFixtureWorkspace({ agents: 1 });
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop(100)));
  receiver.answers.length = 0;
  receiver.received.length = 0;
  await db().webhookEndpoint.deleteMany({});
  await db().job.deleteMany({});
});

afterAll(async () => {
  await stopLiveClassifiers();
  await receiver?.close();
  await database?.drop();
});

/** An endpoint on the local receiver (a private address, so allowed explicitly). */
async function localEndpoint(events: string[]) {
  return createWebhookEndpoint(acme.admin, acme.siteId, {
    url: `${receiver.url}/hooks`,
    events,
    allowPrivateAddresses: true,
  });
}

const deliveriesOf = (endpointId: string) =>
  db().webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: 'asc' } });

it('signs each delivery and retries after a failure until the receiver takes it', async () => {
  const endpoint = await localEndpoint(['conversation.resolved']);
  startRunner();
  receiver.answers.push(500);
  const { conversationId } = await createFixtureConversation(acme.siteId);
  await resolveConversation(actor(acme.agents[0]), { conversationId });

  await eventually(() => receiver.received.length === 2);
  for (const request of receiver.received) {
    expect(verifySignature(endpoint.secret, request.body, request.signature)).toBe(true);
    expect(verifySignature('wrong secret', request.body, request.signature)).toBe(false);
  }
  const [first, second] = receiver.received.map((request) => JSON.parse(request.body));
  expect(first).toEqual(second); // the same event, same id, sent again
  expect(first).toMatchObject({
    type: 'conversation.resolved',
    data: { conversation: { id: conversationId, status: 'resolved' } },
  });
  expect(Object.keys(first).sort()).toEqual(['createdAt', 'data', 'id', 'type']);
  await eventually(async () => (await deliveriesOf(endpoint.id))[0]?.status === 'succeeded');
  const [delivery] = await deliveriesOf(endpoint.id);
  expect(delivery).toMatchObject({ attempts: 2, lastStatusCode: 200, lastError: null });
  // Done: the job is gone.
  await eventually(async () => (await db().job.count()) === 0);
});

it('queues only the events an endpoint picked, and nothing for a disabled endpoint', async () => {
  const endpoint = await localEndpoint(['conversation.assigned']);
  startRunner();
  const { conversationId } = await createFixtureConversation(acme.siteId);
  const ada = actor(acme.admin);
  await assignConversation(ada, { conversationId, assigneeId: acme.agents[0].userId });
  await resolveConversation(ada, { conversationId });
  await eventually(() => receiver.received.length === 1);
  expect(JSON.parse(receiver.received[0].body)).toMatchObject({
    type: 'conversation.assigned',
    data: { conversation: { assigneeId: acme.agents[0].userId } },
  });

  await updateWebhookEndpoint(acme.admin, acme.siteId, endpoint.id, { enabled: false });
  // A change touches only what it names (a bug once reset the private-address permission).
  expect(
    await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } }),
  ).toMatchObject({
    enabled: false,
    allowPrivateAddresses: true,
    events: ['conversation.assigned'],
  });
  const other = await createFixtureConversation(acme.siteId);
  await assignConversation(ada, {
    conversationId: other.conversationId,
    assigneeId: acme.agents[0].userId,
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(receiver.received).toHaveLength(1);
  expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
  expect((await db().site.findUniqueOrThrow({ where: { id: acme.siteId } })).webhookEvents).toEqual(
    [],
  );
});

it('tells of a finished training run and the version it activated', async () => {
  const endpoint = await localEndpoint(['training.finished', 'model.activated']);
  startRunner();
  for (const [name, examples] of [
    ['greeting', ['hello', 'hi there', 'good morning', 'hey']],
    ['goodbye', ['bye', 'see you later', 'goodbye then', 'have a nice day']],
  ] as const) {
    await db().intent.create({
      data: {
        siteId: acme.siteId,
        name,
        examples: { create: examples.map((text) => ({ text })) },
      },
    });
  }
  const run = await startTrainingRun({ siteId: acme.siteId, activateWhenDone: true });
  await eventually(() => receiver.received.length === 2, 30_000);
  // Two jobs, sent concurrently: in either order.
  const events = receiver.received
    .map((request) => JSON.parse(request.body))
    .sort((a, b) => b.type.localeCompare(a.type));
  const version = await db().modelVersion.findFirstOrThrow({ where: { trainingRunId: run.id } });
  expect(events.map((event) => event.type)).toEqual(['training.finished', 'model.activated']);
  expect(events[0].data).toEqual({
    trainingRun: { id: run.id, status: 'succeeded', error: null },
    modelVersion: { id: version.id, version: 1, exampleCount: 8, intentCount: 2 },
  });
  expect(events[1].data).toEqual({ modelVersion: { id: version.id, version: 1 } });
  for (const request of receiver.received) {
    expect(verifySignature(endpoint.secret, request.body, request.signature)).toBe(true);
  }
}, 40_000);

it('tells of a message as stored: its seq and time, and the conversation as it was then', async () => {
  await localEndpoint(['message.created']);
  startRunner();
  const { conversationId } = await createFixtureConversation(acme.siteId, {
    status: 'bot',
    messages: [{ sender: 'visitor', body: 'hello' }],
  });
  // The agent's reply takes the conversation from the bot: the event shows it open and theirs.
  const agent = acme.agents[0];
  const sent = await sendAgentMessage(actor(agent), {
    conversationId,
    clientId: crypto.randomUUID(),
    body: 'Hi, Ada here',
  });
  await eventually(() => receiver.received.length === 1);
  const event = JSON.parse(receiver.received[0].body);
  const stored = await db().message.findUniqueOrThrow({ where: { id: sent.id } });
  expect(event).toMatchObject({
    type: 'message.created',
    createdAt: stored.createdAt.toISOString(),
    data: {
      conversation: { id: conversationId, status: 'open', assigneeId: agent.userId },
      message: {
        id: stored.id,
        seq: 2,
        sender: 'agent',
        authorName: agent.name,
        body: 'Hi, Ada here',
        private: false,
        createdAt: stored.createdAt.toISOString(),
      },
    },
  });
});

it('tells of each conversation a removed member had: unassigned', async () => {
  await localEndpoint(['conversation.assigned']);
  startRunner();
  const leaving = await createFixtureMember(
    acme.workspaceId,
    'agent',
    'leaving@example.com',
    'Lee',
  );
  const conversations = await Promise.all(
    [1, 2].map(() => createFixtureConversation(acme.siteId, { assigneeId: leaving.userId })),
  );
  await removeMember(acme.admin, { userId: leaving.userId });

  await eventually(() => receiver.received.length === 2);
  const events = receiver.received.map((request) => JSON.parse(request.body));
  expect(events.map((event) => event.data.conversation.id).sort()).toEqual(
    conversations.map((conversation) => conversation.conversationId).sort(),
  );
  for (const event of events) {
    expect(event).toMatchObject({
      type: 'conversation.assigned',
      data: { conversation: { assigneeId: null } },
    });
  }
});

it('tells that a visitor was deleted, by ids only, after the deletion erased their other events', async () => {
  const endpoint = await localEndpoint(['visitor.deleted', 'conversation.resolved']);
  const { conversationId, visitorId } = await createFixtureConversation(acme.siteId);
  await db().visitor.update({ where: { id: visitorId }, data: { externalId: 'crm-42' } });
  // A delivery still waiting (no runner yet) carries their conversation: the deletion takes it.
  await resolveConversation(actor(acme.agents[0]), { conversationId });
  await eventually(async () => (await db().job.count()) === 1);
  await deleteVisitor(acme.admin, visitorId);
  startRunner();

  await eventually(() => receiver.received.length === 1);
  const [request] = receiver.received;
  expect(verifySignature(endpoint.secret, request.body, request.signature)).toBe(true);
  expect(JSON.parse(request.body)).toMatchObject({
    type: 'visitor.deleted',
    data: { visitor: { id: visitorId, externalId: 'crm-42' }, conversationIds: [conversationId] },
  });
  await eventually(async () => (await deliveriesOf(endpoint.id))[0]?.status === 'succeeded');
  expect((await deliveriesOf(endpoint.id)).map((delivery) => delivery.type)).toEqual([
    'visitor.deleted',
  ]);
});

it('sends each delivery once when several nodes sweep the same queue', async () => {
  const endpoint = await localEndpoint(['conversation.resolved']);
  // Three runners sweeping every 20 ms stand for three nodes racing for the same rows.
  for (let node = 0; node < 3; node += 1) {
    runners.push(
      startJobRunner([fanOutWebhookEventJob, webhookDeliveryJob()], {
        sweepEveryMs: 20,
        concurrency: 8,
      }),
    );
  }
  const resolved = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const { conversationId } = await createFixtureConversation(acme.siteId);
      await resolveConversation(actor(acme.agents[0]), { conversationId });
      return conversationId;
    }),
  );
  await eventually(async () => {
    const delivered = await db().webhookDelivery.count({
      where: { endpointId: endpoint.id, status: 'succeeded' },
    });
    return delivered === resolved.length;
  });
  await new Promise((resolve) => setTimeout(resolve, 300)); // any duplicate would arrive by now
  const ids = receiver.received.map((request) => JSON.parse(request.body).id);
  expect(ids).toHaveLength(resolved.length);
  expect(new Set(ids).size).toBe(resolved.length);
});

it('survives a restart: a delivery cut off by shutdown is given back and sent by the next runner', async () => {
  const endpoint = await localEndpoint(['conversation.resolved']);
  const first = startRunner();
  receiver.answers.push('hang');
  const { conversationId } = await createFixtureConversation(acme.siteId);
  await resolveConversation(actor(acme.agents[0]), { conversationId });
  await eventually(() => receiver.received.length === 1);

  await first.stop(200); // the receiver never answered: the attempt is aborted and released
  runners.splice(runners.indexOf(first), 1);
  const [pending] = await deliveriesOf(endpoint.id);
  expect(pending.status).toBe('pending');
  const [job] = await db().job.findMany();
  expect(job.runAt.getTime()).toBeLessThanOrEqual(Date.now()); // due at once, not after the lease

  startRunner();
  await eventually(async () => (await deliveriesOf(endpoint.id))[0]?.status === 'succeeded');
  expect(receiver.received).toHaveLength(2);
  expect(receiver.received[1].body).toBe(receiver.received[0].body);
});

it('survives a restart: a retry scheduled before the runner stopped is sent after it starts again', async () => {
  const endpoint = await localEndpoint(['conversation.resolved']);
  const first = startRunner();
  receiver.answers.push(503);
  const { conversationId } = await createFixtureConversation(acme.siteId);
  await resolveConversation(actor(acme.agents[0]), { conversationId });
  await eventually(async () => (await deliveriesOf(endpoint.id))[0]?.attempts === 1);
  await first.stop(100);
  runners.splice(runners.indexOf(first), 1);
  expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({
    status: 'pending',
    lastStatusCode: 503,
  });

  startRunner();
  await eventually(async () => (await deliveriesOf(endpoint.id))[0]?.status === 'succeeded');
  expect(receiver.received).toHaveLength(2);
});

it('does not follow redirects', async () => {
  const endpoint = await localEndpoint(['conversation.resolved']);
  startRunner();
  receiver.answers.push((response) =>
    response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end(),
  );
  const { conversationId } = await createFixtureConversation(acme.siteId);
  await resolveConversation(actor(acme.agents[0]), { conversationId });
  await eventually(async () => (await deliveriesOf(endpoint.id))[0]?.attempts === 1);
  const [delivery] = await deliveriesOf(endpoint.id);
  expect(delivery).toMatchObject({ status: 'pending', lastStatusCode: 302 });
  expect(delivery.lastError).toMatch(/redirects are not followed/);
});

describe('private addresses', () => {
  const refused = () => [
    `http://127.0.0.1:${receiver.port}/`,
    'http://10.1.2.3/',
    'http://169.254.169.254/latest/meta-data/',
    `http://[::1]:${receiver.port}/`,
    `http://[::ffff:127.0.0.1]:${receiver.port}/`,
    // "This host" (0.0.0.0) mapped into IPv6 reaches the local machine on Linux.
    `http://[::ffff:0.0.0.0]:${receiver.port}/`,
    `http://localhost:${receiver.port}/`,
  ];

  it('refuses loopback, private, link-local and metadata addresses unless allowed', async () => {
    for (const url of refused()) {
      await expect(
        postSigned({
          url,
          body: '{}',
          secret: 's',
          allowPrivateAddresses: false,
          timeoutMs: 2_000,
          maxResponseBytes: 1024,
        }),
        url,
      ).rejects.toThrow(/private or reserved address/);
    }
    expect(receiver.received).toHaveLength(0);
    // The same request with the admin's permission reaches the receiver.
    const allowed = await postSigned({
      url: `http://localhost:${receiver.port}/`,
      body: '{}',
      secret: 's',
      allowPrivateAddresses: true,
      timeoutMs: 2_000,
      maxResponseBytes: 1024,
    });
    expect(allowed.status).toBe(200);
  });

  it('fails a delivery to a refused address at once, sending nothing', async () => {
    const endpoint = await createWebhookEndpoint(acme.admin, acme.siteId, {
      url: `http://localhost:${receiver.port}/hooks`,
      events: ['conversation.resolved'],
    });
    startRunner();
    const { conversationId } = await createFixtureConversation(acme.siteId);
    await resolveConversation(actor(acme.agents[0]), { conversationId });
    await eventually(async () => (await deliveriesOf(endpoint.id))[0]?.status === 'failed');
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery.attempts).toBe(1);
    expect(delivery.lastError).toMatch(/localhost \((127\.0\.0\.1|::1)\) is a private/);
    expect(receiver.received).toHaveLength(0);

    // The admin allows it and resends: the same event arrives.
    await updateWebhookEndpoint(acme.admin, acme.siteId, endpoint.id, {
      allowPrivateAddresses: true,
    });
    await resendWebhookDelivery(acme.admin, acme.siteId, endpoint.id, delivery.id);
    await eventually(() => receiver.received.length === 1);
    expect(JSON.parse(receiver.received[0].body).id).toBe(delivery.eventId);
  });

  it('caps the response it reads', async () => {
    receiver.answers.push((response) => response.writeHead(200).end('x'.repeat(5_000)));
    await expect(
      postSigned({
        url: `${receiver.url}/`,
        body: '{}',
        secret: 's',
        allowPrivateAddresses: true,
        timeoutMs: 2_000,
        maxResponseBytes: 1_000,
      }),
    ).rejects.toThrow(/larger than 1000 bytes/);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    receiver.answers.push('hang');
    await expect(
      postSigned({
        url: `${receiver.url}/`,
        body: '{}',
        secret: 's',
        allowPrivateAddresses: true,
        timeoutMs: 300,
        maxResponseBytes: 1_000,
      }),
    ).rejects.toThrow(/No response within 0.3 s/);
  });
});

describe('admin actions', () => {
  it('are for admins of the site’s workspace only, and audited', async () => {
    const agent = acme.agents[0];
    await expect(
      createWebhookEndpoint(agent, acme.siteId, {
        url: 'https://example.com/hooks',
        events: ['message.created'],
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const outsider = await createFixtureWorkspace({ agents: 0 });
    await expect(
      createWebhookEndpoint(outsider.admin, acme.siteId, {
        url: 'https://example.com/hooks',
        events: ['message.created'],
      }),
    ).rejects.toMatchObject({ code: 'not_found' });

    const endpoint = await createWebhookEndpoint(acme.admin, acme.siteId, {
      url: 'https://example.com/hooks',
      events: ['message.created'],
    });
    for (const attempt of [
      () => updateWebhookEndpoint(outsider.admin, outsider.siteId, endpoint.id, { enabled: false }),
      () => rotateWebhookSecret(outsider.admin, outsider.siteId, endpoint.id),
      () => deleteWebhookEndpoint(outsider.admin, outsider.siteId, endpoint.id),
      () => listWebhookEndpoints(outsider.admin, acme.siteId),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'not_found' });
    }
    expect(await listWebhookEndpoints(outsider.admin, outsider.siteId)).toEqual([]);

    const { secret } = await rotateWebhookSecret(acme.admin, acme.siteId, endpoint.id);
    expect(secret).not.toBe(endpoint.secret);
    const [listed] = await listWebhookEndpoints(acme.admin, acme.siteId);
    expect(listed).toMatchObject({ id: endpoint.id, secret, events: ['message.created'] });
    await deleteWebhookEndpoint(acme.admin, acme.siteId, endpoint.id);
    const actions = await db().auditEvent.findMany({
      where: { target: `webhook:${endpoint.id}` },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((event) => event.action)).toEqual([
      'webhook.created',
      'webhook.secret_rotated',
      'webhook.deleted',
    ]);
  });

  it('refuses addresses that are not http(s), or carry credentials', async () => {
    for (const url of [
      'ftp://example.com/',
      'javascript:alert(1)',
      'https://user:pw@example.com/',
    ]) {
      await expect(
        createWebhookEndpoint(acme.admin, acme.siteId, { url, events: ['message.created'] }),
      ).rejects.toThrow();
    }
  });
});

it('forgets finished deliveries after 30 days, or the site’s shorter retention, keeping pending ones', async () => {
  const endpoint = await localEndpoint(['message.created']);
  const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60_000);
  const delivery = (status: 'pending' | 'succeeded' | 'failed', createdAt: Date) =>
    db().webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        eventId: `event-${status}-${createdAt.getTime()}`,
        type: 'message.created',
        body: '{}',
        status,
        createdAt,
        retryUntil: createdAt,
      },
    });
  const old = [await delivery('succeeded', daysAgo(31)), await delivery('failed', daysAgo(45))];
  const kept = [await delivery('succeeded', daysAgo(29)), await delivery('pending', daysAgo(31))];
  await pruneDeliveriesJob.run(
    {},
    { id: 'prune', attempts: 1, signal: new AbortController().signal },
  );
  const left = await deliveriesOf(endpoint.id);
  expect(left.map((row) => row.id).sort()).toEqual(kept.map((row) => row.id).sort());
  expect(old.every((row) => !left.some((remaining) => remaining.id === row.id))).toBe(true);

  // A site that keeps conversations 7 days keeps no older copy of their events either.
  await db().site.update({ where: { id: acme.siteId }, data: { retentionDays: 7 } });
  try {
    const recent = await delivery('succeeded', daysAgo(6));
    await pruneDeliveriesJob.run(
      {},
      { id: 'prune', attempts: 1, signal: new AbortController().signal },
    );
    expect((await deliveriesOf(endpoint.id)).map((row) => row.id).sort()).toEqual(
      [kept[1].id, recent.id].sort(),
    );
  } finally {
    await db().site.update({ where: { id: acme.siteId }, data: { retentionDays: null } });
  }
});
