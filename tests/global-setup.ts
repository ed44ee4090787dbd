import type { TestProject } from 'vitest/node';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from '@/lib/db/migrate';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded';

export const TEMPLATE_DATABASE = 'hearth_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A Postgres server URL (any database); tests clone the migrated template from it. */
    postgresUrl: string;
  }
}

let embedded: EmbeddedDatabase | undefined;

/**
 * Runs once: builds the app when the build is stale (end-to-end tests serve the production build),
 * picks the Postgres server (DATABASE_URL, else embedded) and migrates a template database.
 */
export async function setup(project: TestProject): Promise<void> {
  const build = spawnSync('npx', ['tsx', 'scripts/build-if-needed.ts'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('The production build failed');
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(path.resolve('data/test'), 54339);
  }
  const serverUrl = process.env.DATABASE_URL ?? embedded!.url;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  await applyMigrations(withDatabase(serverUrl, TEMPLATE_DATABASE));
  project.provide('postgresUrl', serverUrl);
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
