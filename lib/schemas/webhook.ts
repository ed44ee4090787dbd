import { z } from 'zod';
import { webUrl } from './url';

/** Everything a webhook endpoint may subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'conversation.created',
  'message.created',
  'conversation.handed_off',
  'conversation.assigned',
  'conversation.resolved',
  'conversation.rated',
  'visitor.deleted',
  'training.finished',
  'model.activated',
] as const;
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

/** An outbound address an admin gives (webhook endpoint, intent action): http(s), no credentials. */
export const OutboundUrlSchema = webUrl(500).refine((value) => {
  const url = new URL(value);
  return !url.username && !url.password;
}, 'Leave user names and passwords out of the address');

const WebhookEndpointFields = z.object({
  url: OutboundUrlSchema,
  events: z
    .array(WebhookEventTypeSchema)
    .min(1, 'Pick at least one event')
    .transform((events) => [...new Set(events)]),
  enabled: z.boolean(),
  allowPrivateAddresses: z.boolean(),
});

/** What an admin sets on a new endpoint; the secret is made by the server. */
export const WebhookEndpointInputSchema = WebhookEndpointFields.extend({
  enabled: z.boolean().default(true),
  allowPrivateAddresses: z.boolean().default(false),
});

/** A change to an endpoint: only the fields given (no defaults, so nothing else is reset). */
export const WebhookEndpointPatchSchema = WebhookEndpointFields.partial();

/** The body of every delivery, signed as sent. */
export const WebhookEventBodySchema = z.object({
  id: z.string(),
  type: WebhookEventTypeSchema,
  createdAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookEventBody = z.infer<typeof WebhookEventBodySchema>;

/**
 * Webhooks' outbox: a site's event, written as a job in the transaction (or statement) that makes
 * the change it reports, then fanned out to the site's endpoints by lib/webhooks.
 */
export const WEBHOOK_EVENT_JOB = 'webhook.event';
export const WebhookEventJobSchema = z.object({
  siteId: z.string(),
  event: WebhookEventBodySchema,
});
export type WebhookEventJob = z.infer<typeof WebhookEventJobSchema>;

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  type: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  lastAttemptAt: string | null;
  createdAt: string;
}

export interface WebhookEndpointView {
  id: string;
  url: string;
  /** Admins only ever see it: the page hides it until revealed. */
  secret: string;
  events: WebhookEventType[];
  enabled: boolean;
  allowPrivateAddresses: boolean;
  createdAt: string;
  deliveries: WebhookDeliveryView[];
}

/** An intent's action webhook as the admin sets it; the secret is made by the server. */
export const IntentActionInputSchema = z.object({
  url: OutboundUrlSchema,
  allowPrivateAddresses: z.boolean().default(false),
});

export interface IntentActionView {
  url: string;
  secret: string;
  allowPrivateAddresses: boolean;
}

/** Longest answer an intent action may return; longer ones are refused, not cut. */
export const MAX_ACTION_TEXT_LENGTH = 2_000;

/** What an intent action must answer: the text the bot says. */
export const IntentActionReplySchema = z.object({
  text: z.string().trim().min(1).max(MAX_ACTION_TEXT_LENGTH),
});

/** Per-site retention: conversations quiet for more than this many days are deleted; null keeps them. */
export const RetentionSettingSchema = z.object({
  retentionDays: z.number().int().min(1).max(3650).nullable(),
});
