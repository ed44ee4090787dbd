import { z } from 'zod';
import {
  DEFAULT_REJECTION_BUDGET,
  fitTemperature,
  outcomes,
  pickAmbiguityMargin,
  pickThreshold,
} from './calibration';
import { intentProbabilities } from './decide';
import {
  buildFeatureSpace,
  columnCount,
  DEFAULT_FEATURE_CONFIG,
  termCounts,
  toSparseRows,
  vectorize,
  type FeatureSpace,
} from './features';
import {
  DEFAULT_SVM_SETTINGS,
  defaultTrainingThreads,
  scoreVector,
  trainOneVsRestSvm,
  type LinearScorer,
} from './linear-svm';
import { evaluateProbabilities, summarize, type TrainingMetrics } from './metrics';
import { TrainingExampleInput, type IntentClassifier } from './model';
import { DEFAULT_CHAR_NGRAM_RANGE, Language, preprocess } from './preprocess';
import { assignFolds } from './split';

export type EmbedTexts = (texts: string[]) => Promise<Float32Array[]>;

export const TrainingPhase = z.enum(['preparing', 'evaluating', 'calibrating', 'training', 'done']);
export type TrainingPhase = z.infer<typeof TrainingPhase>;

export const TrainingProgress = z.object({
  phase: TrainingPhase,
  /** 0..1 over the whole job. */
  progress: z.number(),
  message: z.string(),
});
export type TrainingProgress = z.infer<typeof TrainingProgress>;
export type ReportProgress = (progress: number, message: string, phase: TrainingPhase) => void;

/** Everything about a training job that can cross a thread boundary. */
export const TrainingSettings = z.object({
  language: Language,
  seed: z.number().int().default(1),
  /** Examples with this intent teach the model what is out of scope. */
  outOfScopeIntent: z.string().default('oos'),
  /** Calibrate and evaluate on these instead of a split of the training examples. */
  validation: z.array(TrainingExampleInput).optional(),
  embeddingModel: z.string().nullable().default(null),
  /** SVM regularization; larger fits the training examples more closely. */
  C: z.number().positive().default(DEFAULT_SVM_SETTINGS.C),
  /** Share of right answers the out-of-scope threshold may turn into fallbacks. */
  rejectionBudget: z.number().min(0).max(1).default(DEFAULT_REJECTION_BUDGET),
  /** Threads for the one-vs-rest fits; the model is the same for any number. */
  threads: z.number().int().min(1).optional(),
});
export type TrainingSettings = z.input<typeof TrainingSettings>;

export interface TrainOptions extends TrainingSettings {
  /** Sentence embeddings to concatenate with the sparse features (optional). */
  embed?: EmbedTexts;
  /** progress is 0..1 over the whole job; message is a line for the run's log. */
  onProgress?: ReportProgress;
  signal?: AbortSignal;
}

export interface TrainingResult {
  model: IntentClassifier;
  metrics: TrainingMetrics;
}

/** Below this many examples for some intent, every example is held out once (k-fold). */
const SMALL_INTENT_SIZE = 10;
const FOLDS = 5;

interface FittedScorer {
  space: FeatureSpace;
  scorer: LinearScorer;
  /** Dual variables per class over all training examples (zero for those not learned from). */
  duals: Float64Array;
}

/** The examples read once: term counts (and embeddings) of training then validation examples. */
interface PreparedExamples {
  all: TrainingExampleInput[];
  trainingCount: number;
  counts: Array<Map<string, number>>;
  embeddings?: Float32Array[];
  intents: string[];
  /** Class of each training example. */
  labels: Int32Array;
}

interface FitRequest {
  members: readonly number[];
  phase: TrainingPhase;
  /** Progress at the start and the end of this fit. */
  from: number;
  to: number;
  warmStart?: FittedScorer;
}

