import { z } from 'zod';
import { db } from '@/lib/db';
import { defineJob } from '@/lib/jobs';

/** How long the delivery log keeps a finished delivery (the admin page shows the last 20). */
const DELIVERIES_KEPT_DAYS = 30;

/**
 * Daily, and at every start: the delivery log does not grow without end, and never keeps a copy of
 * a conversation's events longer than the site's retention setting keeps the conversation.
 */
export const pruneDeliveriesJob = defineJob({
  kind: 'webhook.prune',
  payload: z.object({}),
  everyMs: 24 * 60 * 60_000,
  async run() {
    await db().$executeRaw`
      DELETE FROM "WebhookDelivery" d USING "WebhookEndpoint" e, "Site" s
      WHERE d."endpointId" = e."id" AND e."siteId" = s."id" AND d."status" <> 'pending'
        AND d."createdAt" < now() AT TIME ZONE 'UTC'
          - make_interval(days => least(${DELIVERIES_KEPT_DAYS}, coalesce(s."retentionDays", ${DELIVERIES_KEPT_DAYS})))`;
  },
});
