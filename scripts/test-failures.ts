// npx tsx scripts/test-failures.ts [FILE]: every failed test of the last run, one line each, file by
// file, from vitest's JSON report (test-results/vitest.json). CI prints it last: a long failure
// output is read from its end, where the first failure of a file (the one that explains the rest)
// has scrolled away.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const ReportSchema = z.object({
  testResults: z.array(
    z.object({
      name: z.string(),
      message: z.string().optional(),
      assertionResults: z.array(
        z.object({
          fullName: z.string(),
          status: z.string(),
          failureMessages: z.array(z.string()).optional(),
        }),
      ),
    }),
  ),
});

const file = process.argv[2] ?? 'test-results/vitest.json';
const report = ReportSchema.parse(JSON.parse(await readFile(file, 'utf8')));
/** A message's first line, without the terminal colours vitest puts in it. */
function firstLine(text = ''): string {
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '').trim();
  return plain.split('\n')[0].slice(0, 300);
}
const lines = report.testResults.flatMap(({ name, message, assertionResults }) => {
  const where = path.relative(process.cwd(), name);
  const failed = assertionResults
    .filter((result) => result.status === 'failed')
    .map((result) => `✗ ${where} › ${result.fullName}: ${firstLine(result.failureMessages?.[0])}`);
  // A file can fail outside its tests (a hook, an import): vitest says so at the file's level.
  return failed.length || !message ? failed : [`✗ ${where}: ${firstLine(message)}`];
});
console.log(`\n${lines.length} failed:\n${lines.join('\n')}`);
