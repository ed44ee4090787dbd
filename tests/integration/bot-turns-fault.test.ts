import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { killRestart, type KillRestart } from '../helpers/kill-restart';
import { eventually } from '../helpers/realtime';
import { createFixtureWorkspace } from '../helpers/workspace-fixtures';

// SIGKILL a server as soon as a burst of visitor messages is acknowledged, before the bot has
// answered them all: whoever runs next (the same node restarted, or another node on the same
// Redis) answers every one of them exactly once.

let database: TestDatabase;
let nodes: KillRestart;

beforeAll(async () => {
  database = await createTestDatabase();
  const workspace = await createFixtureWorkspace({ agents: 0 });
  nodes = killRestart({
    databaseUrl: database.url,
    siteId: workspace.siteId,
    visitors: 10,
    messages: 5,
    body: (v, m) => (m % 2 ? `what are your opening hours? (${v}.${m})` : `hello (${v}.${m})`),
  });
}, 120_000);

afterAll(async () => {
  await nodes?.stopAll();
  await database?.drop();
});

async function repliesTo(ids: string[]): Promise<Map<string, number>> {
  const rows = await db().message.findMany({
    where: { clientId: { in: ids.map((id) => `bot:${id}`) } },
    select: { clientId: true },
  });
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const row of rows) {
    const id = row.clientId!.slice('bot:'.length);
    counts.set(id, counts.get(id)! + 1);
  }
  return counts;
}

async function expectEachAnsweredOnce(ids: string[]): Promise<void> {
  await eventually(
    async () => [...(await repliesTo(ids)).values()].every((count) => count >= 1),
    60_000,
  );
  expect([...(await repliesTo(ids)).values()]).toEqual(ids.map(() => 1));
  // Replies follow their messages in each conversation, one per message.
  const conversations = await db().conversation.findMany({
    where: { messages: { some: { id: { in: ids } } } },
    include: { messages: { orderBy: { seq: 'asc' } } },
  });
  for (const { messages } of conversations) {
    const order = messages.filter((m) => m.sender === 'bot').map((m) => m.clientId);
    const asked = messages.filter((m) => m.sender === 'visitor').map((m) => `bot:${m.id}`);
    expect(order).toEqual(asked);
  }
  // The outbox empties once each answered turn is deleted (just after its reply is stored).
  await eventually(
    async () => (await db().botTurn.count({ where: { messageId: { in: ids } } })) === 0,
  );
}

it('answers every acknowledged message once after a SIGKILL and restart', async () => {
  const env = { REDIS_URL: undefined };
  const ids = await nodes.burstAndKill(await nodes.start(env));
  const unanswered = [...(await repliesTo(ids)).values()].filter((count) => count === 0);
  expect(unanswered.length).toBeGreaterThan(0); // the kill came before the bot was done

  await nodes.start(env);
  await expectEachAnsweredOnce(ids);
  await nodes.stopAll();
}, 180_000);

it('lets another node answer what a killed node had acknowledged', async () => {
  const env = { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
  const nodeA = await nodes.start(env);
  await nodes.start(env);
  const ids = await nodes.burstAndKill(nodeA);
  const unanswered = [...(await repliesTo(ids)).values()].filter((count) => count === 0);
  expect(unanswered.length).toBeGreaterThan(0);

  await expectEachAnsweredOnce(ids);
}, 180_000);
