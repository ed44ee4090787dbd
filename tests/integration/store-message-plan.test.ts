import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LATEST_CONVERSATIONS } from '@/lib/conversations/current-conversation';
import { STORE_MESSAGE } from '@/lib/conversations/store-message';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The statement storing every message is prepared once per connection and Postgres soon keeps a
// generic plan for it, made from what it knows of the bot's outbox ("BotTurn") at that moment.
// A plan that scans the outbox reads every waiting turn for every message: under a backlog
// (thousands of turns, plus dead rows where autovacuum is off) that cost grows with the backlog
// (measured: 3.6k rows read per message at 500 msg/s).

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

const PARAMETER_TYPES = [
  'text',
  'text',
  'text',
  'text',
  'boolean',
  'boolean',
  'boolean',
  'jsonb',
  'text',
  '"MessageSender"',
  'text',
  'text',
  'boolean',
  'text',
  'float8',
  'text',
  'jsonb',
  'jsonb',
  'float8',
  'text',
  'boolean',
  'jsonb',
  'int',
];

it('finds the outbox rows of a message through its indexes, as a generic plan too', async () => {
  // An outbox no ANALYZE has seen yet (a new database, or autovacuum off): its size is guessed.
  await client.query(`UPDATE pg_class SET reltuples = -1, relpages = 0 WHERE relname = 'BotTurn'`);
  await client.query('SET plan_cache_mode = force_generic_plan');
  await client.query(`PREPARE store (${PARAMETER_TYPES.join(', ')}) AS ${STORE_MESSAGE}`);
  const explain = async (values: string) =>
    (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE store(${values})`)).rows
      .map((row) => row['QUERY PLAN'])
      .join('\n');
  // A visitor's message, and a bot reply that takes its turn out and claims the next one.
  const visitor = await explain(
    `'c', 'v', 'active', 'k', false, true, false, null, 'id', 'visitor', null, 'hi', false, ` +
      `null, null, null, null, '[]', 15, null, false, null, 20`,
  );
  const reply = await explain(
    `'c', 'v', 'bot', 'bot:m', false, false, false, null, 'id', 'bot', null, 'hello', false, ` +
      `null, null, null, null, '[]', 15, 'm', false, null, 20`,
  );
  for (const plan of [visitor, reply]) {
    expect(plan).toContain('"BotTurn_conversationId_seq_idx"');
    expect(plan).not.toMatch(/Seq Scan on "BotTurn"/);
  }
});

it("finds visitors' latest conversations by their own index, as a generic plan too", async () => {
  // 2,000 visitors of one site with a conversation each, never analyzed (as the first minute of a
  // new database, or autovacuum off); foreign keys are not checked for the fixture.
  await client.query('SET session_replication_role = replica');
  await client.query(`
    INSERT INTO "Visitor" ("id", "siteId") SELECT 'v' || n, 's' FROM generate_series(1, 2000) n;
    INSERT INTO "Conversation" ("id", "siteId", "visitorId", "updatedAt")
      SELECT 'v' || n || '-c1', 's', 'v' || n, now() FROM generate_series(1, 2000) n;`);
  await client.query('SET session_replication_role = DEFAULT');
  await client.query('SET plan_cache_mode = force_generic_plan');
  await client.query(`PREPARE latest (text[], text[], boolean[]) AS ${LATEST_CONVERSATIONS}`);
  const plan = (
    await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN EXECUTE latest('{v1,v2,v3,new}', '{s,s,s,s}', '{t,t,t,t}')`,
    )
  ).rows
    .map((row) => row['QUERY PLAN'])
    .join('\n');
  // Not every conversation of the site (its indexes) or every visitor for each visitor.
  expect(plan).toContain('"Conversation_visitorId_createdAt_idx"');
  expect(plan).not.toMatch(/"Conversation_siteId|Seq Scan on "(Conversation|Visitor)"/);
});
