// How long the analytics page's aggregates take on a large site.
//
// Usage: npm run bench:analytics -- [--conversations 100000] [--messages-per-conversation 10] [--json]
// Needs a Postgres server: DATABASE_URL (any database on it) or postgresql://postgres@127.0.0.1:5432/postgres.
// Generates the data with SQL in a throwaway database, times each aggregate, drops the database.
import pg from 'pg';
import { applyMigrations } from '@/lib/db/migrate';
import { withDatabase } from '@/lib/db/url';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const conversations = option('conversations', 100_000);
const perConversation = option('messages-per-conversation', 10);
const json = process.argv.includes('--json');
const serverUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const database = `hearth_bench_analytics_${process.pid}`;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function generate(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      insert into "Workspace" (id, name) values ('w1', 'Bench');
      insert into "Site" (id, "workspaceId", name, "publicKey", "allowedOrigins", "identitySecret",
        "visitorTokenSecret", "updatedAt")
      values ('s1', 'w1', 'Bench site', 'bench', '{}', 'x', 'y', now()),
             ('s2', 'w1', 'Other site', 'bench2', '{}', 'x', 'y', now());
      insert into "User" (id, email, name, "passwordHash") values ('u1', 'a@b.c', 'Agent', 'x');
      insert into "Visitor" (id, "siteId") select 'v' || g, case when g % 10 = 0 then 's2' else 's1' end
        from generate_series(1, ${Math.ceil(conversations / 3)}) g;`);
    // A year of conversations; a third involve a human, half of those rated.
    await client.query(`
      insert into "Conversation" (id, "siteId", "visitorId", status, "assigneeId", "handoffReason",
        "lastSeq", "createdAt", "updatedAt", "firstResponseAt", "resolvedAt", "csatScore")
      select 'c' || g, case when g % 10 = 0 then 's2' else 's1' end, 'v' || (g % ${Math.ceil(conversations / 3)} + 1),
        'resolved', case when g % 3 = 0 then 'u1' end,
        case when g % 3 = 0 then (array['Visitor asked for a human', 'Repeated fallback', 'Complaint'])[g % 9 / 3 + 1] end,
        ${perConversation}, t, t, case when g % 3 = 0 then t + interval '5 minutes' + (g % 300) * interval '1 second' end,
        t + interval '20 minutes', case when g % 6 = 0 then (g / 6) % 2 end
      from (select g, now() - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute' as t
            from generate_series(1, ${conversations}) g) s;`);
    await client.query(`
      insert into "Message" (id, "conversationId", seq, sender, body, intent, confidence, "reviewState", "createdAt")
      select 'm' || c.n || '_' || k, c.id, k,
        (case when k % 2 = 1 then 'visitor' else 'bot' end)::"MessageSender",
        case when k % 2 = 1 then (array['where is my order', 'refund please', 'asdf qwerty', 'do you ship to Mars'])[(c.n + k) % 4 + 1] else 'Sure.' end,
        case when k % 2 = 0 and (c.n + k) % 5 <> 0 then (array['order_status', 'refund', 'shipping', 'greeting'])[(c.n + k) % 4 + 1] end,
        case when k % 2 = 0 then 0.5 + ((c.n + k) % 50) / 100.0 end,
        (case when k % 2 = 1 and (c.n + k) % 7 = 0 then 'pending' end)::"ReviewState",
        c."createdAt" + k * interval '20 seconds'
      from (select id, "createdAt", substr(id, 2)::int as n from "Conversation") c,
        generate_series(1, ${perConversation}) k;`);
    await client.query('vacuum analyze');
    const { rows } = await client.query('select count(*)::int as n from "Message"');
    return `${rows[0].n} messages`;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  await admin(`create database ${database}`);
  const url = withDatabase(serverUrl, database);
  try {
    await applyMigrations(url);
    const started = performance.now();
    const size = await generate(url);
    if (!json)
      console.log(
        `Generated ${conversations} conversations, ${size} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    process.env.DATABASE_URL = url;
    const { siteAnalytics } = await import('@/lib/analytics');
    const { disconnectDatabase } = await import('@/lib/db');
    const now = new Date().toISOString().slice(0, 10);
    const ranges = {
      '30 days': {
        from: new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10),
        to: now,
      },
      '365 days': {
        from: new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10),
        to: now,
      },
    };
    const results: Record<string, { p50Ms: number; maxMs: number }> = {};
    for (const [label, range] of Object.entries(ranges)) {
      await siteAnalytics('s1', range); // warm the cache and the pool
      const times: number[] = [];
      for (let round = 0; round < 5; round += 1) {
        const began = performance.now();
        await siteAnalytics('s1', range);
        times.push(performance.now() - began);
      }
      times.sort((a, b) => a - b);
      results[label] = { p50Ms: Math.round(times[2]), maxMs: Math.round(times[4]) };
      if (!json)
        console.log(
          `analytics page, ${label}: p50 ${results[label].p50Ms} ms, max ${results[label].maxMs} ms`,
        );
    }
    await disconnectDatabase();
    if (json) console.log(JSON.stringify({ conversations, results }));
  } finally {
    await admin(`drop database if exists ${database} with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
