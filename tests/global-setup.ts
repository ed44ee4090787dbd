import type { TestProject } from 'vitest/node';
import pg from 'pg';
import path from 'node:path';
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

/** Runs once: picks the Postgres server (DATABASE_URL, else embedded) and migrates a template database. */
export async function setup(project: TestProject): Promise<void> {
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
