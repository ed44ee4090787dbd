// npm run bench:kb -- --questions FILE [--language en|zh] [--courtesy greeting|thanks] [--json]
// How often the bot answers knowledge-base questions right, wrong, or not at all, through its real reply
// policy (`replyToVisitor`: intent classifier, knowledge-base retrieval and its confidence threshold,
// clarify, fallback, handoff) on the seeded demo shop with its starter intents trained, as `npm start`
// leaves it, at the site's default settings (`--language zh`: the Chinese demo shop). Questions:
// tests/fixtures/kb-questions.{dev,eval,eval-2,zh-dev,zh-eval}.json; see
// scripts/kb-questions.ts for how each reply is judged. `--courtesy` wraps each question as visitors
// often do: a greeting before it ("hi, …") or a thanks after it ("… thanks!"). Whichever models are
// installed are used.
// Needs a Postgres server: DATABASE_URL (any database on it) or postgresql://postgres@127.0.0.1:5432/postgres;
// a scratch database is created there and dropped at the end. The last line is the JSON summary.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { previewKnowledgeAnswer } from '@/lib/sites/preview-knowledge-answer';
import {
  judgeReply,
  KbQuestionsSchema,
  tallyOutcomes,
  withCourtesy,
  type KbOutcome,
} from './kb-questions';
import { withDemoSite } from './with-demo-site';

const { values } = parseArgs({
  options: {
    questions: { type: 'string' },
    json: { type: 'boolean', default: false },
    language: { type: 'string', default: 'en' },
    courtesy: { type: 'string' },
  },
});

async function main(): Promise<void> {
  if (!values.questions) throw new Error('--questions FILE is required');
  const asked = KbQuestionsSchema.parse(JSON.parse(await readFile(values.questions, 'utf8')));
  const courtesy = z.enum(['greeting', 'thanks']).optional().parse(values.courtesy);
  const language = values.language === 'zh' ? 'zh' : 'en';
  const questions = courtesy ? withCourtesy(asked, courtesy, language) : asked;
  const log = (line: string) => {
    if (!values.json) console.log(line);
  };
  // Which part of the bot gave each wrong answer: an article or an intent.
  const wrongFrom = { articles: 0, intents: 0 };
  const outcomes = await withDemoSite('bench_kb', { trained: true, language }, async (site) => {
    const result: KbOutcome[] = [];
    for (const question of questions) {
      const { retrieval, reply } = await previewKnowledgeAnswer(site.id, question.question);
      const outcome = judgeReply(question, reply);
      result.push(outcome);
      if (outcome === 'wrong' || outcome === 'answeredWrongly') {
        wrongFrom[reply.citations.length ? 'articles' : 'intents'] += 1;
      }
      if (outcome !== 'correct' && outcome !== 'declined') {
        const answeredWith =
          reply.citations[0]?.title ??
          (reply.intent ? `${reply.intent} ${(reply.confidence ?? 0).toFixed(2)}` : '—');
        log(
          `${outcome.padEnd(15)} ${question.question}  →  ${reply.decision} ${answeredWith} ` +
            `(expected ${question.article ?? question.intent ?? 'none'}; ` +
            `knowledge confidence ${retrieval.confidence.toFixed(2)} vs ${retrieval.threshold.toFixed(2)})`,
        );
      }
    }
    return result;
  });
  const summary = tallyOutcomes(outcomes);
  const total = outcomes.length;
  const percent = (count: number) => `${((100 * count) / total).toFixed(1)}%`;
  log(
    `\n${total} questions: answerable ${summary.answerable} (correct ${summary.correct}, ` +
      `${((100 * summary.correct) / Math.max(1, summary.answerable)).toFixed(1)}% of them), ` +
      `wrong answers ${summary.wrong + summary.answeredWrongly} (${percent(summary.wrong + summary.answeredWrongly)} of all), ` +
      `unanswerable ${summary.unanswerable} (declined ${summary.declined}); ` +
      `wrong answers from articles ${wrongFrom.articles}, from intents ${wrongFrom.intents}`,
  );
  console.log(JSON.stringify(summary));
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
