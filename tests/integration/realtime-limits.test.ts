import { afterAll, beforeAll, expect, it } from 'vitest';
import { VisitorConnection } from '@/components/widget/visitor-connection';
import type { EventError } from '@/lib/schemas/events';
import { MAX_MESSAGE_LENGTH } from '@/lib/schemas/message';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  connectVisitor,
  eventually,
  memoryStorage,
  newClientId,
  nextEvent,
  startRealtime,
  visitorToken,
} from '../helpers/realtime';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

// Small limits, counted in this process (Redis counters would mix with other test files').
delete process.env.REDIS_URL;
process.env.VISITOR_MESSAGES_PER_MINUTE = '3';
process.env.IP_CONNECTS_PER_MINUTE = '6';

let database: TestDatabase;
let realtime: Awaited<ReturnType<typeof startRealtime>>;
let workspace: FixtureWorkspace;

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace();
  realtime = await startRealtime({
    replyToVisitor: async () => ({ decision: 'answer', text: 'ok', choices: [], citations: [] }),
  });
});

afterAll(async () => {
  await realtime?.close();
  await database?.drop();
});

it('refuses messages past the per-visitor limit with a clear error, and stores none of them', async () => {
  const { socket, visitorId } = await (async () => {
    const credentials = await visitorToken(workspace.siteId);
    return { ...credentials, socket: await connectVisitor(realtime.url, credentials) };
  })();
  const warned = nextEvent<EventError>(socket, 'server:error');
  const acks = [];
  for (let i = 0; i < 4; i += 1) {
    acks.push(
      await socket.emitWithAck('message:send', { clientId: newClientId(), body: `message ${i}` }),
    );
  }
  expect(acks.slice(0, 3).every((ack) => ack.ok)).toBe(true);
  const refused = acks[3];
  expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  if (!refused.ok) expect(refused.error.retryAfterMs).toBeGreaterThan(0);
  expect(await warned).toMatchObject({ code: 'rate_limited' });
  expect(
    await db().message.count({ where: { sender: 'visitor', conversation: { visitorId } } }),
  ).toBe(3);
  socket.close();
});

it('marks a message the server will never take as failed, keeps it for retry, and lets it go', async () => {
  const credentials = await visitorToken(workspace.siteId);
  const site = await db().site.findUniqueOrThrow({ where: { id: workspace.siteId } });
  const storage = memoryStorage();
  const connection = new VisitorConnection({
    url: realtime.url,
    siteKey: site.publicKey,
    storage,
    fetchToken: async () => credentials.token,
    socketOptions: { transports: ['websocket'] },
  });
  await connection.start();
  await eventually(() => connection.state.connection === 'online');
  const clientId = connection.send('x'.repeat(MAX_MESSAGE_LENGTH + 1));
  await eventually(() => connection.state.outbox[0]?.state === 'failed');
  expect(connection.state.outbox[0]).toMatchObject({ clientId, error: { code: 'too_long' } });
  // Unsent messages survive a reload: they are in storage until sent or dropped.
  expect(storage.getItem(`hearth:${site.publicKey}:outbox`)).toContain(clientId);
  connection.retry(clientId);
  await eventually(
    () =>
      connection.state.outbox[0]?.state === 'failed' && connection.state.outbox[0].attempts === 1,
  );
  connection.discard(clientId);
  expect(connection.state.outbox).toEqual([]);
  expect(storage.getItem(`hearth:${site.publicKey}:outbox`)).toBeNull();
  connection.stop();
});

it('refuses connections past the per-address limit', async () => {
  const credentials = await visitorToken(workspace.siteId);
  const sockets = [];
  let refusal: unknown;
  for (let attempt = 0; attempt < 6 && !refusal; attempt += 1) {
    try {
      sockets.push(await connectVisitor(realtime.url, credentials));
    } catch (error) {
      refusal = error;
    }
  }
  expect(refusal).toMatchObject({ data: { code: 'rate_limited' } });
  sockets.forEach((socket) => socket.close());
});
