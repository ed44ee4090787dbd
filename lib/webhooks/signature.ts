import { createHmac } from 'node:crypto';

/** The header every webhook delivery and intent action request carries. */
export const SIGNATURE_HEADER = 'Hearth-Signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the receiver recomputes it with the
 * endpoint's secret, and refuses old timestamps so a captured request cannot be replayed later.
 */
export function signatureHeader(secret: string, body: string, now = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}
