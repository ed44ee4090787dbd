import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { createClient } from 'redis';
import { limiter } from '@/lib/rate-limit';

// Counted in the Redis every node shares (REDIS_URL as CI sets it); names are new on every run.
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/test';
const run = randomBytes(4).toString('hex');
const otherNode = createClient({ url: process.env.REDIS_URL });
afterAll(async () => otherNode.isOpen && (await otherNode.quit()));

it('allows the points of a window, then refuses with the time left, counting in Redis', async () => {
  const messages = limiter(`test-${run}-messages`, { points: 3, durationSeconds: 60 });
  const verdicts = [];
  for (let i = 0; i < 4; i += 1) verdicts.push(await messages.consume('visitor-1'));
  expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true, true, false]);
  expect(verdicts[3].retryAfterMs).toBeGreaterThan(55_000);
  expect(verdicts[3].retryAfterMs).toBeLessThanOrEqual(60_000);
  expect((await messages.consume('visitor-2')).allowed).toBe(true);

  // Another node of the deployment (same database) reads the same count.
  await otherNode.connect();
  const database = new URL(process.env.DATABASE_URL!);
  expect(
    await otherNode.get(
      `hearth:${database.hostname}:${database.port || '5432'}${database.pathname}:limit:test-${run}-messages:visitor-1`,
    ),
  ).toBe('4');
});

it('never counts for another deployment on the same Redis (another database)', async () => {
  const name = `test-${run}-deployments`;
  const first = process.env.DATABASE_URL;
  try {
    expect((await limiter(name, { points: 1, durationSeconds: 60 }).consume('ip')).allowed).toBe(
      true,
    );
    expect((await limiter(name, { points: 1, durationSeconds: 60 }).consume('ip')).allowed).toBe(
      false,
    );
    process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/another_deployment';
    expect((await limiter(name, { points: 1, durationSeconds: 60 }).consume('ip')).allowed).toBe(
      true,
    );
  } finally {
    process.env.DATABASE_URL = first;
  }
});

it('checks without counting and forgets a key when cleared', async () => {
  const failures = limiter(`test-${run}-failures`, { points: 2, durationSeconds: 900 });
  expect(await failures.check('ada')).toEqual({ allowed: true, retryAfterMs: 0 });
  await failures.consume('ada');
  expect((await failures.check('ada')).allowed).toBe(true);
  await failures.consume('ada');
  const refused = await failures.check('ada');
  expect(refused.allowed).toBe(false);
  expect(refused.retryAfterMs).toBeGreaterThan(890_000);
  expect((await failures.check('ada')).allowed).toBe(false);
  await failures.clear('ada');
  expect(await failures.check('ada')).toEqual({ allowed: true, retryAfterMs: 0 });
});
