// Benchmark: our intent classifier against nlp.js (node-nlp, default settings) on JSONL data sets.
// npm run bench:nlu -- --train FILE [--val FILE] --test FILE [--json] [--skip-nlpjs] [--language en|zh]
//   [--shots K [--seed S]]   (train on K seeded examples per intent of --train, the same for both systems)
//   [--unlabeled-train]      (ours also gets every --train text without its intent, as visitor messages)
// Each system runs in a child process of its own, so peak RSS and timings do not mix.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { classify, evaluate, Language, train, TrainingExampleInput } from '@/lib/nlp';
// The threshold rule itself, so nlp.js gets its threshold picked on --val exactly as ours does.
import { outcomes, pickThreshold } from '@/lib/nlp/calibration';
import { sampleEachIntent } from '@/lib/nlp/split';

const OUT_OF_SCOPE = 'oos';
const WARMUP_MESSAGES = 50;

const Measures = z.object({
  accuracy: z.number(),
  macroF1: z.number(),
  oosRecall: z.number().nullable(),
  inScopeAccuracyAtThreshold: z.number().nullable(),
  threshold: z.number().nullable(),
  trainSeconds: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  peakRssMB: z.number(),
});
type Measures = z.infer<typeof Measures>;
// Printed, not in the JSON line: CPU time tells the real cost when the machine is also busy.
const ChildMeasures = Measures.extend({ trainCpuSeconds: z.number() });
type ChildMeasures = z.infer<typeof ChildMeasures>;
const System = z.enum(['ours', 'nlpjs']);
type System = z.infer<typeof System>;

const { values: args } = parseArgs({
  options: {
    train: { type: 'string' },
    val: { type: 'string' },
    test: { type: 'string' },
    json: { type: 'boolean', default: false },
    'skip-nlpjs': { type: 'boolean', default: false },
    language: { type: 'string', default: 'en' },
    system: { type: 'string' },
    shots: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'unlabeled-train': { type: 'boolean', default: false },
  },
});

function readExamples(file: string): TrainingExampleInput[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => TrainingExampleInput.parse(JSON.parse(line)));
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

async function latencies(texts: readonly string[], run: (text: string) => Promise<unknown>) {
  for (const text of texts.slice(0, WARMUP_MESSAGES)) await run(text);
  const durations: number[] = [];
  for (const text of texts) {
    const start = performance.now();
    await run(text);
    durations.push(performance.now() - start);
  }
  durations.sort((a, b) => a - b);
  return { p50Ms: percentile(durations, 0.5), p95Ms: percentile(durations, 0.95) };
}

const peakRssMB = () => process.resourceUsage().maxRSS / 1024;

interface Data {
  training: TrainingExampleInput[];
  validation?: TrainingExampleInput[];
  test: TrainingExampleInput[];
  language: Language;
  unlabeledTexts?: string[];
}

const cpuSecondsSince = (start: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
};

async function benchOurs({
  training,
  validation,
  test,
  language,
  unlabeledTexts,
}: Data): Promise<ChildMeasures> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const { model } = await train(training, { language, seed: 1, validation, unlabeledTexts });
  const trainSeconds = (performance.now() - start) / 1000;
  const trainCpuSeconds = cpuSecondsSince(cpuStart);
  const metrics = await evaluate(model, test);
  const withThreshold = validation !== undefined;
  return {
    accuracy: metrics.accuracy,
    macroF1: metrics.macroF1,
    oosRecall: withThreshold ? metrics.oosRecall : null,
    inScopeAccuracyAtThreshold: withThreshold ? metrics.inScopeAccuracyAtThreshold : null,
    threshold: withThreshold ? metrics.threshold : null,
    trainSeconds,
    trainCpuSeconds,
    ...(await latencies(
      test.map((example) => example.text),
      (text) => classify(model, text),
    )),
    peakRssMB: peakRssMB(),
  };
}

interface NlpjsResult {
  classifications: Array<{ intent: string; score: number }>;
}
interface NlpjsManager {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, utterance: string): Promise<NlpjsResult>;
}

