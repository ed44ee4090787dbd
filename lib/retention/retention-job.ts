import { z } from 'zod';
import { defineJob } from '@/lib/jobs';
import { applyRetention } from './apply-retention';

/** Daily, and at every start (a node that was down for days catches up at once). */
export const retentionJob = defineJob({
  kind: 'retention.apply',
  payload: z.object({}),
  everyMs: 24 * 60 * 60_000,
  async run(_payload, { signal }) {
    await applyRetention(new Date(), signal);
  },
});
