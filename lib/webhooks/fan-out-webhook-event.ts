import { db } from '@/lib/db';
import { defineJob, nudgeJobs } from '@/lib/jobs';
import { WEBHOOK_EVENT_JOB, WebhookEventJobSchema } from '@/lib/schemas/webhook';
import { queueDeliveries } from './queue-webhook-event';

/**
 * Turns an outbox event (written with the change it reports, lib/conversations webhook-outbox.ts)
 * into one delivery per endpoint that wants it now. The outbox row leaves in the same transaction,
 * so a crash at any point queues the deliveries exactly once.
 */
export const fanOutWebhookEventJob = defineJob({
  kind: WEBHOOK_EVENT_JOB,
  payload: WebhookEventJobSchema,
  async run({ siteId, event }, { id }) {
    await db().$transaction(async (tx) => {
      const { count } = await tx.job.deleteMany({ where: { id } });
      // Gone: another node took over a lease this one held too long, and fanned it out.
      if (count) await queueDeliveries(tx, siteId, event);
    });
    nudgeJobs();
  },
});
