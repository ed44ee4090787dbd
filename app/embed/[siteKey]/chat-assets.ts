import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Where the chat's bundle and stylesheet are served from (scripts/build-widget.ts writes them). */
const CHAT_ASSETS = { script: '/widget/chat.js', stylesheet: '/widget/chat.css' };

let versioned: typeof CHAT_ASSETS | undefined;

/**
 * The assets' URLs with a content hash, read once per process: a new build gets new URLs, so a
 * browser never mixes a cached old bundle with a new page.
 */
export function chatAssetUrls(): typeof CHAT_ASSETS {
  versioned ??= {
    script: withVersion(CHAT_ASSETS.script),
    stylesheet: withVersion(CHAT_ASSETS.stylesheet),
  };
  return versioned;
}

function withVersion(url: string): string {
  const file = readFileSync(path.join(process.cwd(), 'public', url));
  return `${url}?v=${createHash('sha256').update(file).digest('hex').slice(0, 12)}`;
}
