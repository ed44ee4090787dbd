// npm run bench:generate [-- --json] [--fixture] [--replies N]
// Generation speed and knowledge-base retrieval quality, for whichever models are installed in
// MODELS_DIR (none: those figures are null). `--fixture` measures the tiny test fixtures instead
// (a bigram table, not a language model: it shows the pipeline's overhead, not a model's speed).
// Needs a Postgres server: DATABASE_URL (any database on it) or postgresql://postgres@127.0.0.1:5432/postgres;
// a scratch database is created there and dropped at the end.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { generate, modelStatus } from '@/lib/ai';
import { replyToVisitor, type BotTurn } from '@/lib/bot';
import { retrieve } from '@/lib/knowledge';
import { BotSettingsSchema } from '@/lib/schemas/site';
import { buildModelFixtures, configureFixtureModels } from '@/tests/fixtures/models';
import { withDemoSite } from './with-demo-site';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    fixture: { type: 'boolean', default: false },
    replies: { type: 'string', default: '8' },
  },
});
const replies = Math.max(4, Number(values.replies));
// With --json, stdout is the one JSON line: every other line (ours and the libraries') goes to stderr.
const jsonLine = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
if (values.json) console.log = console.error;

interface DemoQuestions {
  answerable: { question: string; article: string }[];
  unanswerable: string[];
}

const median = (numbers: number[]): number | null => {
  if (numbers.length === 0) return null;
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value: number | null, digits = 1) =>
  value === null ? null : Number(value.toFixed(digits));

async function main(): Promise<void> {
  if (values.fixture) {
    await buildModelFixtures();
    configureFixtureModels();
  }
  const questions: DemoQuestions = JSON.parse(
    await readFile('tests/fixtures/demo-kb-questions.json', 'utf8'),
  );
  await withDemoSite('bench_generate', { trained: false }, (site) => measure(site.id, questions));
}

async function measure(siteId: string, questions: DemoQuestions): Promise<void> {
  const status = Object.fromEntries(modelStatus().map((entry) => [entry.capability, entry]));
  const generation = status.generation;
  const installed = generation.state === 'ready';
  const generator = installed
    ? `${generation.model.id} (${generation.model.dtype})` +
      (values.fixture ? ' — test fixture, a bigram table, not a language model' : '')
    : null;
  const embedder =
    status.embedding.state === 'ready'
      ? `${status.embedding.model.id} (${status.embedding.model.dtype})`
      : 'none (keywords only)';
  console.log(`Generator: ${generator ?? `none (${generation.detail})`}`);
  console.log(`Embedding model: ${embedder}`);

  // Retrieval quality: the right article among the top 3; and the relevance threshold's calls.
  let found = 0;
  let known = 0;
  for (const { question, article } of questions.answerable) {
    const result = await retrieve(siteId, question);
    if (result.passages.some((passage) => passage.title === article)) found += 1;
    if (result.knows) known += 1;
  }
  let declined = 0;
  for (const question of questions.unanswerable) {
    if (!(await retrieve(siteId, question)).knows) declined += 1;
  }
  const recallAt3 = found / questions.answerable.length;
  console.log(
    `Retrieval over the demo knowledge base (${questions.answerable.length} questions): recall@3 ${recallAt3.toFixed(3)}, ` +
      `answered ${known}/${questions.answerable.length}, ` +
      `declined ${declined}/${questions.unanswerable.length} questions no article answers`,
  );

  let ttftMs: number | null = null;
  let tokensPerSecond: number | null = null;
  let e2eP50Ms: number | null = null;
  let e2eP50Ms4: number | null = null;
  if (installed) {
    // The generator alone, on a knowledge-base prompt (retrieved passages + the question).
    const firstTokens: number[] = [];
    const rates: number[] = [];
    for (let i = 0; i < replies; i++) {
      const { question } = questions.answerable[i % questions.answerable.length];
      const { passages } = await retrieve(siteId, question);
      const documents = passages
        .map((passage, n) => `[${n + 1}] ${passage.title}\n${passage.text}`)
        .join('\n\n');
      const result = await generate({
        messages: [
          { role: 'system', content: `Answer only from these documents.\n\n${documents}` },
          { role: 'user', content: question },
        ],
        maxTokens: 128,
        timeoutMs: 120_000,
      });
      if (result.firstTokenMs === null || result.tokens < 2) continue;
      firstTokens.push(result.firstTokenMs);
      rates.push((result.tokens - 1) / ((result.durationMs - result.firstTokenMs) / 1000));
    }
    ttftMs = median(firstTokens);
    tokensPerSecond = median(rates);
    console.log(
      `Generation (${firstTokens.length} replies, up to 128 tokens): time to first token p50 ${round(ttftMs)} ms, ` +
        `${round(tokensPerSecond)} tokens/s`,
    );

    // The whole bot reply (retrieval, prompt, generation, grounding check) at 1 and 4 conversations.
    const reply = async (question: string) => {
      const started = performance.now();
      const turn: BotTurn = {
        site: { id: siteId, language: 'en', botSettings: BotSettingsSchema.parse({}) },
        conversation: { id: 'bench', fallbackCount: 0 },
        visitorMessage: { id: 'bench', body: question },
        history: [],
        signal: AbortSignal.timeout(120_000),
      };
      const answer = await replyToVisitor(turn);
      return {
        ms: performance.now() - started,
        quoted: answer.text.startsWith('Here is what our help article'),
      };
    };
    const sequential: { ms: number; quoted: boolean }[] = [];
    for (let i = 0; i < replies; i++) {
      sequential.push(await reply(questions.answerable[i % questions.answerable.length].question));
    }
    const concurrent: { ms: number; quoted: boolean }[] = [];
    for (let batchIndex = 0; batchIndex < Math.ceil(replies / 4); batchIndex++) {
      const batch = [0, 1, 2, 3].map(
        (n) => questions.answerable[(batchIndex * 4 + n) % questions.answerable.length],
      );
      concurrent.push(...(await Promise.all(batch.map(({ question }) => reply(question)))));
    }
    e2eP50Ms = median(sequential.map((run) => run.ms));
    e2eP50Ms4 = median(concurrent.map((run) => run.ms));
    const quoted = (runs: { quoted: boolean }[]) => runs.filter((run) => run.quoted).length;
    console.log(
      `Bot reply end to end: p50 ${round(e2eP50Ms)} ms at 1 conversation (${quoted(sequential)}/${sequential.length} fell back to a quote), ` +
        `${round(e2eP50Ms4)} ms at 4 concurrent (${quoted(concurrent)}/${concurrent.length} quotes)`,
    );
  }

  if (values.json) {
    jsonLine({
      generator,
      embedder,
      ttftMs: round(ttftMs),
      tokensPerSecond: round(tokensPerSecond),
      e2eP50Ms: round(e2eP50Ms),
      e2eP50Ms4: round(e2eP50Ms4),
      recallAt3: round(recallAt3, 3),
      answerable: questions.answerable.length,
      answered: known,
      unanswerable: questions.unanswerable.length,
      declined,
    });
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
