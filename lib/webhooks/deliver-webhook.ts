import { z } from 'zod';
import { db } from '@/lib/db';
import { defineJob } from '@/lib/jobs';
import { OutboundRequestError, postSigned, RefusedAddressError } from './outbound-request';

export const DELIVER_WEBHOOK = 'webhook.deliver';

/** A receiver has this long to answer. */
const TIMEOUT_MS = 10_000;
/** Only the status matters; the start of the body is kept in the log for a failure. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const LOGGED_RESPONSE_CHARS = 200;
/** Back-off doubles from the first retry up to this, so a receiver down for a day is tried ~30 times. */
const MAX_RETRY_MS = 60 * 60_000;

export interface WebhookDeliveryOptions {
  /** Delay before the first retry (then doubling); tests shorten it. */
  firstRetryMs?: number;
}

/**
 * The job that sends one delivery: a 2xx answer succeeds; anything else is logged and retried with
 * exponential back-off until the delivery's `retryUntil`; an address the endpoint may not reach
 * fails at once (the admin fixes the URL or the setting, then resends).
 */
export function webhookDeliveryJob({ firstRetryMs = 10_000 }: WebhookDeliveryOptions = {}) {
  return defineJob({
    kind: DELIVER_WEBHOOK,
    payload: z.object({ deliveryId: z.string() }),
    async run({ deliveryId }, { signal }) {
      const delivery = await db().webhookDelivery.findUnique({
        where: { id: deliveryId },
        include: { endpoint: true },
      });
      if (delivery?.status !== 'pending') return;
      const attempt = await attemptDelivery(delivery, signal);
      if (signal.aborted) throw signal.reason; // shutting down: given back, tried again elsewhere
      const retryInMs = Math.min(firstRetryMs * 2 ** delivery.attempts, MAX_RETRY_MS);
      const retry =
        !attempt.ok && !attempt.final && Date.now() + retryInMs <= delivery.retryUntil.getTime();
      await db().webhookDelivery.update({
        where: { id: deliveryId },
        data: {
          status: attempt.ok ? 'succeeded' : retry ? 'pending' : 'failed',
          attempts: { increment: 1 },
          lastStatusCode: attempt.statusCode,
          lastError: attempt.error,
          lastDurationMs: attempt.durationMs,
          lastAttemptAt: new Date(),
        },
      });
      return retry ? { retryInMs } : undefined;
    },
  });
}

interface Attempt {
  ok: boolean;
  /** Not worth retrying until the admin changes something. */
  final: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

async function attemptDelivery(
  delivery: {
    body: string;
    endpoint: { url: string; secret: string; enabled: boolean; allowPrivateAddresses: boolean };
  },
  signal: AbortSignal,
): Promise<Attempt> {
  const { endpoint } = delivery;
  if (!endpoint.enabled) {
    return {
      ok: false,
      final: true,
      statusCode: null,
      error: 'The endpoint is disabled',
      durationMs: 0,
    };
  }
  try {
    const response = await postSigned({
      url: endpoint.url,
      body: delivery.body,
      secret: endpoint.secret,
      allowPrivateAddresses: endpoint.allowPrivateAddresses,
      timeoutMs: TIMEOUT_MS,
      maxResponseBytes: MAX_RESPONSE_BYTES,
      signal,
    });
    const ok = response.status >= 200 && response.status < 300;
    const redirect = response.status >= 300 && response.status < 400;
    const said = response.body.slice(0, LOGGED_RESPONSE_CHARS).trim();
    return {
      ok,
      final: false,
      statusCode: response.status,
      error: ok
        ? null
        : redirect
          ? `Answered ${response.status}: redirects are not followed`
          : `Answered ${response.status}${said ? `: ${said}` : ''}`,
      durationMs: response.durationMs,
    };
  } catch (error) {
    if (!(error instanceof OutboundRequestError)) throw error;
    return {
      ok: false,
      final: error instanceof RefusedAddressError,
      statusCode: null,
      error: error.message,
      durationMs: error.durationMs,
    };
  }
}
