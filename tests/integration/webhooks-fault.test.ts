import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWebhookEndpoint } from '@/lib/webhooks';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { connectVisitor, eventually, newClientId, visitorToken } from '../helpers/realtime';
import {
  startWebhookReceiver,
  verifySignature,
  type WebhookReceiver,
} from '../helpers/webhook-receiver';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

// SIGKILL the server as soon as a burst of visitor messages is acknowledged: the message.created
// event of every acknowledged message committed with it (the outbox), so the restarted server
// sends each one, however far the killed one had got.

const VISITORS = 8;
const MESSAGES = 3;
let database: TestDatabase;
let workspace: FixtureWorkspace;
let receiver: WebhookReceiver;
const running: RunningApp[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 0 });
  receiver = await startWebhookReceiver();
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop()));
  await receiver?.close();
  await database?.drop();
});

async function start(): Promise<RunningApp> {
  const app = await startApp({
    DATABASE_URL: database.url,
    REDIS_URL: undefined,
    IP_CONNECTS_PER_MINUTE: '100000',
    IP_MESSAGES_PER_MINUTE: '100000',
  });
  running.push(app);
  return app;
}

/** Sends the burst; resolves with the acknowledged messages' ids. */
async function burst(url: string): Promise<{ ids: string[]; close(): void }> {
  const visitors = await Promise.all(
    Array.from({ length: VISITORS }, async () =>
      connectVisitor(url, await visitorToken(workspace.siteId)),
    ),
  );
  const ids = await Promise.all(
    visitors.map(async (visitor, v) => {
      const sent: string[] = [];
      for (let m = 0; m < MESSAGES; m += 1) {
        const ack = await visitor.emitWithAck('message:send', {
          clientId: newClientId(),
          body: `hello (${v}.${m})`,
        });
        if (!ack.ok) throw new Error(ack.error.message);
        sent.push(ack.message.id);
      }
      return sent;
    }),
  );
  return { ids: ids.flat(), close: () => visitors.forEach((visitor) => visitor.close()) };
}

/** The visitor messages the receiver was told of, each with the event ids that told it. */
function eventsByMessage(): Map<string, Set<string>> {
  const events = new Map<string, Set<string>>();
  for (const request of receiver.received) {
    const event = JSON.parse(request.body);
    if (event.data.message.sender !== 'visitor') continue;
    const ids = events.get(event.data.message.id) ?? new Set<string>();
    events.set(event.data.message.id, ids.add(event.id));
  }
  return events;
}

it('sends the message.created event of every acknowledged message after a SIGKILL and restart', async () => {
  const endpoint = await createWebhookEndpoint(workspace.admin, workspace.siteId, {
    url: `${receiver.url}/hooks`,
    events: ['message.created'],
    allowPrivateAddresses: true,
  });
  const first = await start();
  const { ids, close } = await burst(first.url);
  await first.kill();
  close();
  const toldBeforeKill = eventsByMessage();
  expect(ids.filter((id) => !toldBeforeKill.has(id)).length).toBeGreaterThan(0);

  await start();
  // A delivery the killed server had claimed waits for its lease (60 s) to run out.
  await eventually(() => ids.every((id) => eventsByMessage().has(id)), 120_000);
  for (const request of receiver.received) {
    expect(verifySignature(endpoint.secret, request.body, request.signature)).toBe(true);
  }
  // At least once, and always as the same event: a receiver deduplicates on its id.
  const told = eventsByMessage();
  expect(ids.map((id) => told.get(id)!.size)).toEqual(ids.map(() => 1));
}, 240_000);
