import { z } from 'zod';
import type { MessageEvidence } from './answer-confidence';
import { decide, IntentDecision, intentProbabilities } from './decide';
import { Entity, extractEntities, type EntityOptions } from './entities';
import { withEntityTerms } from './custom-entities';
import {
  evaluatedWithKnownExample,
  readsRequestAlone,
  requestBeside,
  takesRequestReading,
  withKnownExample,
  withoutKnownPhrases,
} from './known-examples';
import { termCounts, unknownShares, vectorize } from './features';
import { scoreVector } from './linear-svm';
import { evaluateProbabilities, summarize, type TrainingMetrics } from './metrics';
import type { TrainingExampleInput, IntentClassifier } from './model';
import { preprocess } from './preprocess';
import type { EmbedTexts } from './train';

/** What the bot gets for a visitor message: ranked intents, the decision, and the entities. */
export const Classification = IntentDecision.extend({
  entities: z.array(Entity),
  /**
   * The message without the greeting or thanks around it (phrases the model knows as examples):
   * what the articles read; the intents too when the whole was not answered, or only as a phrase.
   */
  request: z.string().optional(),
});
export type Classification = z.infer<typeof Classification>;

export interface ClassifyOptions {
  /** Intents whose answer is a human (decision becomes handoff). */
  handoffIntents?: ReadonlySet<string>;
  /** Required when the model was trained with embeddings: the same embedding model. */
  embed?: EmbedTexts;
  entities?: EntityOptions;
  /** The text's entities when the caller found them already (else found with `entities`). */
  entitiesFound?: Entity[];
  rankingSize?: number;
  /** Kinds of entities (built-in and custom) found in the message: the classifier's e: features. */
  entityNames?: readonly string[];
  /** The site's threshold on the confidence scale (see siteThreshold), instead of the model's. */
  threshold?: number;
  /** The site's own "did you mean" margin, instead of the model's. */
  ambiguityMargin?: number;
}

async function calibratedProbabilities(
  model: IntentClassifier,
  texts: readonly string[],
  embed: EmbedTexts | undefined,
  entityNames?: ReadonlyArray<readonly string[] | undefined>,
): Promise<Array<{ probabilities: Float64Array; evidence: MessageEvidence }>> {
  if (model.features.embeddingSize > 0 && !embed) {
    throw new Error(
      `this model needs sentence embeddings from ${model.embeddingModel ?? 'its embedding model'}`,
    );
  }
  const embeddings =
    model.features.embeddingSize > 0 && embed ? await embed([...texts]) : undefined;
  return texts.map((text, i) => {
    const counts = withEntityTerms(
      termCounts(
        preprocess(text, model.language, { charNgramRange: model.charNgramRange }),
        model.features.config,
      ),
      entityNames?.[i],
    );
    const vector = vectorize(model.features, counts, embeddings?.[i]);
    const scores = scoreVector(model.scorer, vector);
    return {
      probabilities: intentProbabilities(
        scores,
        model.calibration.temperature,
        model.intents.length,
      ),
      evidence: { scores, ...unknownShares(model.features, counts) },
    };
  });
}

export async function classify(
  model: IntentClassifier,
  text: string,
  options: ClassifyOptions = {},
): Promise<Classification> {
  const entities = options.entitiesFound ?? extractEntities(text, options.entities);
  const whole = await decideText(model, text, options);
  // A greeting or a thanks around the request can outweigh it: read the request alone.
  const around = withoutKnownPhrases(text, model);
  if (around && readsRequestAlone(around, whole)) {
    const part = await decideText(model, around.request, options);
    if (takesRequestReading(around, part)) {
      return { ...part, request: around.request, entities };
    }
  }
  return { ...whole, request: requestBeside(around, whole.intent), entities };
}

async function decideText(
  model: IntentClassifier,
  text: string,
  options: ClassifyOptions,
): Promise<IntentDecision> {
  const [{ probabilities, evidence }] = await calibratedProbabilities(
    model,
    [text],
    options.embed,
    [options.entityNames],
  );
  const decided = decide(
    probabilities,
    {
      intents: model.intents,
      outOfScopeIntent: model.outOfScopeIntent,
      calibration: model.calibration,
      handoffIntents: options.handoffIntents,
      rankingSize: options.rankingSize,
      threshold: options.threshold,
      ambiguityMargin: options.ambiguityMargin,
    },
    evidence,
  );
  return withKnownExample(decided, model, text, options.handoffIntents);
}

/** Metrics of a trained model on labelled examples it has not seen (e.g. a benchmark's test set). */
export async function evaluate(
  model: IntentClassifier,
  examples: readonly TrainingExampleInput[],
  options: { embed?: EmbedTexts; outOfScopeIntent?: string } = {},
): Promise<TrainingMetrics> {
  const read = async (messages: readonly TrainingExampleInput[]) => {
    if (!messages.length) return [];
    const probabilities = await calibratedProbabilities(
      model,
      messages.map((message) => message.text),
      options.embed,
      messages.map((message) => message.entities),
    );
    return evaluateProbabilities(
      probabilities.map((message) => message.probabilities),
      messages,
      model,
      probabilities.map((message) => message.evidence),
    ).map((example) => evaluatedWithKnownExample(example, model));
  };
  const evaluated = await read(examples);
  // As classify() reads them: the request alone, without a greeting or thanks around it.
  const requests = evaluated.flatMap((example, i) => {
    const around = withoutKnownPhrases(example.text, model);
    return around && readsRequestAlone(around, example)
      ? [{ i, around, message: { ...examples[i], text: around.request } }]
      : [];
  });
  const reread = await read(requests.map(({ message }) => message));
  reread.forEach((part, k) => {
    const { i, around } = requests[k];
    if (takesRequestReading(around, part)) {
      evaluated[i] = { ...part, text: examples[i].text };
    }
  });
  return summarize(evaluated, {
    evaluation: 'test',
    folds: 1,
    exampleCount: examples.length,
    outOfScopeIntent: options.outOfScopeIntent ?? model.outOfScopeIntent ?? 'oos',
    outOfScopeShare: null,
    wrongAnswerBudget: null,
    calibration: model.calibration,
  });
}
