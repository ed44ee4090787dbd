// Bundles the widget loader (widget/loader.ts) into public/widget.js; `npm run build` runs it first.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const OUTFILE = 'public/widget.js';
// The loader runs on every page of every customer's site: it has to stay tiny.
const MAX_GZIPPED_BYTES = 6 * 1024;

await build({
  entryPoints: ['widget/loader.ts'],
  outfile: OUTFILE,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2019'],
  legalComments: 'none',
  logLevel: 'warning',
});

const gzipped = gzipSync(readFileSync(OUTFILE)).length;
console.log(`${OUTFILE}: ${(gzipped / 1024).toFixed(2)} KB gzipped`);
if (gzipped > MAX_GZIPPED_BYTES) {
  console.error(`The widget loader must stay under ${MAX_GZIPPED_BYTES / 1024} KB gzipped.`);
  process.exit(1);
}