async function fitScorer(
  prepared: PreparedExamples,
  settings: z.output<typeof TrainingSettings>,
  request: FitRequest,
  report: (phase: TrainingPhase, progress: number, message: string) => void,
  signal?: AbortSignal,
): Promise<FittedScorer> {
  const { members, warmStart } = request;
  const classes = prepared.intents.length;
  const n = prepared.trainingCount;
  const embeddingSize = prepared.embeddings?.[0]?.length ?? 0;
  const config = DEFAULT_FEATURE_CONFIG;
  const space = buildFeatureSpace(
    members.map((i) => prepared.counts[i]),
    config,
    embeddingSize,
  );
  const rows = toSparseRows(
    members.map((i) => vectorize(space, prepared.counts[i], prepared.embeddings?.[i])),
    columnCount(space),
  );
  // Duals are kept per class over all training examples, so a later fit can start from them.
  const memberDuals = (duals: Float64Array) =>
    Float64Array.from({ length: classes * members.length }, (_, k) => {
      const c = Math.floor(k / members.length);
      return duals[c * n + members[k % members.length]];
    });
  const { scorer, duals } = await trainOneVsRestSvm(
    rows,
    Int32Array.from(members, (i) => prepared.labels[i]),
    classes,
    {
      ...DEFAULT_SVM_SETTINGS,
      C: settings.C,
      seed: settings.seed,
      threads: settings.threads ?? defaultTrainingThreads(),
      signal,
      initialDuals: warmStart && memberDuals(warmStart.duals),
      onClassTrained: (done) =>
        report(
          request.phase,
          request.from + ((request.to - request.from) * done) / classes,
          `trained ${done} of ${classes} intents`,
        ),
    },
  );
  const dualsOfAll = new Float64Array(classes * n);
  for (let c = 0; c < classes; c++) {
    members.forEach((i, k) => {
      dualsOfAll[c * n + i] = duals[c * members.length + k];
    });
  }
  return { space, scorer, duals: dualsOfAll };
}

function scoreExample(
  prepared: PreparedExamples,
  fitted: FittedScorer,
  i: number,
): Float64Array | null {
  const vector = vectorize(fitted.space, prepared.counts[i], prepared.embeddings?.[i]);
  return scoreVector(fitted.scorer, vector);
}

/**
 * Trains an intent model and measures it on examples it did not see: a stratified hold-out split
 * (k-fold when some intent is small, or the given validation set), which also calibrates the
 * confidence, the out-of-scope threshold and the ambiguity margin; then refits on all examples.
 */
