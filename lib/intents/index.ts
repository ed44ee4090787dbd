// Intents and their training data: what admins edit, import and export.
export { listIntents, type IntentSummary } from './list-intents';
export { getIntent, type IntentDetail } from './get-intent';
export { createIntent } from './create-intent';
export { renameIntent } from './rename-intent';
export { mergeIntents } from './merge-intents';
export { deleteIntent } from './delete-intent';
export { addIntentExamples, type AddedExamples } from './add-intent-examples';
export { removeIntentExamples } from './remove-intent-examples';
export { moveIntentExamples } from './move-intent-examples';
export { saveIntentResponses } from './save-intent-responses';
export { saveIntentQuickReplies } from './save-intent-quick-replies';
export { setIntentFlags } from './set-intent-flags';
export { importIntents, type ImportSummary } from './import-intents';
export { exportIntents } from './export-intents';
export { findExampleConflicts, type ExampleConflict } from './find-example-conflicts';
export { IntentFileError, isIntentFileError, guessIntentFileFormat } from './formats';
export { listModelVersions, type ModelVersionView } from './list-model-versions';
export { getTrainingRun, latestTrainingRun, type TrainingRunView } from './training-runs';
