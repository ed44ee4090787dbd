import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWebhookEndpoint } from '@/lib/webhooks';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { killRestart, type KillRestart } from '../helpers/kill-restart';
import { eventually } from '../helpers/realtime';
import {
  startWebhookReceiver,
  verifySignature,
  type WebhookReceiver,
} from '../helpers/webhook-receiver';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

// SIGKILL the server as soon as a burst of visitor messages is acknowledged: the message.created
// event of every acknowledged message committed with it (the outbox), so the restarted server
// sends each one, however far the killed one had got.

let database: TestDatabase;
let workspace: FixtureWorkspace;
let receiver: WebhookReceiver;
let nodes: KillRestart;

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 0 });
  receiver = await startWebhookReceiver();
  nodes = killRestart({
    databaseUrl: database.url,
    siteId: workspace.siteId,
    visitors: 8,
    messages: 3,
  });
}, 120_000);

afterAll(async () => {
  await nodes?.stopAll();
  await receiver?.close();
  await database?.drop();
});

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
  const ids = await nodes.burstAndKill(await nodes.start({ REDIS_URL: undefined }));
  const toldBeforeKill = eventsByMessage();
  expect(ids.filter((id) => !toldBeforeKill.has(id)).length).toBeGreaterThan(0);

  await nodes.start({ REDIS_URL: undefined });
  // A delivery the killed server had claimed waits for its lease (5 s: killRestart) to run out.
  await eventually(() => ids.every((id) => eventsByMessage().has(id)), 120_000);
  for (const request of receiver.received) {
    expect(verifySignature(endpoint.secret, request.body, request.signature)).toBe(true);
  }
  // At least once, and always as the same event: a receiver deduplicates on its id.
  const told = eventsByMessage();
  expect(ids.map((id) => told.get(id)!.size)).toEqual(ids.map(() => 1));
}, 240_000);
