// Helper-thread entry: trains intents claimed from the shared counter until none are left.
import { parentPort, workerData } from 'node:worker_threads';
import { claimClass, initialDualsOf, trainClass, type SvmJob } from './linear-svm';

const job = workerData as SvmJob;
for (let c = claimClass(job); c < job.classes; c = claimClass(job)) {
  const result = trainClass(
    job.rows,
    job.labels,
    c,
    job.settings,
    initialDualsOf(job, c),
    job.exampleWeights,
  );
  parentPort?.postMessage({ c, ...result }, [
    result.weights.buffer as ArrayBuffer,
    result.duals.buffer as ArrayBuffer,
  ]);
}