async function benchNlpjs({ training, validation, test, language }: Data): Promise<ChildMeasures> {
  const { NlpManager } = createRequire(import.meta.url)('node-nlp') as {
    NlpManager: new (settings: object) => NlpjsManager;
  };
  // Defaults, except no model file written to the working directory and no per-epoch log lines.
  const manager = new NlpManager({ languages: [language], autoSave: false, nlu: { log: false } });
  for (const example of training) manager.addDocument(language, example.text, example.intent);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await manager.train();
  const trainSeconds = (performance.now() - start) / 1000;
  const trainCpuSeconds = cpuSecondsSince(cpuStart);

  const intents = [...new Set(training.map((example) => example.intent))].sort();
  const classOf = new Map(intents.map((intent, i) => [intent, i]));
  const outOfScopeClass = classOf.get(OUT_OF_SCOPE) ?? -1;
  // nlp.js scores as a probability row over our class order ("None" is its own below-threshold label).
  const score = async (examples: readonly TrainingExampleInput[]) => {
    const rows: Float64Array[] = [];
    for (const example of examples) {
      const row = new Float64Array(intents.length);
      for (const { intent, score: value } of (await manager.process(language, example.text))
        .classifications) {
        const c = classOf.get(intent);
        if (c !== undefined) row[c] = value;
      }
      rows.push(row);
    }
    return outcomes(
      rows,
      Int32Array.from(examples, (example) => classOf.get(example.intent) ?? -1),
      outOfScopeClass,
    );
  };
  const threshold = validation ? pickThreshold(await score(validation)) : null;
  const tested = await score(test);
  const inScope = tested.filter((outcome) => !outcome.outOfScope);
  const outOfScope = tested.filter((outcome) => outcome.outOfScope);
  const accepted = (outcome: (typeof tested)[number]) =>
    threshold !== null && outcome.scopeScore >= threshold;
  const macroF1 = (() => {
    const scores = intents
      .map((_, c) => c)
      .filter((c) => c !== outOfScopeClass && inScope.some((o) => o.expected === c))
      .map((c) => {
        const truePositives = inScope.filter((o) => o.expected === c && o.best === c).length;
        const predicted = tested.filter((o) => o.best === c).length;
        const support = inScope.filter((o) => o.expected === c).length;
        const precision = predicted === 0 ? 0 : truePositives / predicted;
        const recall = truePositives / support;
        return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      });
    return scores.reduce((sum, f1) => sum + f1, 0) / scores.length;
  })();
  return {
    accuracy: inScope.filter((o) => o.best === o.expected).length / inScope.length,
    macroF1,
    oosRecall:
      threshold === null || outOfScope.length === 0
        ? null
        : outOfScope.filter((o) => !accepted(o)).length / outOfScope.length,
    inScopeAccuracyAtThreshold:
      threshold === null
        ? null
        : inScope.filter((o) => accepted(o) && o.best === o.expected).length / inScope.length,
    threshold,
    trainSeconds,
    trainCpuSeconds,
    ...(await latencies(
      test.map((example) => example.text),
      (text) => manager.process(language, text),
    )),
    peakRssMB: peakRssMB(),
  };
}

function runInChild(system: System): ChildMeasures {
  const output = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
      '--system',
      system,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 },
  );
  const lines = output.trim().split('\n');
  return ChildMeasures.parse(JSON.parse(lines[lines.length - 1]));
}

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

function describe(name: string, m: ChildMeasures): string {
  return [
    `${name}:`,
    `  in-scope accuracy ${percent(m.accuracy)}, macro-F1 ${percent(m.macroF1)}`,
    `  at the --val threshold ${m.threshold === null ? '—' : m.threshold.toFixed(3)}: ` +
      `out-of-scope recall ${percent(m.oosRecall)}, in-scope accuracy ${percent(m.inScopeAccuracyAtThreshold)}`,
    `  training ${m.trainSeconds.toFixed(2)} s (${m.trainCpuSeconds.toFixed(2)} s CPU), classify p50 ${m.p50Ms.toFixed(3)} ms / p95 ${m.p95Ms.toFixed(3)} ms, peak RSS ${m.peakRssMB.toFixed(0)} MB`,
  ].join('\n');
}

async function main() {
  if (!args.train || !args.test) {
    throw new Error(
      'usage: bench:nlu -- --train FILE [--val FILE] --test FILE [--json] [--skip-nlpjs] [--shots K [--seed S]]',
    );
  }
  if (args.system) {
    const training = readExamples(args.train);
    const shots =
      args.shots === undefined ? null : z.coerce.number().int().min(1).parse(args.shots);
    const data: Data = {
      training:
        shots === null
          ? training
          : sampleEachIntent(training, shots, z.coerce.number().int().parse(args.seed)),
      validation: args.val ? readExamples(args.val) : undefined,
      test: readExamples(args.test),
      language: Language.parse(args.language),
      unlabeledTexts: args['unlabeled-train'] ? training.map((example) => example.text) : undefined,
    };
    const measures =
      System.parse(args.system) === 'ours' ? await benchOurs(data) : await benchNlpjs(data);
    console.log(JSON.stringify(measures));
    return;
  }
  const ours = runInChild('ours');
  console.log(describe('ours', ours));
  const nlpjs = args['skip-nlpjs'] ? null : runInChild('nlpjs');
  if (nlpjs) console.log(describe('nlp.js (node-nlp, default settings)', nlpjs));
  if (args.json) {
    const figures = (m: ChildMeasures): Measures => Measures.parse(m); // drops trainCpuSeconds
    console.log(
      JSON.stringify(
        nlpjs ? { ours: figures(ours), nlpjs: figures(nlpjs) } : { ours: figures(ours) },
      ),
    );
  }
}

await main();
