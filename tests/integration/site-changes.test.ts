import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { siteIntents } from '@/lib/bot';
import { db, siteCache } from '@/lib/db';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { eventually } from '../helpers/realtime';
import { createFixtureWorkspace } from '../helpers/workspace-fixtures';

// What the bot reads of a site per message is cached on every node and forgotten when any node
// (or a script) changes it: triggers notify, every node listens.

let database: TestDatabase;
let siteId: string;
/** Another node: a connection of its own, as a second server or a psql session would have. */
let other: pg.Client;
const heard: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  siteId = (await createFixtureWorkspace({ agents: 0 })).siteId;
  other = new pg.Client({ connectionString: database.url });
  await other.connect();
  other.on('notification', ({ payload }) => heard.push(payload ?? ''));
  await other.query('listen hearth_site_changed');
});

afterAll(async () => {
  await other?.end();
  await database?.drop();
});

/** Runs `change` and says whether the site's change notification came. */
async function notifies(change: () => Promise<unknown>): Promise<boolean> {
  await other.query('select 1'); // what earlier changes sent is in
  heard.length = 0;
  await change();
  // A notification is sent at commit; a round trip on the listening connection brings it in.
  await other.query('select 1');
  return heard.includes(siteId);
}

it('notifies every change to what the bot reads: intents, responses, entities, articles', async () => {
  const intent = await db().intent.create({ data: { siteId, name: 'greeting' } });
  expect(await notifies(() => Promise.resolve())).toBe(false);
  expect(
    await notifies(() =>
      db().intentResponse.create({ data: { intentId: intent.id, body: 'Hello!', position: 0 } }),
    ),
  ).toBe(true);
  expect(
    await notifies(() => db().intent.update({ where: { id: intent.id }, data: { handoff: true } })),
  ).toBe(true);
  expect(
    await notifies(() =>
      db().customEntity.create({ data: { siteId, name: 'color', values: [], lookup: ['red'] } }),
    ),
  ).toBe(true);
  expect(
    await notifies(() =>
      db().article.create({ data: { siteId, title: 'Hours', body: 'Open 9 to 5.' } }),
    ),
  ).toBe(true);
  // Examples matter only for their entity annotations: adding plain ones says nothing.
  expect(
    await notifies(() =>
      db().trainingExample.create({ data: { intentId: intent.id, text: 'hi' } }),
    ),
  ).toBe(false);
  const annotations = [{ entity: 'color', start: 0, end: 3 }];
  expect(
    await notifies(() =>
      db().trainingExample.create({ data: { intentId: intent.id, text: 'red one', annotations } }),
    ),
  ).toBe(true);
  expect(await notifies(() => db().intent.delete({ where: { id: intent.id } }))).toBe(true);
});

it("gives the bot another node's edit of a response within a second", async () => {
  const intent = await db().intent.create({
    data: { siteId, name: 'hours', responses: { create: { body: 'We open at 9.', position: 0 } } },
  });
  expect((await siteIntents(siteId)).get('hours')?.responses).toEqual(['We open at 9.']);
  await other.query(`update "IntentResponse" set "body" = 'We open at 8.' where "intentId" = $1`, [
    intent.id,
  ]);
  await eventually(
    async () => (await siteIntents(siteId)).get('hours')?.responses[0] === 'We open at 8.',
    1_000,
  );
});

it('reads a site once until it changes, and never keeps a read that a change overtook', async () => {
  let reads = 0;
  let finishRead: (() => void) | null = null;
  let slow = false;
  const cache = siteCache(async () => {
    reads += 1;
    if (slow) await new Promise<void>((resolve) => (finishRead = resolve));
    return reads;
  });
  // Kept once the node listens (the first read starts listening).
  await eventually(async () => (await cache.read(siteId)) === (await cache.read(siteId)));
  const kept = reads;
  expect(await cache.read(siteId)).toBe(kept);

  const rename = (name: string) =>
    other.query(`update "Site" set "name" = $1 where "id" = $2`, [name, siteId]);
  await rename('Renamed');
  await eventually(async () => (await cache.read(siteId)) === kept + 1);

  const notified = () => new Promise((resolve) => setTimeout(resolve, 300));
  await rename('Renamed again');
  await notified();
  slow = true;
  const overtaken = cache.read(siteId);
  await rename('Renamed a third time');
  await notified();
  slow = false;
  finishRead!();
  expect(await overtaken).toBe(kept + 2);
  expect(await cache.read(siteId)).toBe(kept + 3);
});
