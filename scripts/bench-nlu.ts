// Benchmark: our intent classifier against nlp.js (node-nlp, default settings) on JSONL data sets.
// npm run bench:nlu -- --train FILE [--val FILE] --test FILE [--json] [--skip-nlpjs] [--language en|zh]
//   [--shots K [--seed S]]   (train on K seeded examples per intent of --train, the same for both systems)
//   [--unlabeled-train]      (ours also gets every --train text without its intent, as visitor messages)
//   [--no-embeddings]        (ours without the embedding model the product uses: sparse features only)
// npm run bench:nlu -- --train FILE --folds K [--fold-seeds 1,2,3] [--language en|zh] [--no-embeddings]
//   ours only, K-fold cross-validation on --train: each model learns K-1 folds and is tuned and measured
//   on the one held out; in-scope accuracy pooled over the folds, per fold seed and their mean.
// Each system runs in a child process of its own, so peak RSS and timings do not mix.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { embeddingsFor } from '@/lib/ai';
import {
  Answers,
  classify,
  DEFAULT_OPERATING_POLICY,
  evaluate,
  Language,
  train,
  TrainingExampleInput,
  type Calibration,
} from '@/lib/nlp';
// The decision rule itself, so nlp.js gets its operating point chosen on --val exactly as ours does.
import { IDENTITY_ANSWER_MODEL } from '@/lib/nlp/answer-confidence';
import { chooseOperatingPoint, outcomes } from '@/lib/nlp/calibration';
import { evaluateProbabilities, summarize } from '@/lib/nlp/metrics';
import { assignFolds, sampleEachIntent } from '@/lib/nlp/split';

const OUT_OF_SCOPE = 'oos';
const WARMUP_MESSAGES = 50;

