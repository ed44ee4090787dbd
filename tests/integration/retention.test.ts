import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJobRunner } from '@/lib/jobs';
import { applyRetention, retentionJob } from '@/lib/retention';
import { updateRetention } from '@/lib/sites';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { eventually } from '../helpers/realtime';
import {
  createFixtureConversation,
  createFixtureWorkspace,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';

// Retention: a site's "delete conversations quiet for N days" deletes exactly those of that site,
// with everything hanging off them, and erases visitors with nothing left in the period; audited;
// run by a periodic job at start.

let database: TestDatabase;
let acme: FixtureWorkspace;
let other: FixtureWorkspace;
const DAY_MS = 24 * 60 * 60_000;

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await createFixtureWorkspace({ agents: 1 });
  other = await createFixtureWorkspace({ agents: 0 });
});

afterAll(async () => {
  await database?.drop();
});

/** A conversation whose last message was `days` ago, with a review item and a pending bot turn. */
async function conversationQuietFor(siteId: string, days: number) {
  const created = await createFixtureConversation(siteId, {
    status: 'bot',
    messages: [
      { sender: 'visitor', body: 'where is my parcel' },
      { sender: 'bot', body: 'Sorry, I do not know' },
      { sender: 'visitor', body: 'hello?' },
    ],
  });
  const lastMessageAt = new Date(Date.now() - days * DAY_MS);
  await db().conversation.update({
    where: { id: created.conversationId },
    data: { lastMessageAt, createdAt: lastMessageAt },
  });
  await db().message.update({
    where: { id: created.messageIds[0] },
    data: { reviewState: 'pending' },
  });
  await db().botTurn.create({
    data: { messageId: created.messageIds[2], conversationId: created.conversationId, seq: 3 },
  });
  return created;
}

const exists = async (conversationId: string) =>
  (await db().conversation.count({ where: { id: conversationId } })) === 1;

it('deletes only the site’s conversations quiet for longer than its setting, with their messages', async () => {
  await updateRetention(acme.admin, acme.siteId, { retentionDays: 30 });
  const old = await conversationQuietFor(acme.siteId, 31);
  const recent = await conversationQuietFor(acme.siteId, 29);
  const otherSiteOld = await conversationQuietFor(other.siteId, 400); // that site keeps everything

  const results = await applyRetention();
  expect(results).toEqual([{ siteId: acme.siteId, deleted: 1, visitors: 0 }]);
  expect(await exists(old.conversationId)).toBe(false);
  expect(await db().message.count({ where: { id: { in: old.messageIds } } })).toBe(0);
  expect(await db().botTurn.count({ where: { conversationId: old.conversationId } })).toBe(0);
  // Search runs over messages and the review queue is messages: neither can find it any more.
  expect(
    await db().message.count({
      where: { conversationId: old.conversationId, reviewState: 'pending' },
    }),
  ).toBe(0);
  expect(await exists(recent.conversationId)).toBe(true);
  expect(await db().message.count({ where: { id: { in: recent.messageIds } } })).toBe(3);
  expect(await exists(otherSiteOld.conversationId)).toBe(true);

  const audited = await db().auditEvent.findMany({
    where: { action: 'site.retention_applied', target: `site:${acme.siteId}` },
  });
  expect(audited).toHaveLength(1);
  expect(audited[0]).toMatchObject({ actorId: null, details: { retentionDays: 30, deleted: 1 } });

  // Nothing more to delete: no new audit line.
  expect(await applyRetention()).toEqual([{ siteId: acme.siteId, deleted: 0, visitors: 0 }]);
  expect(
    await db().auditEvent.count({
      where: { action: 'site.retention_applied', target: `site:${acme.siteId}` },
    }),
  ).toBe(1);
});