export async function train(
  examples: readonly TrainingExampleInput[],
  options: TrainOptions,
): Promise<TrainingResult> {
  const settings = TrainingSettings.parse({
    language: options.language,
    seed: options.seed,
    outOfScopeIntent: options.outOfScopeIntent,
    validation: options.validation,
    embeddingModel: options.embeddingModel,
    C: options.C,
    rejectionBudget: options.rejectionBudget,
    threads: options.threads,
  });
  const training = z.array(TrainingExampleInput).parse(examples);
  const validation = settings.validation ?? [];
  const { signal, onProgress, embed } = options;
  const report = (phase: TrainingPhase, progress: number, message: string) =>
    onProgress?.(progress, message, phase);
  signal?.throwIfAborted();

  const intents = [...new Set(training.map((example) => example.intent))].sort();
  if (intents.length < 2) throw new Error('training needs at least two intents');
  const classOf = new Map(intents.map((intent, i) => [intent, i]));
  const outOfScopeIntent = classOf.has(settings.outOfScopeIntent)
    ? settings.outOfScopeIntent
    : null;

  report('preparing', 0, `reading ${training.length + validation.length} examples`);
  const charNgramRange = DEFAULT_CHAR_NGRAM_RANGE[settings.language];
  const all = [...training, ...validation];
  const prepared: PreparedExamples = {
    all,
    trainingCount: training.length,
    counts: all.map((example) =>
      termCounts(
        preprocess(example.text, settings.language, { charNgramRange }),
        DEFAULT_FEATURE_CONFIG,
      ),
    ),
    embeddings: embed ? await embed(all.map((example) => example.text)) : undefined,
    intents,
    labels: Int32Array.from(training, (example) => classOf.get(example.intent) ?? -1),
  };
  signal?.throwIfAborted();
  const fit = (request: FitRequest) => fitScorer(prepared, settings, request, report, signal);
  const everyExample = training.map((_, i) => i);

  // Held-out scores: from the validation set, else from models that did not see the example.
  let evaluation: TrainingMetrics['evaluation'] = 'validation';
  let folds = 1;
  const heldOutIndices: number[] = [];
  const heldOutScores: Array<Float64Array | null> = [];
  let final: FittedScorer | undefined;
  let warmStart: FittedScorer | undefined;
  let scored = 0.9;
  if (validation.length > 0) {
    report('training', 0.05, 'training on all examples');
    final = await fit({ members: everyExample, phase: 'training', from: 0.05, to: scored });
    for (let i = training.length; i < all.length; i++) {
      heldOutIndices.push(i);
      heldOutScores.push(scoreExample(prepared, final, i));
    }
  } else {
    const smallestIntent = Math.min(
      ...intents.map((intent) => training.filter((e) => e.intent === intent).length),
    );
    evaluation = smallestIntent < SMALL_INTENT_SIZE ? 'k-fold' : 'holdout';
    folds = evaluation === 'k-fold' ? FOLDS : 1;
    scored = evaluation === 'k-fold' ? 0.65 : 0.45;
    const assignment = assignFolds(
      training.map((example) => example.intent),
      FOLDS,
      settings.seed,
    );
    const share = (scored - 0.05) / folds;
    for (let fold = 0; fold < folds; fold++) {
      const from = 0.05 + share * fold;
      report('evaluating', from, `evaluating on held-out fold ${fold + 1} of ${folds}`);
      const hold = everyExample.filter((i) => assignment[i] === fold);
      if (hold.length === 0) continue;
      const learn = everyExample.filter((i) => assignment[i] !== fold);
      const fitted = await fit({ members: learn, phase: 'evaluating', from, to: from + share });
      // The final fit starts from this solution, which is nearly right for all examples.
      warmStart ??= fitted;
      for (const i of hold) {
        heldOutIndices.push(i);
        heldOutScores.push(scoreExample(prepared, fitted, i));
      }
    }
  }

  report('calibrating', scored, 'calibrating confidence, threshold and ambiguity margin');
  const expected = Int32Array.from(heldOutIndices, (i) => classOf.get(all[i].intent) ?? -1);
  const withFeatures = heldOutScores.flatMap((scores, k) => (scores ? [k] : []));
  const temperature =
    withFeatures.length > 0
      ? fitTemperature({
          scores: withFeatures.map((k) => heldOutScores[k] as Float64Array),
          expected: Int32Array.from(withFeatures, (k) => expected[k]),
        })
      : 1;
  const probabilities = heldOutScores.map((scores) =>
    intentProbabilities(scores, temperature, intents.length),
  );
  const heldOut = outcomes(
    probabilities,
    expected,
    outOfScopeIntent === null ? -1 : (classOf.get(outOfScopeIntent) ?? -1),
  );
  const threshold = pickThreshold(heldOut, settings.rejectionBudget);
  const calibration = {
    temperature,
    threshold,
    ambiguityMargin: pickAmbiguityMargin(heldOut, threshold),
  };
  const metrics = summarize(
    evaluateProbabilities(
      probabilities,
      heldOutIndices.map((i) => all[i]),
      { intents, outOfScopeIntent, calibration },
    ),
    {
      evaluation,
      folds,
      exampleCount: training.length,
      outOfScopeIntent: settings.outOfScopeIntent,
      ...calibration,
    },
  );

  if (!final) {
    report('training', scored, 'training on all examples');
    final = await fit({
      members: everyExample,
      phase: 'training',
      from: scored,
      to: 0.99,
      warmStart,
    });
  }
  report('done', 1, 'model ready');
  return {
    model: {
      language: settings.language,
      intents,
      outOfScopeIntent,
      charNgramRange,
      features: final.space,
      scorer: final.scorer,
      calibration,
      embeddingModel: settings.embeddingModel,
      seed: settings.seed,
    },
    metrics,
  };
}
