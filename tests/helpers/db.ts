import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { db, disconnectDatabase } from '@/lib/db';
import { withDatabase } from '@/lib/db/url';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A private, migrated database for one test file, cloned from the template the global setup made.
 * Also points `db()` at it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('postgresUrl');
  const name = `hearth_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name} template ${inject('templateDatabase')}`);
  const url = withDatabase(serverUrl, name);
  await disconnectDatabase();
  process.env.DATABASE_URL = url;
  return {
    url,
    drop: async () => {
      await disconnectDatabase();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export { db };
