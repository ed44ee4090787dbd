// `npm run admin:reset-password -- EMAIL`: a lost password's way back in, for whoever runs the server.
import pg from 'pg';
import { resetPassword } from '@/lib/auth';
import { config } from '@/lib/config';
import { disconnectDatabase } from '@/lib/db';
import { embeddedDatabaseUrl } from '@/lib/db/embedded';
import { startDatabase } from '@/lib/db/start';

async function main(): Promise<void> {
  const email = process.argv[2];
  if (!email) {
    console.error('Usage: npm run admin:reset-password -- EMAIL');
    process.exit(2);
  }
  const settings = config();
  let stopDatabase = async () => {};
  if (settings.DATABASE_URL) {
    process.env.DATABASE_URL = settings.DATABASE_URL;
  } else {
    // The running server's embedded Postgres, else start it for the moment (never a second one).
    const running = embeddedDatabaseUrl(settings.EMBEDDED_POSTGRES_PORT);
    if (await reachable(running)) {
      process.env.DATABASE_URL = running;
    } else {
      const database = await startDatabase({
        dataDir: settings.dataDir,
        embeddedPort: settings.EMBEDDED_POSTGRES_PORT,
      });
      process.env.DATABASE_URL = database.url;
      stopDatabase = database.stop;
    }
  }
  try {
    const { password } = await resetPassword({ email });
    console.log(`\n  New password for ${email.trim().toLowerCase()}: ${password}`);
    console.log(
      '  Every session of the account has ended. Change it under Account after signing in.\n',
    );
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  } finally {
    await disconnectDatabase();
    await stopDatabase();
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

await main();
