import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';

interface Database {
  prisma: PrismaClient;
  /** The connections Prisma uses, shared with the message path's prepared statements. */
  pool: pg.Pool;
}

const globalForPrisma = globalThis as unknown as { hearthDatabase?: Database };

/**
 * Prisma gives an interactive transaction 2 s to get a connection and 5 s to finish. On a loaded
 * 2-core server both ran out: the demo seed failed start-up, and indexing the articles at a site's
 * first question under 300 messages/s failed that visitor's reply ("Unable to start a transaction
 * in the given time"). Waiting longer is what a busy server should do.
 */
const BUSY_SERVER_TRANSACTIONS = { maxWait: 15_000, timeout: 60_000 };

/**
 * The one database of the process (Prisma client and its pool). It lives on globalThis because the
 * custom server and the code Next.js bundles are separate module graphs in the same process; both
 * must share one pool.
 */
function database(): Database {
  if (!globalForPrisma.hearthDatabase) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString)
      throw new Error('DATABASE_URL is not set: start the app through server.ts');
    const pool = new pg.Pool({ connectionString, max: poolSize() });
    globalForPrisma.hearthDatabase = {
      pool,
      prisma: new PrismaClient({
        adapter: new PrismaPg(pool, { disposeExternalPool: true }),
        transactionOptions: BUSY_SERVER_TRANSACTIONS,
      }),
    };
  }
  return globalForPrisma.hearthDatabase;
}

export function db(): PrismaClient {
  return database().prisma;
}

/** Connections in the pool (DATABASE_POOL_SIZE; 10 measured best on two cores, see README). */
export function poolSize(): number {
  return Number(process.env.DATABASE_POOL_SIZE ?? 10);
}

export async function disconnectDatabase(): Promise<void> {
  await globalForPrisma.hearthDatabase?.prisma.$disconnect();
  globalForPrisma.hearthDatabase = undefined;
}

const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;
/** Columns are UTC `timestamp`s (Prisma's mapping), whatever the server's time zone. */
const utcTimestamps = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_WITHOUT_TIME_ZONE
      ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * A statement of the message path, prepared once per connection under `name` so Postgres plans it
 * once instead of for every message (the statement storing a message: 0.75 → 0.31 ms of Postgres
 * CPU each, and no trip through Prisma's query machinery). Errors are pg's (`code` is SQLSTATE).
 */
export async function preparedQuery<Row>(
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const result = await database().pool.query({ name, text, values, types: utcTimestamps });
  return result.rows as Row[];
}
