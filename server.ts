// The one process: database, Next.js and socket.io on one port.
import { createServer } from 'node:http';
import next from 'next';
import { describeModels, startModels, stopModels } from '@/lib/ai';
import { stampPeer } from '@/lib/auth/proxies';
import { config } from '@/lib/config';
import { db, disconnectDatabase } from '@/lib/db';
import { seedDemo } from '@/lib/db/seed';
import { startDatabase } from '@/lib/db/start';
import { stageTimings } from '@/lib/conversations/stage-timings';
import { startJobRunner } from '@/lib/jobs';
import { attachRealtime } from '@/lib/realtime';
import { retentionJob } from '@/lib/retention';
import { fanOutWebhookEventJob, pruneDeliveriesJob, webhookDeliveryJob } from '@/lib/webhooks';
import { startTrainingRun, stopLiveClassifiers, stopTrainingRuns } from '@/lib/training';

/**
 * How long a shutdown lets HTTP requests in flight finish before it closes every connection
 * (HTTP_DRAIN_MS shortens it for the shutdown test, which waits it out).
 */
const HTTP_DRAIN_MS = Number(process.env.HTTP_DRAIN_MS || 5_000);

async function main(): Promise<void> {
  const startedAt = performance.now();
  const settings = config();
  const dev = settings.NODE_ENV === 'development';

  const database = await startDatabase({
    url: settings.DATABASE_URL,
    dataDir: settings.dataDir,
    embeddedPort: settings.EMBEDDED_POSTGRES_PORT,
  });
  // Code that Next.js bundles reads the database from here.
  process.env.DATABASE_URL = database.url;
  if (database.applied.length) console.log(`Applied migrations: ${database.applied.join(', ')}`);

  const seed = await seedDemo(db(), {
    adminEmail: settings.ADMIN_EMAIL,
    adminPassword: settings.ADMIN_PASSWORD,
    publicUrl: settings.PUBLIC_URL,
  });
  // The demo bots need models: train the starter intents now (seconds each, in worker threads).
  for (const siteId of seed.siteIds) await startTrainingRun({ siteId, activateWhenDone: true });
  if (seed.generatedPassword) {
    console.log(`\n  Admin account: ${settings.ADMIN_EMAIL} / ${seed.generatedPassword}`);
    console.log('  (shown once; set ADMIN_PASSWORD to choose it)\n');
  }

  const app = next({ dev, hostname: 'localhost', port: settings.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const httpServer = createServer((request, response) => {
    // The TCP peer, for per-IP limits; X-Forwarded-* only survive from a TRUSTED_PROXIES peer.
    stampPeer(request.headers, request.socket.remoteAddress);
    void handle(request, response);
  });
  const realtime = await attachRealtime(httpServer);
  const jobs = startJobRunner([
    fanOutWebhookEventJob,
    webhookDeliveryJob(),
    pruneDeliveriesJob,
    retentionJob,
  ]);
  // Models load in the background; until they are ready the bot uses its fallbacks.
  await startModels();

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject).listen(settings.PORT, settings.HOST, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : settings.PORT;
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(
    `Ready on http://localhost:${port} in ${seconds}s (${dev ? 'development' : 'production'}, ` +
      `${database.embedded ? 'embedded Postgres in ' + settings.dataDir : 'external Postgres'})`,
  );
  void describeModels().then((lines) => lines.forEach((line) => console.log(`  ${line}`)));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const forced = setTimeout(() => process.exit(1), 15_000).unref();
    // Stop accepting, let in-flight requests and socket acks finish, then close the database.
    const httpClosed = new Promise((resolve) => httpServer.close(resolve));
    // A connection a browser opened and has not used yet (most likely Chromium's preconnect) counts
    // as busy until its headers time out, a minute: with a visitor's page open the shutdown waited
    // for the forced exit. Requests in flight get a few seconds, then every connection is closed.
    const stragglers = setTimeout(() => httpServer.closeAllConnections(), HTTP_DRAIN_MS).unref();
    await realtime.close();
    // Deliveries in flight get a few seconds; the rest are given back to the queue.
    await jobs.stop(5_000);
    // Before the models and the database they use: a run cut short is seen as interrupted.
    await stopTrainingRuns();
    await stopModels();
    httpServer.closeIdleConnections();
    await httpClosed;
    await app.close?.();
    await stopLiveClassifiers();
    const timings = stageTimings();
    if (timings) console.log(`Stage timings (ms): ${JSON.stringify(timings)}`);
    await disconnectDatabase();
    await database.stop();
    clearTimeout(stragglers);
    clearTimeout(forced);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: Error) => {
  console.error(`\nStart-up failed: ${error.message}\n`);
  process.exit(1);
});
