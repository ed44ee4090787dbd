import { z } from 'zod';
import { db } from '@/lib/db';
import { defineJob } from '@/lib/jobs';

const DAY_MS = 24 * 60 * 60_000;
/** How long the delivery log keeps a finished delivery (the admin page shows the last 20). */
export const DELIVERIES_KEPT_DAYS = 30;

/** Daily, and at every start: the delivery log does not grow without end. */
export const pruneDeliveriesJob = defineJob({
  kind: 'webhook.prune',
  payload: z.object({}),
  everyMs: DAY_MS,
  async run() {
    await db().webhookDelivery.deleteMany({
      where: {
        status: { not: 'pending' },
        createdAt: { lt: new Date(Date.now() - DELIVERIES_KEPT_DAYS * DAY_MS) },
      },
    });
  },
});
