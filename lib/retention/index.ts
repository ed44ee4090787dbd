// Retention: each site's setting "delete conversations quiet for N days", applied by a periodic
// durable job (lib/jobs).
export { applyRetention, type RetentionResult } from './apply-retention';
export { retentionJob } from './retention-job';
