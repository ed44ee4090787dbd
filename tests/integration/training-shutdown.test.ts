import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DEMO_SITE_KEY, seedDemo } from '@/lib/db/seed';
import { startTrainingRun, stopTrainingRuns } from '@/lib/training';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

describe('a server shutting down while it trains', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(db(), { adminEmail: 'a@example.com', adminPassword: 'password123' });
  });
  afterAll(() => database.drop());

  it('stops the job before the database goes, writing nothing more and cancelling nothing', async () => {
    const site = await db().site.findUniqueOrThrow({ where: { publicKey: DEMO_SITE_KEY } });
    const run = await startTrainingRun({ siteId: site.id });
    await expect
      .poll(
        async () => (await db().trainingRun.findUniqueOrThrow({ where: { id: run.id } })).status,
      )
      .toBe('running');
    await stopTrainingRuns();
    const stopped = await db().trainingRun.findUniqueOrThrow({ where: { id: run.id } });
    // Neither cancelled (nobody asked) nor failed: its old heartbeat marks it interrupted later.
    expect(stopped.status).toBe('running');
    expect(stopped.log.some((line) => /Cancelled|Failed/.test(line))).toBe(false);
    await sleep(1_000);
    const later = await db().trainingRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(later.updatedAt).toEqual(stopped.updatedAt);
    expect(await db().modelVersion.count({ where: { siteId: site.id } })).toBe(0);
  });
});
