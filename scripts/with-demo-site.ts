// The seeded demo shop in a throwaway database, for the knowledge-base scripts (bench-kb, fit-kb-relevance).
// Needs a Postgres server: DATABASE_URL (any database on it) or postgresql://postgres@127.0.0.1:5432/postgres.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { modelsSettled, startModels, stopModels } from '@/lib/ai';
import { db, disconnectDatabase } from '@/lib/db';
import { applyMigrations } from '@/lib/db/migrate';
import { DEMO_SITE_KEY, DEMO_SITE_KEY_ZH, seedDemo } from '@/lib/db/seed';
import { withDatabase } from '@/lib/db/url';
import type { SiteLanguage } from '@/lib/schemas/site';
import { startTrainingRun, stopLiveClassifiers } from '@/lib/training';

export interface DemoSite {
  id: string;
  language: SiteLanguage;
}

/**
 * Runs `work` on the English (or Chinese) demo site as a first start leaves it: seeded, with whichever models are
 * installed, and (`trained`) with the starter intents trained and active, as `npm start` does.
 */
export async function withDemoSite<T>(
  name: string,
  { trained, language = 'en' }: { trained: boolean; language?: 'en' | 'zh' },
  work: (site: DemoSite) => Promise<T>,
): Promise<T> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const database = `hearth_${name}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`create database ${database}`);
  try {
    const url = withDatabase(serverUrl, database);
    await applyMigrations(url);
    process.env.DATABASE_URL = url;
    await seedDemo(db(), {
      adminEmail: 'bench@example.com',
      adminPassword: randomBytes(12).toString('hex'),
      publicUrl: 'http://localhost:3000',
    });
    const publicKey = language === 'zh' ? DEMO_SITE_KEY_ZH : DEMO_SITE_KEY;
    const site = await db().site.findUniqueOrThrow({ where: { publicKey } });
    await startModels();
    await modelsSettled();
    if (trained) await trainDemo(site.id);
    return await work({ id: site.id, language });
  } finally {
    await stopLiveClassifiers();
    await stopModels();
    await disconnectDatabase();
    await admin(`drop database if exists ${database} with (force)`);
  }
}

async function trainDemo(siteId: string): Promise<void> {
  const run = await startTrainingRun({ siteId, activateWhenDone: true });
  for (;;) {
    const { status, error } = await db().trainingRun.findUniqueOrThrow({ where: { id: run.id } });
    if (status === 'failed' || status === 'cancelled') {
      throw new Error(`Training the demo intents ${status}: ${error}`);
    }
    if (status === 'succeeded') {
      const active = await db().site.findUniqueOrThrow({
        where: { id: siteId },
        select: { activeModelVersionId: true },
      });
      if (active.activeModelVersionId) return;
    }
    await sleep(200);
  }
}
