import { z } from 'zod';
import {
  fitTemperature,
  outcomes,
  pickAmbiguityMargin,
  pickThreshold,
  type HeldOutScores,
} from './calibration';
import { softmax } from './decide';
import {
  buildFeatureSpace,
  columnCount,
  DEFAULT_FEATURE_CONFIG,
  indexTerms,
  termCounts,
  toSparseRows,
  vectorize,
  type FeatureConfig,
  type FeatureSpace,
  type TermIndex,
} from './features';
import {
  DEFAULT_SVM_SETTINGS,
  defaultTrainingThreads,
  scoreClasses,
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
  termIndex: TermIndex;
  scorer: LinearScorer;
  /** Dual variables per class over all training examples (zero for those not learned from). */
  duals: Float64Array;
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
    threads: options.threads,
  });
  const training = z.array(TrainingExampleInput).parse(examples);
  const validation = settings.validation ?? [];
  const { signal, onProgress, embed } = options;
  const report = (phase: TrainingPhase, progress: number, message: string) =>
    onProgress?.(progress, message, phase);
  signal?.throwIfAborted();

  const oos = settings.outOfScopeIntent;
  const intents = [...new Set(training.map((example) => example.intent))].sort();
  if (intents.length < 2) throw new Error('training needs at least two intents');
  const classOf = new Map(intents.map((intent, i) => [intent, i]));
  const outOfScopeIntent = classOf.has(oos) ? oos : null;

  report('preparing', 0, `reading ${training.length + validation.length} examples`);
  const charNgramRange = DEFAULT_CHAR_NGRAM_RANGE[settings.language];
  const config: FeatureConfig = DEFAULT_FEATURE_CONFIG;
  const all = [...training, ...validation];
  const counts = all.map((example) =>
    termCounts(preprocess(example.text, settings.language, { charNgramRange }), config),
  );
  const embeddings = embed ? await embed(all.map((example) => example.text)) : undefined;
  const embeddingSize = embeddings?.[0]?.length ?? 0;
  signal?.throwIfAborted();
  const labels = Int32Array.from(training, (example) => classOf.get(example.intent) ?? -1);

  const fit = async (
    members: readonly number[],
    phase: TrainingPhase,
    from: number,
    to: number,
    warmStart?: FittedScorer,
  ): Promise<FittedScorer> => {
    const space = buildFeatureSpace(
      members.map((i) => counts[i]),
      config,
      embeddingSize,
    );
    const termIndex = indexTerms(space);
    const rows = toSparseRows(
      members.map((i) => vectorize(space, termIndex, counts[i], embeddings?.[i])),
      columnCount(space),
    );
    const classes = intents.length;
    const n = training.length;
    const { scorer, duals } = await trainOneVsRestSvm(
      rows,
      Int32Array.from(members, (i) => labels[i]),
      classes,
      {
        ...DEFAULT_SVM_SETTINGS,
        C: settings.C,
        seed: settings.seed,
        threads: settings.threads ?? defaultTrainingThreads(),
        signal,
        initialDuals:
          warmStart &&
          Float64Array.from({ length: classes * members.length }, (_, k) => {
            const c = Math.floor(k / members.length);
            return warmStart.duals[c * n + members[k % members.length]];
          }),
        onClassTrained: (done) =>
          report(
            phase,
            from + ((to - from) * done) / intents.length,
            `trained ${done} of ${intents.length} intents`,
          ),
      },
    );
    const dualsOfAll = new Float64Array(classes * n);
    for (let c = 0; c < classes; c++) {
      members.forEach((i, k) => {
        dualsOfAll[c * n + i] = duals[c * members.length + k];
      });
    }
    return { space, termIndex, scorer, duals: dualsOfAll };
  };
  const scoreOf = (fitted: FittedScorer, i: number) => {
    const vector = vectorize(fitted.space, fitted.termIndex, counts[i], embeddings?.[i]);
    return scoreClasses(fitted.scorer, vector.indices, vector.values);
  };
  const expectedOf = (intent: string) => classOf.get(intent) ?? -1;

  let evaluation: TrainingMetrics['evaluation'];
  let folds = 1;
  const heldOutIndices: number[] = [];
  const heldOut: HeldOutScores = { scores: [], expected: new Int32Array(0) };
  let final: FittedScorer | undefined;
  // Refitting on all examples starts from the held-out fit's solution, which is nearly right.
  let warmStart: FittedScorer | undefined;
  const everyExample = training.map((_, i) => i);
  // Where the progress bar stands once held-out scores exist.
  let scored = 0.9;
  if (validation.length > 0) {
    evaluation = 'validation';
    report('training', 0.05, 'training on all examples');
    const fitted = await fit(everyExample, 'training', 0.05, scored);
    validation.forEach((_, v) => {
      const i = training.length + v;
      heldOutIndices.push(i);
      heldOut.scores.push(scoreOf(fitted, i));
    });
    final = fitted;
  } else {
    const smallestIntent = Math.min(
      ...intents.map((intent) => training.filter((e) => e.intent === intent).length),
    );
    const assignment = assignFolds(
      training.map((example) => example.intent),
      FOLDS,
      settings.seed,
    );
    evaluation = smallestIntent < SMALL_INTENT_SIZE ? 'k-fold' : 'holdout';
    folds = evaluation === 'k-fold' ? FOLDS : 1;
    scored = evaluation === 'k-fold' ? 0.65 : 0.45;
    for (let fold = 0; fold < folds; fold++) {
      const from = 0.05 + ((scored - 0.05) * fold) / folds;
      report('evaluating', from, `evaluating on held-out fold ${fold + 1} of ${folds}`);
      const learn: number[] = [];
      const hold: number[] = [];
      assignment.forEach((assigned, i) => (assigned === fold ? hold : learn).push(i));
      if (hold.length === 0) continue;
      const fitted = await fit(learn, 'evaluating', from, from + (scored - 0.05) / folds);
      warmStart ??= fitted;
      for (const i of hold) {
        heldOutIndices.push(i);
        heldOut.scores.push(scoreOf(fitted, i));
      }
    }
  }
  heldOut.expected = Int32Array.from(heldOutIndices, (i) => expectedOf(all[i].intent));

  report('calibrating', scored, 'calibrating confidence, threshold and ambiguity margin');
  const temperature = heldOut.scores.length > 0 ? fitTemperature(heldOut) : 1;
  const probabilities = heldOut.scores.map((scores) => softmax(scores, temperature));
  const heldOutOutcomes = outcomes(
    probabilities,
    heldOut.expected,
    outOfScopeIntent === null ? -1 : expectedOf(outOfScopeIntent),
  );
  const threshold = pickThreshold(heldOutOutcomes);
  const ambiguityMargin = pickAmbiguityMargin(heldOutOutcomes, threshold);
  const calibration = { temperature, threshold, ambiguityMargin };

  const evaluated = evaluateProbabilities(
    probabilities,
    heldOutIndices.map((i) => all[i]),
    { intents, outOfScopeIntent, calibration },
  );
  const metrics = summarize(evaluated, {
    evaluation,
    folds,
    exampleCount: training.length,
    outOfScopeIntent: oos,
    ...calibration,
  });

  if (!final) {
    report('training', scored, 'training on all examples');
    final = await fit(everyExample, 'training', scored, 0.99, warmStart);
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
