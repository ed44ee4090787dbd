import pg from 'pg';
import { startEmbeddedPostgres } from './embedded';
import { applyMigrations } from './migrate';

export interface Database {
  url: string;
  embedded: boolean;
  /** Migrations applied by this start. */
  applied: string[];
  stop(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded Postgres when it is unset, then applies
 * pending migrations. Fails fast, with a message a person can act on, when the server is unreachable.
 */
export async function startDatabase(options: {
  url?: string;
  dataDir: string;
  embeddedPort: number;
}): Promise<Database> {
  const embedded = options.url
    ? undefined
    : await startEmbeddedPostgres(options.dataDir, options.embeddedPort);
  const url = options.url ?? embedded!.url;
  await checkReachable(url);
  const applied = await applyMigrations(url);
  return { url, embedded: Boolean(embedded), applied, stop: async () => embedded?.stop() };
}

async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    const where = new URL(url);
    throw new Error(
      `Cannot reach Postgres at ${where.hostname}:${where.port || 5432}/${where.pathname.slice(1)}: ` +
        `${(error as Error).message}. Check DATABASE_URL, or unset it to use the embedded database.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