it('erases a visitor not seen within the period and left with no newer conversation, as a data-rights delete does', async () => {
  // acme keeps 30 days (set by the first test).
  const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
  const lastSeen = (visitorId: string, days: number) =>
    db().visitor.update({ where: { id: visitorId }, data: { lastSeenAt: daysAgo(days) } });

  // Gone for 40 days, their only conversation quiet for 31: erased with what carries their words.
  const gone = await conversationQuietFor(acme.siteId, 31);
  await lastSeen(gone.visitorId, 40);
  const example = await db().trainingExample.create({
    data: {
      intent: { create: { siteId: acme.siteId, name: 'parcel' } },
      text: 'where is my parcel',
      source: 'conversation',
      messageId: gone.messageIds[0],
    },
  });
  const endpoint = await db().webhookEndpoint.create({
    data: { siteId: acme.siteId, url: 'https://crm.example/hook', secret: 's', events: [] },
  });
  const delivery = await db().webhookDelivery.create({
    data: {
      endpointId: endpoint.id,
      eventId: 'event-1',
      type: 'conversation.created',
      body: JSON.stringify({ data: { conversation: { id: gone.conversationId } } }),
      retryUntil: daysAgo(-1),
    },
  });
  const outboxJob = await db().job.create({
    data: { kind: 'webhook.event', payload: { conversationId: gone.conversationId } },
  });
  // Gone for 40 days without ever writing: erased.
  const silent = await db().visitor.create({
    data: { siteId: acme.siteId, lastSeenAt: daysAgo(40) },
  });
  // Gone for 40 days but wrote 5 days ago: kept, only the old conversation goes.
  const returning = await conversationQuietFor(acme.siteId, 31);
  await lastSeen(returning.visitorId, 40);
  const newer = await db().conversation.create({
    data: { siteId: acme.siteId, visitorId: returning.visitorId, lastMessageAt: daysAgo(5) },
  });
  // Seen 10 days ago, their conversation old: kept (seen within the period), the conversation goes.
  const seen = await conversationQuietFor(acme.siteId, 31);
  await lastSeen(seen.visitorId, 10);
  // Here now, no conversation yet: kept.
  const newcomer = await db().visitor.create({ data: { siteId: acme.siteId } });
  const otherSiteGone = await conversationQuietFor(other.siteId, 400);
  await lastSeen(otherSiteGone.visitorId, 400);

  expect(await applyRetention()).toEqual([{ siteId: acme.siteId, deleted: 3, visitors: 2 }]);
  const visitorsLeft = await db().visitor.findMany({
    where: {
      id: {
        in: [gone, returning, seen, otherSiteGone]
          .map((created) => created.visitorId)
          .concat(silent.id, newcomer.id),
      },
    },
    select: { id: true },
  });
  expect(visitorsLeft.map((visitor) => visitor.id).sort()).toEqual(
    [returning.visitorId, seen.visitorId, otherSiteGone.visitorId, newcomer.id].sort(),
  );
  expect(await db().trainingExample.count({ where: { id: example.id } })).toBe(0);
  expect(await db().webhookDelivery.count({ where: { id: delivery.id } })).toBe(0);
  expect(await db().job.count({ where: { id: outboxJob.id } })).toBe(0);
  for (const old of [gone, returning, seen]) expect(await exists(old.conversationId)).toBe(false);
  expect(await exists(newer.id)).toBe(true);
  expect(await exists(otherSiteGone.conversationId)).toBe(true);
  const [audited] = await db().auditEvent.findMany({
    where: { action: 'site.retention_applied', target: `site:${acme.siteId}` },
    orderBy: { createdAt: 'desc' },
    take: 1,
  });
  expect(audited.details).toMatchObject({ deleted: 3, visitors: 2 });
});

it('runs as a periodic job: at start, then again a day later', async () => {
  const old = await conversationQuietFor(acme.siteId, 45);
  const runner = startJobRunner([retentionJob], { sweepEveryMs: 100 });
  try {
    await eventually(async () => !(await exists(old.conversationId)));
    await eventually(async () => {
      const job = await db().job.findUnique({ where: { key: 'retention.apply' } });
      return !!job && job.runAt.getTime() > Date.now() + DAY_MS - 60_000;
    });
  } finally {
    await runner.stop(1_000);
  }
  expect(await db().job.count({ where: { kind: 'retention.apply' } })).toBe(1);
});

it('is set by the site’s admins only, within 1–3650 days or null, and audited', async () => {
  await expect(
    updateRetention(acme.agents[0], acme.siteId, { retentionDays: 7 }),
  ).rejects.toMatchObject({ code: 'forbidden' });
  await expect(
    updateRetention(other.admin, acme.siteId, { retentionDays: 7 }),
  ).rejects.toMatchObject({ code: 'not_found' });
  for (const retentionDays of [0, -1, 1.5, 3651, '30']) {
    await expect(updateRetention(acme.admin, acme.siteId, { retentionDays })).rejects.toThrow();
  }
  await updateRetention(acme.admin, acme.siteId, { retentionDays: null });
  const site = await db().site.findUniqueOrThrow({ where: { id: acme.siteId } });
  expect(site.retentionDays).toBeNull();
  const changes = await db().auditEvent.findMany({
    where: { action: 'site.retention_changed', target: `site:${acme.siteId}` },
    orderBy: { createdAt: 'asc' },
  });
  expect(changes.map((change) => change.details)).toEqual([
    { retentionDays: 30 },
    { retentionDays: null },
  ]);
});
