import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { connectVisitor, eventually, newClientId, visitorToken } from '../helpers/realtime';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

// SIGKILL a server as soon as a burst of visitor messages is acknowledged, before the bot has
// answered them all: whoever runs next (the same node restarted, or another node on the same
// Redis) answers every one of them exactly once.

const VISITORS = 10;
const MESSAGES = 5;
let database: TestDatabase;
let workspace: FixtureWorkspace;
const running: RunningApp[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 0 });
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop()));
  await database?.drop();
});

async function start(env: Record<string, string | undefined>): Promise<RunningApp> {
  const app = await startApp({
    DATABASE_URL: database.url,
    IP_CONNECTS_PER_MINUTE: '100000',
    IP_MESSAGES_PER_MINUTE: '100000',
    ...env,
  });
  running.push(app);
  return app;
}

/**
 * Sends the burst on `url`; resolves with the visitor messages' ids once all are acknowledged.
 * The visitors stay connected (one who leaves cancels the reply in progress) until `close`.
 */
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
          body: m % 2 ? `what are your opening hours? (${v}.${m})` : `hello (${v}.${m})`,
        });
        if (!ack.ok) throw new Error(ack.error.message);
        sent.push(ack.message.id);
      }
      return sent;
    }),
  );
  return { ids: ids.flat(), close: () => visitors.forEach((visitor) => visitor.close()) };
}

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
  const first = await start(env);
  const { ids, close } = await burst(first.url);
  await first.kill();
  close();
  const unanswered = [...(await repliesTo(ids)).values()].filter((count) => count === 0);
  expect(unanswered.length).toBeGreaterThan(0); // the kill came before the bot was done

  await start(env);
  await expectEachAnsweredOnce(ids);
  await Promise.all(running.splice(0).map((app) => app.stop()));
}, 180_000);

it('lets another node answer what a killed node had acknowledged', async () => {
  const env = { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
  const nodeA = await start(env);
  await start(env);
  const { ids, close } = await burst(nodeA.url);
  await nodeA.kill();
  close();
  const unanswered = [...(await repliesTo(ids)).values()].filter((count) => count === 0);
  expect(unanswered.length).toBeGreaterThan(0);

  await expectEachAnsweredOnce(ids);
}, 180_000);
