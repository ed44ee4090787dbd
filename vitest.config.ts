import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest's default (a worker per core but one) is a single worker on the 2-core CI machine. Files
    // mostly wait on their servers, browsers and Postgres, and no two share a database: two at once
    // took tests/integration from 378 to 298 s (load 6-8; vitest --maxWorkers=1 vs 2); tests/e2e
    // passed whole two at once in 252 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Servers and in-process tests run without the built-in sentence encoder unless a test asks for
    // it (ai-sentence-encoder, npm-start): each end-to-end server trains the demo shops at start, and
    // with the encoder that is ~10 s more CPU per server on a 2-core machine running two files at
    // once (a widget test timed out waiting for the inbox in a CI run).
    env: { EMBEDDING_MODEL: 'tests/sparse-only' },
    // Also a JSON report, from which CI lists every failure last (scripts/test-failures.ts).
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
