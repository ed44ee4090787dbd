// Training jobs and the live model: the admin starts and cancels runs, activates (or rolls back to) a
// version; the bot asks for the live classifier.
export { startTrainingRun, stopTrainingRuns } from './start-training-run';
export { cancelTrainingRun } from './cancel-training-run';
export { activateModelVersion } from './activate-model-version';
export {
  liveClassifier,
  reloadLiveModelOnCommit,
  stopLiveClassifiers,
  type LiveModel,
} from './live-classifier';
export { liveEmbeddings } from './live-embeddings';
export { TrainingAlreadyRunningError, NotFoundError } from './errors';
