// The bot's own cost per visitor message: `replyToVisitor` (classify, entities, retrieve, compose,
// and the reads it makes) on the seeded demo shop with its starter intents trained, as `npm start`
// leaves it, for every question of tests/fixtures/kb-questions.{dev,eval}.json plus the bench's own
// "bench N" messages, each as the latest message of a conversation with earlier visitor messages.
// Reports CPU time per message (process.cpuUsage, this process: the bot and its Prisma reads; not
// Postgres) p50 / p95 / mean, wall time, and a digest of every reply (decision, intent, confidence,
// text, choices, citations; not article ids) so a change that should not change answers can be
// checked to not.
//
//   npm run bench:bot -- [--rounds 3] [--json]      (node --cpu-prof for where the time goes)
//
// Needs a Postgres server: DATABASE_URL (any database on it) or postgresql://postgres@127.0.0.1:5432/postgres.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { replyToVisitor, type BotTurn } from '@/lib/bot';
import { db } from '@/lib/db';
import { BotSettingsSchema } from '@/lib/schemas/site';
import { KbQuestionsSchema } from './kb-questions';
import { withDemoSite } from './with-demo-site';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});

/** Earlier visitor messages in each conversation (the bench's visitors send several). */
const HISTORY = 6;

async function main(): Promise<void> {
  const questions = (
    await Promise.all(
      ['dev', 'eval'].map(async (set) =>
        KbQuestionsSchema.parse(
          JSON.parse(await readFile(`tests/fixtures/kb-questions.${set}.json`, 'utf8')),
        ),
      ),
    )
  )
    .flat()
    .map((question) => question.question);
  const texts = [...questions, ...Array.from({ length: 40 }, (_, i) => `bench ${i + 1}`)];
  const result = await withDemoSite('bench_bot', { trained: true }, async (site) => {
    const row = await db().site.findUniqueOrThrow({ where: { id: site.id } });
    const botSettings = BotSettingsSchema.parse(row.botSettings ?? {});
    const turnOf = (text: string, i: number): BotTurn => ({
      site: { id: site.id, language: site.language, botSettings },
      conversation: { id: `bench-bot:${i}`, fallbackCount: 0 },
      visitorMessage: { id: `bench-bot:${i}`, body: text },
      history: Array.from({ length: HISTORY }, (_, back) => ({
        sender: back % 2 ? ('bot' as const) : ('visitor' as const),
        body: texts[(i + texts.length - HISTORY + back) % texts.length],
      })),
      signal: AbortSignal.timeout(60_000),
    });
    // Warm-up: caches filled and code compiled, as in a server that has been running.
    for (const [i, text] of texts.entries()) await replyToVisitor(turnOf(text, i));
    const cpu: number[] = [];
    const wall: number[] = [];
    const digest = createHash('sha256');
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const [i, text] of texts.entries()) {
        const startedCpu = process.cpuUsage();
        const startedAt = performance.now();
        const reply = await replyToVisitor(turnOf(text, i));
        wall.push(performance.now() - startedAt);
        const used = process.cpuUsage(startedCpu);
        cpu.push((used.user + used.system) / 1000);
        if (round === 0) {
          const { decision, intent, confidence, text: said, choices, citations } = reply;
          // Article ids differ from one throwaway database to the next; titles and texts do not.
          const withoutIds = (key: string, value: unknown) =>
            key === 'articleId' ? undefined : value;
          const read = { decision, intent, confidence, said, choices, citations };
          digest.update(`${JSON.stringify(read, withoutIds)}\n`);
        }
      }
    }
    return {
      messages: cpu.length,
      cpuP50Ms: percentile(cpu, 50),
      cpuP95Ms: percentile(cpu, 95),
      cpuMeanMs: round(cpu.reduce((sum, ms) => sum + ms, 0) / cpu.length),
      wallP50Ms: percentile(wall, 50),
      wallP95Ms: percentile(wall, 95),
      repliesDigest: digest.digest('hex').slice(0, 16),
      loadAverage: (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' '),
    };
  });
  console.log(values.json ? JSON.stringify(result) : result);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
}
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

await main();
