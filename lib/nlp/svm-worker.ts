// Helper-thread entry: trains its share of one-vs-rest intents over the shared rows.
import { parentPort, workerData } from 'node:worker_threads';
import { trainClass, type SvmJob } from './linear-svm';

const job = workerData as SvmJob;
for (const c of job.classes) {
  const n = job.labels.length;
  const result = trainClass(
    job.rows,
    job.labels,
    c,
    job.settings,
    job.initialDuals?.subarray(c * n, (c + 1) * n),
  );
  parentPort?.postMessage({ c, ...result }, [
    result.weights.buffer as ArrayBuffer,
    result.duals.buffer as ArrayBuffer,
  ]);
}