const Measures = z.object({
  accuracy: z.number(),
  macroF1: z.number(),
  oosRecall: z.number().nullable(),
  inScopeAccuracyAtThreshold: z.number().nullable(),
  threshold: z.number().nullable(),
  /** At the system's default settings; clarify and fallback count as deferred. */
  answers: Answers,
  /** nlp.js with its operating point chosen on --val by our rule and default budget. */
  answersAtOurBudget: Answers.nullable(),
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
    'no-embeddings': { type: 'boolean', default: false },
    folds: { type: 'string' },
    'fold-seeds': { type: 'string', default: '1' },
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
  // The embedding model the product uses for this language (the built-in sentence encoder by default).
  const embed = args['no-embeddings'] ? undefined : (await embeddingsFor(language))?.embed;
  const { model } = await train(training, { language, seed: 1, validation, unlabeledTexts, embed });
  const trainSeconds = (performance.now() - start) / 1000;
  const trainCpuSeconds = cpuSecondsSince(cpuStart);
  // Timed before the evaluation: the embedder remembers recent texts, and a message the evaluation has
  // just encoded would be timed as a cache hit, not as a visitor's new message.
  const timings = await latencies(
    test.map((example) => example.text),
    (text) => classify(model, text, { embed }),
  );
  const metrics = await evaluate(model, test, { embed });
  return {
    accuracy: metrics.accuracy,
    macroF1: metrics.macroF1,
    oosRecall: metrics.oosRecall,
    inScopeAccuracyAtThreshold: metrics.inScopeAccuracyAtThreshold,
    threshold: metrics.threshold,
    answers: metrics.answers ?? { resolved: 0, wrong: 0, deferred: 1 },
    answersAtOurBudget: null,
    trainSeconds,
    trainCpuSeconds,
    ...timings,
    peakRssMB: peakRssMB(),
  };
}

interface NlpjsResult {
  /** "None" when its best score is below its threshold (0.5 by default). */
  intent: string;
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
  const outOfScopeIntent = classOf.has(OUT_OF_SCOPE) ? OUT_OF_SCOPE : null;
  // nlp.js scores as a probability row over our class order, and the intent it would answer with.
  const decideEach = async (examples: readonly TrainingExampleInput[]) => {
    const rows: Float64Array[] = [];
    const answered: Array<string | null> = [];
    for (const example of examples) {
      const result = await manager.process(language, example.text);
      const row = new Float64Array(intents.length);
      for (const { intent, score } of result.classifications) {
        const c = classOf.get(intent);
        if (c !== undefined) row[c] = score;
      }
      rows.push(row);
      answered.push(
        result.intent === 'None' || result.intent === OUT_OF_SCOPE ? null : result.intent,
      );
    }
    return { rows, answered };
  };
  const validated = validation && (await decideEach(validation));
  const calibration: Calibration = {
    temperature: 1,
    ...(validated
      ? chooseOperatingPoint(
          outcomes(
            validated.rows,
            Int32Array.from(validation, (example) => classOf.get(example.intent) ?? -1),
            outOfScopeIntent === null ? -1 : (classOf.get(outOfScopeIntent) ?? -1),
          ),
          DEFAULT_OPERATING_POLICY,
        )
      : {
          answerModel: IDENTITY_ANSWER_MODEL,
          threshold: 0,
          ambiguityMargin: 0,
          curve: [],
          budgetShare: 1,
        }),
  };
  const tested = await decideEach(test);
  const metrics = summarize(
    evaluateProbabilities(tested.rows, test, { intents, outOfScopeIntent, calibration }),
    {
      evaluation: 'test',
      folds: 1,
      exampleCount: training.length,
      outOfScopeIntent: OUT_OF_SCOPE,
      outOfScopeShare: null,
      wrongAnswerBudget: null,
      calibration,
    },
  );
  const isOutOfScope = (example: TrainingExampleInput) =>
    example.intent === OUT_OF_SCOPE || !classOf.has(example.intent);
  const count = (right: boolean) =>
    test.filter((example, i) => {
      const intent = tested.answered[i];
      if (intent === null) return false;
      return right === (!isOutOfScope(example) && intent === example.intent);
    }).length / test.length;
  const resolved = count(true);
  const wrong = count(false);
  return {
    accuracy: metrics.accuracy,
    macroF1: metrics.macroF1,
    oosRecall: validated ? metrics.oosRecall : null,
    inScopeAccuracyAtThreshold: validated ? metrics.inScopeAccuracyAtThreshold : null,
    threshold: validated ? metrics.threshold : null,
    answers: { resolved, wrong, deferred: 1 - resolved - wrong },
    answersAtOurBudget: validated ? metrics.answers : null,
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

const describeAnswers = (a: Answers) =>
  `resolved ${percent(a.resolved)}, wrong ${percent(a.wrong)}, deferred ${percent(a.deferred)}`;

function describe(name: string, m: ChildMeasures): string {
  return [
    `${name}:`,
    `  in-scope accuracy ${percent(m.accuracy)}, macro-F1 ${percent(m.macroF1)}`,
    `  at the threshold ${m.threshold === null ? '—' : m.threshold.toFixed(3)}: ` +
      `out-of-scope recall ${percent(m.oosRecall)}, in-scope answered right ${percent(m.inScopeAccuracyAtThreshold)}`,
    `  answers at default settings: ${describeAnswers(m.answers)}` +
      (m.answersAtOurBudget
        ? `; at our rule's point on --val: ${describeAnswers(m.answersAtOurBudget)}`
        : ''),
    `  training ${m.trainSeconds.toFixed(2)} s (${m.trainCpuSeconds.toFixed(2)} s CPU), classify p50 ${m.p50Ms.toFixed(3)} ms / p95 ${m.p95Ms.toFixed(3)} ms, peak RSS ${m.peakRssMB.toFixed(0)} MB`,
  ].join('\n');
}

/** In-scope accuracy of ours on `examples`, pooled over `folds` stratified folds drawn with `seed`. */
async function crossValidate(
  examples: readonly TrainingExampleInput[],
  language: Language,
  folds: number,
  seed: number,
): Promise<number> {
  const embed = args['no-embeddings'] ? undefined : (await embeddingsFor(language))?.embed;
  const assignment = assignFolds(
    examples.map((example) => example.intent),
    folds,
    seed,
  );
  let right = 0;
  let inScope = 0;
  for (let fold = 0; fold < folds; fold++) {
    const heldOut = examples.filter((_, i) => assignment[i] === fold);
    const rest = examples.filter((_, i) => assignment[i] !== fold);
    const { model } = await train(rest, { language, seed: 1, validation: heldOut, embed });
    const { accuracy } = await evaluate(model, heldOut, { embed });
    const measured = heldOut.filter((example) => example.intent !== OUT_OF_SCOPE).length;
    right += accuracy * measured;
    inScope += measured;
  }
  return right / inScope;
}

async function crossValidateEachSeed(file: string, folds: number): Promise<void> {
  const examples = readExamples(file);
  const language = Language.parse(args.language);
  const seeds = args['fold-seeds'].split(',').map((seed) => z.coerce.number().int().parse(seed));
  const accuracies: number[] = [];
  for (const seed of seeds) {
    accuracies.push(await crossValidate(examples, language, folds, seed));
    console.log(`fold seed ${seed}: in-scope accuracy ${(accuracies.at(-1)! * 100).toFixed(2)}%`);
  }
  const mean = accuracies.reduce((sum, accuracy) => sum + accuracy, 0) / accuracies.length;
  console.log(`${folds}-fold, mean over ${seeds.length} fold seeds: ${(mean * 100).toFixed(2)}%`);
  if (args.json) console.log(JSON.stringify({ folds, seeds, accuracies, mean }));
}

async function main() {
  if (args.train && args.folds) {
    await crossValidateEachSeed(args.train, z.coerce.number().int().min(2).parse(args.folds));
    return;
  }
  if (!args.train || !args.test) {
    throw new Error(
      'usage: bench:nlu -- --train FILE [--val FILE] --test FILE [--json] [--skip-nlpjs] [--shots K [--seed S]], or --train FILE --folds K [--fold-seeds 1,2,3]',
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
