import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import pg from 'pg';

// Same lock key as Prisma's schema engine, so this also excludes a concurrent `prisma migrate deploy`.
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

// Prisma's own DDL for its history table: `prisma migrate status|deploy` can read what we write.
const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

type LocalMigration = { name: string; script: string; checksum: string };
type HistoryRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Prisma accepts a checksum of the file as written or with CRLF line endings normalised. */
function checksumMatches(migration: LocalMigration, recorded: string): boolean {
  return (
    recorded === migration.checksum || recorded === sha256(migration.script.replace(/\r\n/g, '\n'))
  );
}

async function readLocalMigrations(migrationsDir: string): Promise<LocalMigration[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      const script = await readFile(file, 'utf8').catch(() => {
        throw new Error(`Migration ${name} has no migration.sql (${file})`);
      });
      return { name, script, checksum: sha256(script) };
    }),
  );
}

/** Refuses to proceed when the recorded history can't be trusted; returns names already applied. */
function checkHistory(local: LocalMigration[], rows: HistoryRow[]): Set<string> {
  const live = rows.filter((r) => r.rolled_back_at === null);
  const failed = live.filter((r) => r.finished_at === null).map((r) => r.migration_name);
  if (failed.length > 0) {
    throw new Error(
      `Migration(s) ${failed.join(', ')} failed earlier and left the database in an unknown state. ` +
        'Fix the database by hand, then mark them rolled back (`prisma migrate resolve --rolled-back NAME`).',
    );
  }
  const byName = new Map(local.map((m) => [m.name, m]));
  const edited = live.filter((r) => {
    const migration = byName.get(r.migration_name);
    return migration !== undefined && !checksumMatches(migration, r.checksum);
  });
  if (edited.length > 0) {
    const names = edited.map((r) => r.migration_name).join(', ');
    throw new Error(
      `Checksum mismatch: applied migration(s) ${names} changed on disk since they were applied. ` +
        'Restore the original migration.sql and put the change in a new migration (npm run db:migrate:new -- NAME).',
    );
  }
  return new Set(live.map((r) => r.migration_name));
}

async function applyOne(client: pg.Client, migration: LocalMigration): Promise<void> {
  await client.query('BEGIN');
  try {
    const id = randomUUID();
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.script);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`, {
      cause: error,
    });
  }
}

/**
 * Applies pending migrations from `prisma/migrations` in name order, each in its own transaction,
 * recording them in `_prisma_migrations` exactly like `prisma migrate deploy`. Safe to call from
 * several processes at once. Returns the names it applied (empty when up to date).
 */
export async function applyMigrations(
  connectionString: string,
  migrationsDir: string = path.join(process.cwd(), 'prisma', 'migrations'),
): Promise<string[]> {
  const local = await readLocalMigrations(migrationsDir);
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    const url = new URL(connectionString);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Cannot connect to Postgres at ${url.host}${url.pathname} to migrate: ${reason}`,
      {
        cause: error,
      },
    );
  }
  try {
    // Session lock: waits for another process mid-migration, then sees its rows and skips them.
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    await client.query(CREATE_HISTORY_TABLE);
    const { rows } = await client.query<HistoryRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at
       FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const applied = checkHistory(local, rows);
    const pending = local.filter((m) => !applied.has(m.name));
    for (const migration of pending) await applyOne(client, migration);
    return pending.map((m) => m.name);
  } finally {
    // Ending the session also releases the advisory lock.
    await client.end();
  }
}
