import { randomUUID } from 'node:crypto';
import { db, type Prisma } from '@/lib/db';
import { enqueueJob, nudgeJobs } from '@/lib/jobs';
import {
  WEBHOOK_EVENT_JOB,
  type WebhookEventJob,
  type WebhookEventType,
} from '@/lib/schemas/webhook';
import type { ConversationRecord } from './records';
import { findSite } from './sites';
import { conversationData, messageData } from './webhook-data';
import type { NewMessage } from './store-message';

// A conversation event a site's webhooks want is written to their outbox (a job, lib/webhooks fans
// it out) in the same transaction or statement as the change it reports, so a crash right after the
// change cannot lose it. Sites without such an endpoint pay nothing: the cached site knows.

/** Whether an enabled endpoint of the site wants `type` (from the cached site: no query). */
export async function siteWantsWebhook(siteId: string, type: WebhookEventType): Promise<boolean> {
  const site = await findSite(siteId);
  return site?.webhookEvents.includes(type) ?? false;
}

function webhookEventJob(
  siteId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
): WebhookEventJob {
  return { siteId, event: { id: randomUUID(), type, createdAt: new Date().toISOString(), data } };
}

/** Writes the event to the outbox in the caller's transaction (call `nudgeJobs` after commit). */
export async function writeWebhookEvent(
  tx: Prisma.TransactionClient,
  siteId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
): Promise<void> {
  const payload = webhookEventJob(siteId, type, data);
  // JSON by construction: event data is built from plain row values.
  await enqueueJob(WEBHOOK_EVENT_JOB, payload as unknown as Prisma.InputJsonObject, { tx });
}

/**
 * Runs `change`; when the site wants `type` (null: an unreported change), in a transaction that also writes the event made of
 * its result (`event` returns null when nothing happened). Otherwise `change` runs alone, as before.
 */
export async function changeWithWebhookEvent<T>(
  siteId: string,
  type: WebhookEventType | null,
  change: (client: Prisma.TransactionClient) => Promise<T>,
  event: (result: T) => Record<string, unknown> | null,
): Promise<T> {
  if (!type || !(await siteWantsWebhook(siteId, type))) return change(db());
  const result = await db().$transaction(async (tx) => {
    const changed = await change(tx);
    const data = event(changed);
    if (data) await writeWebhookEvent(tx, siteId, type, data);
    return changed;
  });
  nudgeJobs();
  return result;
}

/** `conversation.*` events carry the conversation as the change left it. */
export function conversationEventData(conversation: ConversationRecord) {
  return { conversation: conversationData(conversation) };
}

/**
 * The `message.created` outbox job for store-message's statement (JSON `{kind, payload}`), or null
 * when no endpoint of the site wants it. The statement fills in what only it knows: the message's
 * seq and time and the conversation's state as it stored the message.
 */
export async function messageCreatedJob(
  conversation: ConversationRecord,
  message: NewMessage,
  messageId: string,
): Promise<string | null> {
  if (!(await siteWantsWebhook(conversation.siteId, 'message.created'))) return null;
  // Replaced by the statement's own values.
  const placeholder = { seq: 0, createdAt: new Date(0) };
  const data = {
    ...conversationEventData(conversation),
    message: messageData({
      id: messageId,
      conversationId: conversation.id,
      sender: message.sender,
      authorId: message.authorId ?? null,
      authorName: message.authorName ?? null,
      body: message.body,
      isPrivate: message.isPrivate ?? false,
      intent: message.intent ?? null,
      confidence: message.confidence ?? null,
      ...placeholder,
    }),
  };
  const payload = webhookEventJob(conversation.siteId, 'message.created', data);
  return JSON.stringify({ kind: WEBHOOK_EVENT_JOB, payload });
}
