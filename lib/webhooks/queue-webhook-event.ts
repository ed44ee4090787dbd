import { randomUUID } from 'node:crypto';
import { findSite } from '@/lib/conversations';
import { db, type Prisma } from '@/lib/db';
import { enqueueJob, nudgeJobs } from '@/lib/jobs';
import type { WebhookEventBody, WebhookEventType } from '@/lib/schemas/webhook';
import { DELIVER_WEBHOOK } from './deliver-webhook';

/** Failed deliveries are retried for this long after the event (or a resend). */
export const RETRY_FOR_MS = 24 * 60 * 60_000;

/**
 * Queues one delivery per enabled endpoint of the site that subscribes to `type`, each a durable
 * job. Inside `tx` it commits with the change it reports; otherwise in a transaction of its own.
 * Sites without such endpoints cost no query: the cached site knows what its endpoints want.
 */
export async function queueWebhookEvent(
  siteId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  tx?: Prisma.TransactionClient,
): Promise<void> {
  const site = await findSite(siteId);
  if (!site?.webhookEvents.includes(type)) return;
  const event: WebhookEventBody = {
    id: randomUUID(),
    type,
    createdAt: new Date().toISOString(),
    data,
  };
  if (tx) return queueDeliveries(tx, siteId, event);
  await db().$transaction((client) => queueDeliveries(client, siteId, event));
  nudgeJobs();
}

/** One delivery (and its job) per enabled endpoint of the site that wants the event. */
export async function queueDeliveries(
  client: Prisma.TransactionClient,
  siteId: string,
  event: WebhookEventBody,
): Promise<void> {
  const endpoints = await client.webhookEndpoint.findMany({
    where: { siteId, enabled: true, events: { has: event.type } },
    select: { id: true },
  });
  const body = JSON.stringify(event);
  for (const endpoint of endpoints) {
    const delivery = await client.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        eventId: event.id,
        type: event.type,
        body,
        retryUntil: new Date(Date.now() + RETRY_FOR_MS),
      },
      select: { id: true },
    });
    await enqueueJob(DELIVER_WEBHOOK, { deliveryId: delivery.id }, { tx: client });
  }
}
