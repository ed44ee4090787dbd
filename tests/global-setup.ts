import type { TestProject } from 'vitest/node';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from '@/lib/db/migrate';
import { withDatabase } from '@/lib/db/url';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A Postgres server URL (any database); tests clone the migrated template from it. */
    postgresUrl: string;
    /** The migrated database each test file clones (one per test run, so runs may overlap). */
    templateDatabase: string;
  }
}

let embedded: EmbeddedDatabase | undefined;
let serverUrl: string;
const templateDatabase = `hearth_test_template_${process.pid}`;

/**
 * Runs once: builds the app when the build is stale (end-to-end tests serve the production build),
 * picks the Postgres server (DATABASE_URL, else embedded) and migrates a template database.
 */
export async function setup(project: TestProject): Promise<void> {
  // SKIP_BUILD=1 for runs without end-to-end tests (e.g. unit tests while the tree is mid-change).
  if (!process.env.SKIP_BUILD) {
    const build = spawnSync('npx', ['tsx', 'scripts/build-if-needed.ts'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('The production build failed');
  }
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(path.resolve('data/test'), 54339);
  }
  serverUrl = process.env.DATABASE_URL ?? embedded!.url;
  await adminQuery(`drop database if exists ${templateDatabase} with (force)`);
  await adminQuery(`create database ${templateDatabase}`);
  await applyMigrations(withDatabase(serverUrl, templateDatabase));
  project.provide('postgresUrl', serverUrl);
  project.provide('templateDatabase', templateDatabase);
}

export async function teardown(): Promise<void> {
  if (serverUrl) await adminQuery(`drop database if exists ${templateDatabase} with (force)`);
  await embedded?.stop();
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
