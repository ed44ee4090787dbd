import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
