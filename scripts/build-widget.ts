// Bundles the widget: the loader (widget/loader.ts → public/widget.js) that every page of a site
// loads, and the chat inside its iframe (widget/chat.tsx → public/widget/chat.js, chat.css), loaded
// only when a visitor shows intent. `npm run build` runs it first; either over budget fails it.
import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import tailwind from '@tailwindcss/postcss';
import { build } from 'esbuild';
import postcss from 'postcss';

const LOADER = 'public/widget.js';
const CHAT_SCRIPT = 'public/widget/chat.js';
const CHAT_STYLESHEET = 'public/widget/chat.css';
// The loader runs on every page of every customer's site: it has to stay tiny.
const MAX_LOADER_GZIPPED_BYTES = 6 * 1024;
// Opening the chat may cost 80 KB in all (README, "Widget weight"); the page, the session and
// socket.io's handshake take the rest.
const MAX_CHAT_GZIPPED_BYTES = 56 * 1024;

await build({
  entryPoints: ['widget/loader.ts'],
  outfile: LOADER,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2019'],
  legalComments: 'none',
  logLevel: 'warning',
});

// The components are written against React's API; Preact's compat layer runs them at a tenth of
// React DOM's size.
const chat = await build({
  entryPoints: ['widget/chat.tsx'],
  outfile: CHAT_SCRIPT,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  jsx: 'automatic',
  alias: {
    react: 'preact/compat',
    'react-dom': 'preact/compat',
    'react-dom/client': 'preact/compat/client',
    'react/jsx-runtime': 'preact/jsx-runtime',
  },
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
// The server validates every input; the client imports types only from lib/schemas.
const zodFiles = Object.entries(chat.metafile.outputs[CHAT_SCRIPT].inputs)
  .filter(([file, { bytesInOutput }]) => file.includes('node_modules/zod/') && bytesInOutput > 0)
  .map(([file]) => file);
if (zodFiles.length) fail(`The chat bundle must not include zod (pulled in: ${zodFiles[0]}).`);

mkdirSync('public/widget', { recursive: true });
const css = await postcss([tailwind({ optimize: { minify: true } })]).process(
  readFileSync('widget/chat.css', 'utf8'),
  { from: 'widget/chat.css', to: CHAT_STYLESHEET },
);
writeFileSync(CHAT_STYLESHEET, css.css);

const loaderBytes = gzippedSize(LOADER);
const chatBytes = gzippedSize(CHAT_SCRIPT) + gzippedSize(CHAT_STYLESHEET);
console.log(
  `${LOADER}: ${kb(loaderBytes)} KB gzipped; ${CHAT_SCRIPT} + ${CHAT_STYLESHEET}: ${kb(chatBytes)} KB gzipped`,
);
if (loaderBytes > MAX_LOADER_GZIPPED_BYTES) {
  fail(`The widget loader must stay under ${kb(MAX_LOADER_GZIPPED_BYTES)} KB gzipped.`);
}
if (chatBytes > MAX_CHAT_GZIPPED_BYTES) {
  fail(
    `The chat's script and stylesheet must stay under ${kb(MAX_CHAT_GZIPPED_BYTES)} KB gzipped.`,
  );
}

function gzippedSize(file: string): number {
  return gzipSync(readFileSync(file)).length;
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(2);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
