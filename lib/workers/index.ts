import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';

const TsxPackage = z.object({
  exports: z.object({ './esm/api': z.object({ import: z.object({ default: z.string() }) }) }),
});

/**
 * Paths are resolved from the repository root (the server's working directory), never through
 * `import.meta.url` or `require.resolve`: Next.js rewrites those in the code it bundles, and route
 * handlers start workers too.
 */
function fromRoot(relativePath: string): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), relativePath);
}

/** The ESM build of tsx's API (its CommonJS build cannot register hooks inside a worker). */
function tsxApiUrl(): string {
  const packageDir = fromRoot('node_modules/tsx');
  const manifest = TsxPackage.parse(
    JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')),
  );
  return pathToFileURL(path.join(packageDir, manifest.exports['./esm/api'].import.default)).href;
}

/**
 * Starts a worker thread on a TypeScript entry given relative to the repository root (e.g.
 * 'lib/nlp/train-worker.ts'), compiled by tsx inside the worker. Node 20 ignores `--import tsx` in a
 * worker's execArgv, so a small JavaScript bootstrap loads the entry through tsx's API; this works the
 * same under `node --import tsx`, vitest, and inside Next.js route handlers.
 */
export function startTypeScriptWorker(entry: string, workerData: unknown): Worker {
  const entryUrl = pathToFileURL(fromRoot(entry)).href;
  const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then(({ tsImport }) => tsImport(${JSON.stringify(entryUrl)}, ${JSON.stringify(entryUrl)}));`;
  return new Worker(bootstrap, { eval: true, workerData });
}
