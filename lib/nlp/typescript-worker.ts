import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';

const TsxPackage = z.object({
  exports: z.object({ './esm/api': z.object({ import: z.object({ default: z.string() }) }) }),
});

/** The ESM build of tsx's API (its CommonJS build cannot register hooks inside a worker). */
function tsxApiUrl(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = TsxPackage.parse(JSON.parse(readFileSync(packageJson, 'utf8')));
  return new URL(exports['./esm/api'].import.default, `file://${packageJson}`).href;
}

/**
 * Starts a worker thread on a TypeScript entry, compiled by tsx inside the worker. Node 20 ignores
 * `--import tsx` in a worker's execArgv, so a small JavaScript bootstrap loads it through tsx's API;
 * this works the same under `node --import tsx`, vitest and plain node.
 */
export function startTypeScriptWorker(entry: URL, workerData: unknown): Worker {
  const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then(({ tsImport }) => tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}));`;
  return new Worker(bootstrap, { eval: true, workerData });
}
