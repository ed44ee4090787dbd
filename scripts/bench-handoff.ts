// The upset-visitor check (lib/bot/sentiment.ts) measured both ways: how often it sends a neutral
// customer question to a person at once (false handoffs: every text of the given JSONL files, e.g.
// BANKING77 test, CLINC150 val, SMP2020 val — none of them complaints) and how many complaints it
// catches (one message per line, written for this product: tests/fixtures/complaints.*.txt). A
// complaint is caught when it reads upset (handed off at once) or displeased (apologised to, a
// person offered beside any answer, handed off when the bot has none).
//
// npm run bench:handoff -- [--neutral FILE:LANG ...] [--complaints FILE:LANG ...] [--json] [--show]
// Defaults: the three shared data sets (when present) and both fixture files.
import { existsSync, readFileSync } from 'node:fs';
import { upsetness, type Upsetness } from '@/lib/bot/sentiment';
import type { SiteLanguage } from '@/lib/schemas/site';

const DATA = '/work/shared/data';
const DEFAULT_NEUTRAL = [
  `${DATA}/banking77/test.jsonl:en`,
  `${DATA}/clinc150/val.jsonl:en`,
  `${DATA}/smp2020/val.jsonl:zh`,
];
const DEFAULT_COMPLAINTS = [
  'tests/fixtures/complaints.en.txt:en',
  'tests/fixtures/complaints.zh.txt:zh',
];

interface Rate {
  file: string;
  language: SiteLanguage;
  texts: number;
  upset: number;
  displeased: number;
  /** Neutral texts: upset / texts. Complaints: (upset + displeased) / texts. */
  rate: number;
}

function parseArgs(argv: string[]) {
  const neutral: string[] = [];
  const complaints: string[] = [];
  let json = false;
  let show = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--show') show = true;
    else if (arg === '--neutral') neutral.push(argv[++i]);
    else if (arg === '--complaints') complaints.push(argv[++i]);
    else throw new Error(`unknown argument ${arg}`);
  }
  return {
    neutral: neutral.length ? neutral : DEFAULT_NEUTRAL.filter((spec) => existsSync(fileOf(spec))),
    complaints: complaints.length ? complaints : DEFAULT_COMPLAINTS,
    json,
    show,
  };
}

function fileOf(spec: string): string {
  return spec.slice(0, spec.lastIndexOf(':'));
}

function languageOf(spec: string): SiteLanguage {
  const language = spec.slice(spec.lastIndexOf(':') + 1);
  if (language !== 'en' && language !== 'zh') throw new Error(`${spec}: end with :en or :zh`);
  return language;
}

/** A JSONL file's `text` fields, or a text file's non-empty lines. */
function readTexts(file: string): string[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim());
  return file.endsWith('.jsonl')
    ? lines.map((line) => (JSON.parse(line) as { text: string }).text)
    : lines;
}

function measure(spec: string, caughtWhen: readonly Upsetness[], show: boolean): Rate {
  const file = fileOf(spec);
  const language = languageOf(spec);
  const texts = readTexts(file);
  const moods = texts.map((text) => upsetness(text, language));
  if (show) texts.forEach((text, i) => console.log(`  ${moods[i]}: ${text}`));
  const count = (wanted: Upsetness) => moods.filter((mood) => mood === wanted).length;
  const caught = moods.filter((mood) => caughtWhen.includes(mood)).length;
  return {
    file,
    language,
    texts: texts.length,
    upset: count('upset'),
    displeased: count('displeased'),
    rate: caught / texts.length,
  };
}

const options = parseArgs(process.argv.slice(2));
const falseHandoffs = options.neutral.map((spec) => measure(spec, ['upset'], options.show));
const caught = options.complaints.map((spec) => measure(spec, ['upset', 'displeased'], false));

const percent = (rate: number) => `${(100 * rate).toFixed(2)}%`;
if (!options.json) {
  const line = (rate: Rate) =>
    `  ${rate.file}  ${percent(rate.rate)} of ${rate.texts} (upset ${rate.upset}, displeased ${rate.displeased})`;
  console.log(
    'False handoffs (neutral texts read as upset, sent to a person at once; target ≤ 0.5%):',
  );
  falseHandoffs.forEach((rate) => console.log(line(rate)));
  console.log('Complaints caught (read as upset or displeased; target ≥ 90%):');
  caught.forEach((rate) => console.log(line(rate)));
}
console.log(JSON.stringify({ falseHandoffs, caught }));
