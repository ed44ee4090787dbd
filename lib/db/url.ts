/** The same Postgres server, another database (throwaway databases for tests, benchmarks, migration diffs). */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
