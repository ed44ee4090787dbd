// The bot's understanding: read a message, train and evaluate intent models, classify, find entities.
export { preprocess, Language, type PreprocessedText, type PreprocessOptions } from './preprocess';
export {
  train,
  TrainingProgress,
  TrainingSettings,
  type TrainOptions,
  type TrainingResult,
  type EmbedTexts,
  type ReportProgress,
} from './train';
export { trainInWorker, type WorkerTrainingOptions } from './train-in-worker';
export { classify, evaluate, Classification, type ClassifyOptions } from './classify';
export {
  extractEntities,
  prepareDateParsers,
  Entity,
  DEFAULT_ORDER_NUMBER_PATTERN,
  type EntityOptions,
} from './entities';
export { serialize, deserialize } from './serialize';
export { withKnownExamples } from './known-examples';
export { TrainingMetrics } from './metrics';
export { VersionComparison, MeasureChange, isClearChange } from './compare-versions';
export { BotDecision, IntentDecision, RankedIntent } from './decide';
export {
  Answers,
  answersAt,
  DEFAULT_OPERATING_POLICY,
  OperatingPoint,
  pointAtThreshold,
  pointForBudget,
  siteThreshold,
  type OperatingPolicy,
  type SiteOperatingSettings,
} from './calibration';
export { TrainingExampleInput, Calibration, type IntentClassifier } from './model';
export { typoDistance } from './typo-distance';
export { fitLogisticRegression } from './logistic-regression';
export { learnedStems } from './learned-stems';
