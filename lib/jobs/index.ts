// Durable background work in Postgres: queued in the transaction that causes it, run by any node,
// retried with the delay its handler asks for, given back on shutdown (webhooks, retention).
export { enqueueJob } from './job-rows';
export {
  defineJob,
  nudgeJobs,
  startJobRunner,
  type JobDefinition,
  type JobOutcome,
  type JobRunner,
} from './run-jobs';
