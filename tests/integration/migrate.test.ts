import { createHash, randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { applyMigrations } from '@/lib/db/migrate';
import { planMigration } from '@/scripts/db-migrate-new';

// DATABASE_URL's server, else the embedded one (tests/global-setup.ts).
const SERVER_URL = inject('postgresUrl');
const REPO_MIGRATIONS = path.join(process.cwd(), 'prisma', 'migrations');

const databases: string[] = [];
const tempDirs: string[] = [];

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on the test server, dropped after the file. */
async function throwawayDatabase(): Promise<string> {
  const name = `migrate_test_${randomUUID().replaceAll('-', '')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  databases.push(name);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A migrations folder of our own, `{ folderName: sql }`. */
async function migrationsDir(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
  tempDirs.push(dir);
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

afterAll(async () => {
  await admin(async (c) => {
    for (const name of databases) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('applyMigrations', () => {
  it('applies every committed migration once, recorded like prisma migrate deploy', async () => {
    const url = await throwawayDatabase();
    const committed = (await readdir(REPO_MIGRATIONS, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(committed.length).toBeGreaterThan(0);

    expect(await applyMigrations(url)).toEqual(committed);

    const rows = await query<{
      migration_name: string;
      checksum: string;
      applied_steps_count: number;
    }>(
      url,
      `SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const expected = await Promise.all(
      committed.map(async (name) => {
        const sql = await readFile(path.join(REPO_MIGRATIONS, name, 'migration.sql'));
        const checksum = createHash('sha256').update(sql).digest('hex');
        return { migration_name: name, checksum, applied_steps_count: 1 };
      }),
    );
    expect(rows).toEqual(expected);
    const tables = await query<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('Conversation', 'Message')`,
    );
    expect(tables[0].n).toBe(2);

    expect(await applyMigrations(url)).toEqual([]);
  });

  it('applies each migration once when several processes start at the same time', async () => {
    const url = await throwawayDatabase();
    const dir = await migrationsDir({
      '20250101000000_a': 'CREATE TABLE t (x int);',
      '20250101000001_b': 'SELECT pg_sleep(0.2); INSERT INTO t VALUES (1);',
    });

    const results = await Promise.all(Array.from({ length: 4 }, () => applyMigrations(url, dir)));

    expect(results.flat().sort()).toEqual(['20250101000000_a', '20250101000001_b']);
    expect(await query(url, 'SELECT x FROM t')).toEqual([{ x: 1 }]);
    const recorded = await query<{ n: number }>(
      url,
      'SELECT count(*)::int AS n FROM "_prisma_migrations"',
    );
    expect(recorded[0].n).toBe(2);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const url = await throwawayDatabase();
    const dir = await migrationsDir({ '20250101000000_a': 'CREATE TABLE t (x int);' });
    await applyMigrations(url, dir);

    await writeFile(path.join(dir, '20250101000000_a', 'migration.sql'), 'CREATE TABLE t (y int);');
    await mkdir(path.join(dir, '20250101000001_b'));
    await writeFile(path.join(dir, '20250101000001_b', 'migration.sql'), 'CREATE TABLE u (x int);');

    await expect(applyMigrations(url, dir)).rejects.toThrow(/Checksum mismatch.*20250101000000_a/);
    const u = await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'u'`);
    expect(u).toEqual([]);
  });

  it('rolls a failing migration back entirely and records nothing, so a fixed one can run', async () => {
    const url = await throwawayDatabase();
    const dir = await migrationsDir({
      '20250101000000_bad': 'CREATE TABLE t (x int); INSERT INTO missing VALUES (1);',
    });

    await expect(applyMigrations(url, dir)).rejects.toThrow(
      /20250101000000_bad failed and was rolled back/,
    );
    expect(
      await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 't'`),
    ).toEqual([]);
    expect(await query(url, 'SELECT * FROM "_prisma_migrations"')).toEqual([]);

    await writeFile(
      path.join(dir, '20250101000000_bad', 'migration.sql'),
      'CREATE TABLE t (x int);',
    );
    expect(await applyMigrations(url, dir)).toEqual(['20250101000000_bad']);
  });
});

describe('db:migrate:new', () => {
  it('finds nothing to add: every schema.prisma change has a committed migration', async () => {
    const plan = await planMigration({ name: 'drift_check', serverUrl: SERVER_URL });
    expect(
      plan.sql,
      `schema.prisma is ahead of prisma/migrations; run npm run db:migrate:new -- NAME`,
    ).toBeNull();
  });

  it('writes the SQL for a schema change, named with a UTC timestamp', async () => {
    const schema = await readFile(path.join(process.cwd(), 'prisma', 'schema.prisma'), 'utf8');
    const dir = await migrationsDir({});
    const schemaPath = path.join(dir, 'schema.prisma');
    await writeFile(schemaPath, `${schema}\nmodel DriftProbe {\n  id Int @id\n}\n`);

    const plan = await planMigration({ name: 'Add probe', serverUrl: SERVER_URL, schemaPath });

    expect(plan.name).toMatch(/^\d{14}_add_probe$/);
    expect(plan.sql).toContain('CREATE TABLE "DriftProbe"');
    expect(plan.sql).not.toContain('CREATE TABLE "Conversation"');
  });

  it('replays migrations whose comments, strings and function bodies hold semicolons and quotes', async () => {
    const dir = await migrationsDir({});
    await cp(REPO_MIGRATIONS, dir, { recursive: true });
    await mkdir(path.join(dir, '29991231000000_tricky'));
    await writeFile(
      path.join(dir, '29991231000000_tricky', 'migration.sql'),
      [
        "-- The shop's words stay as they are; queries match by prefix.",
        "/* A block comment; with 'quotes' and -- dashes */",
        "CREATE FUNCTION probe() RETURNS text LANGUAGE sql AS $$ SELECT 'a;b' $$;",
        "SELECT 'it''s; fine' AS \"semi;colon\", probe(); -- trailing; comment",
        'DROP FUNCTION probe();',
      ].join('\n'),
    );

    const plan = await planMigration({ name: 'tricky', serverUrl: SERVER_URL, migrationsDir: dir });

    expect(plan.sql).toBeNull();
  });

  it('reports the database error of a migration that fails to replay', async () => {
    const dir = await migrationsDir({
      '20250101000000_bad': 'CREATE TABLE t (x int);\nINSERT INTO missing VALUES (1);',
    });
    await cp(
      path.join(REPO_MIGRATIONS, 'migration_lock.toml'),
      path.join(dir, 'migration_lock.toml'),
    );

    await expect(
      planMigration({ name: 'bad', serverUrl: SERVER_URL, migrationsDir: dir }),
    ).rejects.toThrow(/20250101000000_bad[\s\S]*No such table: missing/);
  });
});
