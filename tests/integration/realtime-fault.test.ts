import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VisitorConnection } from '@/components/widget/visitor-connection';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  connectAgent,
  eventually,
  memoryStorage,
  newClientId,
  visitorToken,
  type AgentClient,
} from '../helpers/realtime';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

// SIGKILL the server while a visitor and an agent are each sending a burst, start it again on the
// same port, and check that every message is stored exactly once and both sides see the same list.

const BURST = 30;
let database: TestDatabase;
let workspace: FixtureWorkspace;
let app: RunningApp;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace();
  // A fixed port, so the restarted server is where the clients reconnect to. Another process may
  // take the free port first: then try another.
  for (let attempt = 1; ; attempt += 1) {
    env = {
      DATABASE_URL: database.url,
      PORT: String(await freePort()),
      // One node: shared counters in Redis would mix with other test files'.
      REDIS_URL: undefined,
      VISITOR_MESSAGES_PER_MINUTE: '1000',
      VISITOR_CONNECTS_PER_MINUTE: '1000',
    };
    try {
      app = await startApp(env);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

it('loses and duplicates nothing when the server is killed mid-burst', async () => {
  const credentials = await visitorToken(workspace.siteId);
  const site = await db().site.findUniqueOrThrow({ where: { id: workspace.siteId } });
  const visitor = new VisitorConnection({
    url: app.url,
    siteKey: site.publicKey,
    storage: memoryStorage(),
    fetchToken: async () => credentials.token,
    socketOptions: { transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 500 },
  });
  await visitor.start();
  await eventually(() => visitor.state.connection === 'online');

  // A person handles the conversation, so only our two senders write to it.
  visitor.send('hello, anyone?');
  await eventually(() => visitor.state.conversation !== null && visitor.state.outbox.length === 0);
  const conversationId = visitor.state.conversation!.id;
  let agent = await connectAgent(app.url, workspace.admin.token);
  await agent.emitWithAck('conversation:take-over', { conversationId });

  // The agent's side keeps its own outbox: resend with the same clientId until acknowledged.
  const agentClientIds = Array.from({ length: BURST }, () => newClientId());
  const agentSends = (async () => {
    for (const [index, clientId] of agentClientIds.entries()) {
      for (;;) {
        const ack = await agent
          .timeout(3_000)
          .emitWithAck('message:send', { conversationId, clientId, body: `agent ${index}` })
          .catch(() => null);
        if (ack?.ok) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  })();
  const visitorClientIds = Array.from({ length: BURST }, (_, index) =>
    visitor.send(`visitor ${index}`),
  );

  await eventually(
    async () => (await db().message.count({ where: { conversationId } })) >= 12,
    30_000,
  );
  await app.kill();
  const storedAtKill = await db().message.count({ where: { conversationId } });
  expect(storedAtKill).toBeLessThan(2 * BURST + 1);

  app = await startApp(env);
  await eventually(async () => {
    if (agent.connected) return true;
    agent = await reconnectAgent(agent).catch(() => agent);
    return agent.connected;
  }, 30_000);
  await agentSends;
  await eventually(() => visitor.state.outbox.length === 0, 30_000);

  const rows = await db().message.findMany({ where: { conversationId }, orderBy: { seq: 'asc' } });
  expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index + 1));
  const clientIds = rows.map((row) => row.clientId);
  expect(new Set(clientIds).size).toBe(clientIds.length);
  expect(clientIds).toEqual(expect.arrayContaining([...visitorClientIds, ...agentClientIds]));
  // (The bot may have answered the first message before the take-over.)
  expect(rows.filter((row) => row.sender !== 'bot').length).toBe(2 * BURST + 1);
  // Each sender's messages keep the order they were written in.
  const visitorBodies = rows.filter((row) => row.sender === 'visitor').map((row) => row.body);
  expect(visitorBodies).toEqual([
    'hello, anyone?',
    ...visitorClientIds.map((_, index) => `visitor ${index}`),
  ]);

  // Both sides converge on the stored list.
  await eventually(() => visitor.state.messages.length === rows.length, 15_000);
  expect(visitor.state.messages.map((message) => message.id)).toEqual(rows.map((row) => row.id));
  const joined = await agent.emitWithAck('conversation:join', { conversationId, afterSeq: 0 });
  expect(joined.ok && joined.messages.map((message) => message.id)).toEqual(
    rows.map((row) => row.id),
  );
  visitor.stop();
  agent.close();
}, 120_000);

async function reconnectAgent(previous: AgentClient): Promise<AgentClient> {
  previous.close();
  return connectAgent(app.url, workspace.admin.token);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
