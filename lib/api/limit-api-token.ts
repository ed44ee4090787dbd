import { ActionError } from '@/lib/auth/errors';
import { config } from '@/lib/config';
import { limiter } from '@/lib/rate-limit';

/** Counts a request against its token's per-minute budget (shared through Redis when set). */
export async function limitApiToken(tokenId: string): Promise<void> {
  const perMinute = limiter('api-token', {
    points: config().API_REQUESTS_PER_MINUTE,
    durationSeconds: 60,
  });
  const verdict = await perMinute.consume(tokenId);
  if (!verdict.allowed) {
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw new ActionError(
      'rate_limited',
      `Too many requests with this API token; try again in ${seconds} s`,
      verdict.retryAfterMs,
    );
  }
}
