import { ActionError } from '@/lib/auth/errors';
import { config } from '@/lib/config';
import { limiter, type Limiter } from '@/lib/rate-limit';

/** A per-minute limit read from the environment, so an operator can tune it without a release. */
const perMinute = (name: string, points: number): Limiter =>
  limiter(name, { points, durationSeconds: 60 });

/** Visitor connects and messages, counted per visitor and per IP (shared through Redis when set). */
export async function limitVisitorConnect(ip: string, visitorId: string): Promise<void> {
  const settings = config();
  await within(
    perMinute('realtime-connect-ip', settings.IP_CONNECTS_PER_MINUTE),
    ip,
    'connections from your network',
  );
  await within(
    perMinute('realtime-connect-visitor', settings.VISITOR_CONNECTS_PER_MINUTE),
    visitorId,
    'reconnects',
  );
}

export async function limitVisitorMessage(ip: string, visitorId: string): Promise<void> {
  const settings = config();
  await within(
    perMinute('realtime-message-visitor', settings.VISITOR_MESSAGES_PER_MINUTE),
    visitorId,
    'messages',
  );
  await within(
    perMinute('realtime-message-ip', settings.IP_MESSAGES_PER_MINUTE),
    ip,
    'messages from your network',
  );
}

/** Widget sessions (new visitors) per IP share the connect budget. */
export async function limitVisitorSession(ip: string): Promise<void> {
  await within(
    perMinute('realtime-session-ip', config().IP_CONNECTS_PER_MINUTE),
    ip,
    'new chats from your network',
  );
}

async function within(limit: Limiter, key: string, what: string): Promise<void> {
  const verdict = await limit.consume(key);
  if (!verdict.allowed) {
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw new ActionError(
      'rate_limited',
      `Too many ${what}; try again in ${seconds} s`,
      verdict.retryAfterMs,
    );
  }
}
