// A visitor erased by a data-rights delete while their chat is open (or their token still stored):
// their token must not keep a socket that can store nothing. Their tabs are dropped, and reconnecting
// with the old token is refused as "unauthenticated", which the widget answers by becoming a new
// visitor (components/widget/visitor-connection.ts), so the next message is stored, not lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteVisitor } from '@/lib/visitors';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import {
  connectVisitor,
  liftAddressLimits,
  newClientId,
  nextEvent,
  startRealtime,
  visitorToken,
} from '../helpers/realtime';
import { createFixtureWorkspace, type FixtureWorkspace } from '../helpers/workspace-fixtures';

liftAddressLimits();

let database: TestDatabase;
let realtime: Awaited<ReturnType<typeof startRealtime>>;
let workspace: FixtureWorkspace;

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await createFixtureWorkspace({ agents: 0 });
  realtime = await startRealtime({
    replyToVisitor: async () => ({ decision: 'answer', text: 'Hi!', choices: [], citations: [] }),
  });
});
afterAll(async () => {
  await realtime?.close();
  await database?.drop();
});

describe('an erased visitor', () => {
  it('loses their open sockets, and their token no longer connects', async () => {
    const credentials = await visitorToken(workspace.siteId);
    const tab = await connectVisitor(realtime.url, credentials);
    const sent = await tab.emitWithAck('message:send', { clientId: newClientId(), body: 'Hello' });
    expect(sent).toMatchObject({ ok: true });

    const dropped = nextEvent<string>(tab, 'disconnect');
    await deleteVisitor(workspace.admin, credentials.visitorId);
    // Dropped as a lost connection (not a server's "go away"), so the widget reconnects by itself.
    expect(await dropped).toBe('transport close');

    await expect(connectVisitor(realtime.url, credentials)).rejects.toMatchObject({
      data: { code: 'unauthenticated' },
    });
    expect(await db().visitor.count({ where: { id: credentials.visitorId } })).toBe(0);
  });

  it('with a token stored from before is refused at once, not after every message fails', async () => {
    const credentials = await visitorToken(workspace.siteId);
    await deleteVisitor(workspace.admin, credentials.visitorId);
    await expect(connectVisitor(realtime.url, credentials)).rejects.toMatchObject({
      data: { code: 'unauthenticated' },
    });
  });
});
