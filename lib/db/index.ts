// Front door for app code. Start-up (embedded Postgres, migrations, seed) lives in ./start and is
// imported only by server.ts, so Next.js never bundles it.
export { db, disconnectDatabase, poolSize, preparedQuery } from './client';
export { siteCache, watchSiteChanges, type SiteCache } from './site-changes';
export * from './generated/client';
