import { expect, it } from 'vitest';
import { db } from '../helpers/db';
import {
  connectVisitor,
  eventually,
  liftAddressLimits,
  startRealtime,
  visitorToken,
} from '../helpers/realtime';
import { fixtureWorkspaceForFile } from '../helpers/workspace-fixtures';

// A visitor's connection starts loading what the bot reads for the site (its knowledge-base index
// above all, built at the site's first question otherwise), so the first questions do not queue
// behind it.

liftAddressLimits();

const fixture = fixtureWorkspaceForFile();

const knowledge = () =>
  (globalThis as unknown as { hearthKnowledge?: { bySite: Map<string, unknown> } }).hearthKnowledge;

it('builds the site’s knowledge-base index when a visitor connects, before any message', async () => {
  await db().article.create({
    data: {
      siteId: fixture.workspace.siteId,
      title: 'Returns',
      body: 'You can return anything within 30 days for a full refund.',
    },
  });
  const realtime = await startRealtime(); // lib/bot
  try {
    expect(knowledge()?.bySite.has(fixture.workspace.siteId) ?? false).toBe(false);
    const visitor = await connectVisitor(
      realtime.url,
      await visitorToken(fixture.workspace.siteId),
    );
    await eventually(
      async () => knowledge()?.bySite.has(fixture.workspace.siteId) ?? false,
      10_000,
    );
    // Indexed in the database too: the first question finds nothing stale.
    const article = await db().article.findFirstOrThrow({
      where: { siteId: fixture.workspace.siteId },
    });
    expect(article.indexedAt).not.toBeNull();
    visitor.close();
  } finally {
    await realtime.close();
  }
}, 30_000);

it('prepares a site at most once every few seconds', async () => {
  const prepared: string[] = [];
  const withPrepare = await startRealtime({
    replyToVisitor: async () => ({ decision: 'answer', text: 'hi', choices: [], citations: [] }),
    prepareBot: async (siteId) => {
      prepared.push(siteId);
    },
  });
  try {
    const first = await connectVisitor(
      withPrepare.url,
      await visitorToken(fixture.workspace.siteId),
    );
    const second = await connectVisitor(
      withPrepare.url,
      await visitorToken(fixture.workspace.siteId),
    );
    expect(prepared).toEqual([fixture.workspace.siteId]);
    first.close();
    second.close();
  } finally {
    await withPrepare.close();
  }
});
