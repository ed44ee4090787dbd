import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { createClient, type RedisClientType } from 'redis';
import { config } from '@/lib/config';
import { deploymentName } from '@/lib/db/url';

/** At most `points` per window of `durationSeconds`, the window starting at a key's first count. */
export interface RateLimit {
  points: number;
  durationSeconds: number;
}

export interface RateVerdict {
  allowed: boolean;
  /** How long until the key's window ends; 0 when allowed. */
  retryAfterMs: number;
}

export interface Limiter {
  /** Counts one point against `key` and says whether it is still within the limit. */
  consume(key: string): Promise<RateVerdict>;
  /** Whether one more point would still be allowed, without counting anything. */
  check(key: string): Promise<RateVerdict>;
  /** Forgets the key's count (a correct password clears its failures). */
  clear(key: string): Promise<void>;
}

type Counter = RateLimiterMemory | RateLimiterRedis;

const globalForLimits = globalThis as unknown as {
  // On globalThis: the custom server and Next's bundle load this module apart but count together.
  hearthLimiters?: Map<string, Counter>;
  hearthLimitRedis?: { client: RedisClientType; settled: Promise<void> };
};

/**
 * A named limit, counted in Redis when REDIS_URL is set (so every node counts together) and in
 * this process otherwise. While Redis cannot be reached, each process counts on its own rather
 * than refusing everyone or waiting.
 */
export function limiter(name: string, limit: RateLimit): Limiter {
  // Made at first use, so a module may declare its limiters before configuration is read.
  const counter = async () => {
    const made = counterFor(name, limit);
    await globalForLimits.hearthLimitRedis?.settled;
    return made;
  };
  return {
    async consume(key) {
      try {
        await (await counter()).consume(key);
        return { allowed: true, retryAfterMs: 0 };
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) {
          return { allowed: false, retryAfterMs: Math.max(refusal.msBeforeNext, 0) };
        }
        throw refusal;
      }
    },
    async check(key) {
      const counted = await (await counter()).get(key);
      const over = !!counted && counted.consumedPoints >= limit.points;
      return { allowed: !over, retryAfterMs: over ? Math.max(counted.msBeforeNext, 0) : 0 };
    },
    async clear(key) {
      await (await counter()).delete(key);
    },
  };
}

function counterFor(name: string, limit: RateLimit): Counter {
  const counters = (globalForLimits.hearthLimiters ??= new Map());
  // The nodes of one deployment count together, and never with another deployment's.
  const keyPrefix = `${deploymentName()}:limit:${name}`;
  const id = `${keyPrefix}:${limit.points}:${limit.durationSeconds}`;
  let counter = counters.get(id);
  if (!counter) {
    const options = {
      keyPrefix,
      points: limit.points,
      duration: limit.durationSeconds,
    };
    const redis = sharedRedis();
    counter = redis
      ? new RateLimiterRedis({
          ...options,
          storeClient: redis.client,
          useRedisPackage: true,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
    counters.set(id, counter);
  }
  return counter;
}

function sharedRedis(): { client: RedisClientType; settled: Promise<void> } | undefined {
  const url = config().REDIS_URL;
  if (!url) return undefined;
  if (!globalForLimits.hearthLimitRedis) {
    const client: RedisClientType = createClient({ url });
    // Settled at the first connect or the first failure: counts never wait on a Redis that is down.
    const settled = new Promise<void>((resolve) => {
      client.once('ready', () => resolve());
      client.once('error', () => resolve());
    });
    client.on('error', (error: Error) => console.error(`rate limits: redis: ${error.message}`));
    client.connect().catch(() => undefined);
    globalForLimits.hearthLimitRedis = { client, settled };
  }
  return globalForLimits.hearthLimitRedis;
}
