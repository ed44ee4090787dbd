// How fast the inbox's queries are on a large workspace: the conversation list of every view (first
// page and a later page), the view counts, full-text search, the review queue and the metrics.
//
// Usage: npm run bench:inbox -- [--conversations 100000] [--messages 1000000] [--runs 200] [--json]
// Needs a Postgres server: DATABASE_URL (any database on it) or postgresql://postgres@127.0.0.1:5432/postgres.
// Fills a throwaway database with scripts/seed-load.ts, times each query through the same code the
// `/agent` socket runs (Prisma and raw SQL included), then drops the database.
import pg from 'pg';
import { applyMigrations } from '@/lib/db/migrate';
import { seedLoad } from './seed-load';
import { withDatabase } from '@/lib/db/url';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const conversations = option('conversations', 100_000);
const messages = option('messages', 1_000_000);
const runs = option('runs', 200);
const json = process.argv.includes('--json');
const serverUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const database = `hearth_bench_inbox_${process.pid}`;
const log = (line: string) => {
  if (!json) console.log(line);
};

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Timing {
  query: string;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  rows: number;
}

async function time(query: string, run: () => Promise<number>, times = runs): Promise<Timing> {
  for (let i = 0; i < Math.min(5, times); i += 1) await run();
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    rows = await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  const timing = {
    query,
    p50Ms: round(percentile(samples, 50)),
    p95Ms: round(percentile(samples, 95)),
    p99Ms: round(percentile(samples, 99)),
    rows,
  };
  log(
    `${query.padEnd(36)} p50 ${String(timing.p50Ms).padStart(8)} ms   p95 ${String(timing.p95Ms).padStart(8)} ms   ` +
      `p99 ${String(timing.p99Ms).padStart(8)} ms   (${rows} rows, ${times} runs)`,
  );
  return timing;
}

async function main(): Promise<void> {
  await admin(`create database ${database}`);
  const url = withDatabase(serverUrl, database);
  try {
    await applyMigrations(url);
    log(`Generating ${conversations} conversations and ~${messages} messages…`);
    const load = await seedLoad(url, { conversations, messages, log });
    log(`Generated ${load.messages} messages in ${load.seconds.toFixed(0)} s.\n`);

    // The app's code reads the database through db(), which follows DATABASE_URL.
    process.env.DATABASE_URL = url;
    const conversationsApi = await import('@/lib/conversations');
    const { db, disconnectDatabase } = await import('@/lib/db');
    const member = await db().membership.findFirstOrThrow({
      where: { workspaceId: load.workspaceId, userId: load.agentIds.at(-1) },
      include: { user: true },
    });
    const agent = {
      userId: member.userId,
      workspaceId: member.workspaceId,
      role: member.role,
      name: member.user.name,
    };

    const timings: Timing[] = [];
    for (const view of ['needs_human', 'mine', 'open', 'bot', 'resolved', 'all'] as const) {
      timings.push(
        await time(`list ${view}, first page`, async () => {
          const page = await conversationsApi.listConversations(agent, { view, limit: 50 });
          return page.conversations.length;
        }),
      );
    }
    // A later page: the cursor of page 4 (what "Load more" sends).
    let cursor: string | undefined;
    for (let page = 0; page < 4; page += 1) {
      cursor =
        (await conversationsApi.listConversations(agent, { view: 'resolved', limit: 50, cursor }))
          .nextCursor ?? undefined;
    }
    timings.push(
      await time('list resolved, page 5', async () => {
        const page = await conversationsApi.listConversations(agent, {
          view: 'resolved',
          limit: 50,
          cursor,
        });
        return page.conversations.length;
      }),
    );
    timings.push(
      await time(
        'view counts',
        async () => Object.keys(await conversationsApi.countInbox(agent)).length,
      ),
    );
    for (const query of ['refund', 'JN-0001', 'tracking link label', 'zzyzx']) {
      timings.push(
        await time(
          `search "${query}"`,
          async () =>
            (await conversationsApi.searchConversations(agent, { query, limit: 20 })).hits.length,
        ),
      );
    }
    // The review queue and the metrics are opened now and then, not on every event: fewer runs.
    const occasional = Math.max(5, Math.round(runs / 10));
    timings.push(
      await time(
        'review queue (grouped)',
        async () => (await conversationsApi.listReviewQueue(agent)).total,
        occasional,
      ),
    );
    timings.push(
      await time(
        'metrics, 30 days',
        async () => (await conversationsApi.measureInbox(agent, { days: 30 })).agents.length,
        occasional,
      ),
    );
    await disconnectDatabase();

    const listP95 = Math.max(
      ...timings.filter((timing) => timing.query.startsWith('list ')).map((timing) => timing.p95Ms),
    );
    log(`\nInbox list query, worst p95 over the views: ${listP95} ms`);
    if (json)
      console.log(
        JSON.stringify({
          conversations,
          messages: load.messages,
          runs,
          listP95Ms: listP95,
          timings,
        }),
      );
  } finally {
    await admin(`drop database if exists ${database} with (force)`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
