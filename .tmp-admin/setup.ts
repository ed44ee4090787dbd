// Local only (not committed): the global setup without the production build, while others' work breaks it.
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '@/lib/db/migrate';
import { TEMPLATE_DATABASE, withDatabase } from '../tests/global-setup';
export async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  await applyMigrations(withDatabase(serverUrl, TEMPLATE_DATABASE));
  project.provide('postgresUrl', serverUrl);
}
