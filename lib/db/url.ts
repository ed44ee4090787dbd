/** The same Postgres server, another database (throwaway databases for tests, benchmarks, migration diffs). */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * The deployment this server is a node of, named by its database (which all its nodes share). The
 * Redis keys and channels of a deployment carry it, so two deployments (or two test servers) on one
 * Redis never share rooms, presence or limits.
 */
export function deploymentName(url = process.env.DATABASE_URL): string {
  if (!url) return 'hearth';
  const { hostname, port, pathname } = new URL(url);
  return `hearth:${hostname}:${port || '5432'}${pathname}`;
}
