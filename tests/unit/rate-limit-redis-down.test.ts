import { expect, it } from 'vitest';
import { limiter } from '@/lib/rate-limit';

// Nothing listens on port 9: the limits must still hold, per process, without waiting on Redis.
process.env.REDIS_URL = 'redis://127.0.0.1:9';

it('keeps limiting in memory while Redis cannot be reached', async () => {
  const messages = limiter('messages-while-redis-down', { points: 2, durationSeconds: 60 });
  const started = Date.now();
  const verdicts = [];
  for (let i = 0; i < 3; i += 1) verdicts.push(await messages.consume('visitor'));
  expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true, false]);
  expect(verdicts[2].retryAfterMs).toBeGreaterThan(0);
  expect(Date.now() - started).toBeLessThan(1_000);
});
