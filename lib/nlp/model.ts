import { z } from 'zod';
import { AnswerModel, IDENTITY_ANSWER_MODEL } from './answer-confidence';
import { OperatingPoint } from './calibration';
import type { FeatureSpace } from './features';
import type { LinearScorer } from './linear-svm';
import type { Language } from './preprocess';

/** How raw scores become decisions; all of it is chosen on held-out data. */
export const Calibration = z.object({
  /** Softmax temperature that makes intent probabilities match held-out accuracy. */
  temperature: z.number().positive(),
  /** Reads the chance that answering is right (the confidence) from the answer's features. */
  answerModel: AnswerModel.default(IDENTITY_ANSWER_MODEL),
  /** Below this confidence the bot says no intent fits (fallback). */
  threshold: z.number().min(0).max(1),
  /** When the top two intents' probabilities are closer than this, the bot asks which one was meant. */
  ambiguityMargin: z.number().min(0).max(1),
  /** Risk–coverage on held-out data, so a site can move along it without retraining. */
  curve: z.array(OperatingPoint).default([]),
  /** The share of a site's budget the curve may spend (OWN_EXAMPLES_BUDGET_SHARE); 1 before it. */
  budgetShare: z.number().min(0).max(1).default(1),
});
export type Calibration = z.infer<typeof Calibration>;

/** A trained intent classifier: everything classify() needs, and what serialize() stores. */
export interface IntentClassifier {
  language: Language;
  /** Class names in score order; may include the out-of-scope class. */
  intents: string[];
  /** Name of the class trained on out-of-scope examples, when there were any. */
  outOfScopeIntent: string | null;
  charNgramRange: readonly [number, number];
  features: FeatureSpace;
  scorer: LinearScorer;
  calibration: Calibration;
  /** Identifies the sentence-embedding model whose vectors were concatenated (null when none). */
  embeddingModel: string | null;
  seed: number;
  /** The site's training texts (knownExampleKey) whose intent is certain, with its class. */
  knownExamples: ReadonlyMap<string, number>;
}

/** One labelled message: a training example, or a test case in evaluation. */
export const TrainingExampleInput = z.object({
  text: z.string().min(1),
  intent: z.string().min(1),
  /** Kinds of entities in the text (annotated or matched): the classifier's e: features. */
  entities: z.array(z.string()).optional(),
});
export type TrainingExampleInput = z.infer<typeof TrainingExampleInput>;
