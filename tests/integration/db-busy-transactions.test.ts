import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolSize } from '@/lib/db';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';

describe('transactions on a busy server', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it("waits for a connection longer than Prisma's 2 s when every one is taken", async () => {
    // Every connection of the pool busy for 3 s, as under a burst of visitor messages.
    const busy = Promise.all(
      Array.from({ length: poolSize() }, () => db().$executeRaw`SELECT pg_sleep(3)`),
    );
    await sleep(300);
    const started = performance.now();
    const sites = await db().$transaction(async (tx) => tx.site.count());
    expect(sites).toBe(0);
    expect(performance.now() - started).toBeGreaterThan(2_000);
    await busy;
  });
});
