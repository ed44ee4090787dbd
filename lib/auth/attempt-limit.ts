import { createClient, type RedisClientType } from 'redis';
import { config } from '@/lib/config';

/** Fixed-window counters; shared through Redis when REDIS_URL is set, so every node counts together. */
export interface AttemptLimit {
  /** Attempts allowed per window. */
  limit: number;
  windowMs: number;
}

export interface AttemptVerdict {
  allowed: boolean;
  retryAfterMs: number;
}

type Redis = RedisClientType;
const globalForLimits = globalThis as unknown as {
  hearthAttemptCounts?: Map<string, { count: number; resetAt: number }>;
  hearthAttemptRedis?: Promise<Redis>;
};

function redis(): Promise<Redis> | undefined {
  const url = config().REDIS_URL;
  if (!url) return undefined;
  globalForLimits.hearthAttemptRedis ??= (async () => {
    const client: RedisClientType = createClient({ url });
    client.on('error', (error: Error) => console.error(`attempt limits: redis: ${error.message}`));
    await client.connect();
    return client;
  })();
  return globalForLimits.hearthAttemptRedis;
}

/** Counts one attempt against `key` and says whether it is within the limit. */
export async function countAttempt(key: string, limit: AttemptLimit): Promise<AttemptVerdict> {
  const shared = redis();
  if (shared) {
    const client = await shared;
    const redisKey = `hearth:attempts:${key}`;
    const [count, ttl] = await client
      .multi()
      .incr(redisKey)
      .pExpire(redisKey, limit.windowMs, 'NX')
      .pTTL(redisKey)
      .exec();
    const over = Number(count) > limit.limit;
    return { allowed: !over, retryAfterMs: over ? Math.max(Number(ttl), 0) : 0 };
  }
  const counts = (globalForLimits.hearthAttemptCounts ??= new Map());
  const now = Date.now();
  let entry = counts.get(key);
  if (!entry || entry.resetAt <= now) {
    entry = { count: 0, resetAt: now + limit.windowMs };
    counts.set(key, entry);
    if (counts.size > 50_000) pruneExpired(counts, now);
  }
  entry.count += 1;
  const over = entry.count > limit.limit;
  return { allowed: !over, retryAfterMs: over ? entry.resetAt - now : 0 };
}

/** Whether `key` is still within its limit, without counting anything (failures are counted apart). */
export async function checkAttempts(key: string, limit: AttemptLimit): Promise<AttemptVerdict> {
  const shared = redis();
  if (shared) {
    const client = await shared;
    const redisKey = `hearth:attempts:${key}`;
    const [count, ttl] = await client.multi().get(redisKey).pTTL(redisKey).exec();
    const over = Number(count ?? 0) >= limit.limit;
    return { allowed: !over, retryAfterMs: over ? Math.max(Number(ttl), 0) : 0 };
  }
  const entry = globalForLimits.hearthAttemptCounts?.get(key);
  const now = Date.now();
  const over = !!entry && entry.resetAt > now && entry.count >= limit.limit;
  return { allowed: !over, retryAfterMs: over ? entry.resetAt - now : 0 };
}

/** Forgets a key's attempts (a successful sign-in clears its account-and-address count). */
export async function clearAttempts(key: string): Promise<void> {
  const shared = redis();
  if (shared) await (await shared).del(`hearth:attempts:${key}`);
  else globalForLimits.hearthAttemptCounts?.delete(key);
}

function pruneExpired(counts: Map<string, { resetAt: number }>, now: number): void {
  for (const [key, entry] of counts) if (entry.resetAt <= now) counts.delete(key);
}
