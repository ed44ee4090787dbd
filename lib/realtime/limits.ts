import { countAttempt, type AttemptLimit } from '@/lib/auth/attempt-limit';
import { ActionError } from '@/lib/auth/errors';
import { config } from '@/lib/config';

const MINUTE = 60_000;
const perMinute = (limit: number): AttemptLimit => ({ limit, windowMs: MINUTE });

/** Visitor connects and messages, counted per visitor and per IP (shared through Redis when set). */
export async function limitVisitorConnect(ip: string, visitorId: string): Promise<void> {
  const settings = config();
  await within(
    `realtime:connect:ip:${ip}`,
    perMinute(settings.IP_CONNECTS_PER_MINUTE),
    'connections from your network',
  );
  await within(
    `realtime:connect:visitor:${visitorId}`,
    perMinute(settings.VISITOR_CONNECTS_PER_MINUTE),
    'reconnects',
  );
}

export async function limitVisitorMessage(ip: string, visitorId: string): Promise<void> {
  const settings = config();
  await within(
    `realtime:message:visitor:${visitorId}`,
    perMinute(settings.VISITOR_MESSAGES_PER_MINUTE),
    'messages',
  );
  await within(
    `realtime:message:ip:${ip}`,
    perMinute(settings.IP_MESSAGES_PER_MINUTE),
    'messages from your network',
  );
}

/** Widget sessions (new visitors) per IP share the connect budget. */
export async function limitVisitorSession(ip: string): Promise<void> {
  await within(
    `realtime:session:ip:${ip}`,
    perMinute(config().IP_CONNECTS_PER_MINUTE),
    'new chats from your network',
  );
}

async function within(key: string, limit: AttemptLimit, what: string): Promise<void> {
  const verdict = await countAttempt(key, limit);
  if (!verdict.allowed) {
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw new ActionError(
      'rate_limited',
      `Too many ${what}; try again in ${seconds} s`,
      verdict.retryAfterMs,
    );
  }
}
