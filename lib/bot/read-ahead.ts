import {
  embeddingModelReads,
  embedTexts,
  MESSAGE_ENCODING_MAX_WAIT_MS,
  readyEmbeddingModelKey,
} from '@/lib/ai';
import type { SiteLanguage } from '@/lib/schemas/site';

/**
 * Encodes a visitor's message as soon as it is stored, before its turn takes one of the few turn
 * slots (the turn waits for this first): the encoder batches the messages arriving together, and
 * the turn finds the vector ready. Encoded inside the turn, each turn held its slot for a whole
 * batch (90 ms p50 under load), which capped the bot at about 70 turns a second
 * (bench:realtime --distinct-texts).
 */
export async function readAhead(message: string, language: SiteLanguage): Promise<void> {
  const model = readyEmbeddingModelKey();
  if (!model || !embeddingModelReads(model, language)) return;
  // Refused when busy: the turn then asks again, and is read without the encoder if still busy.
  await embedTexts([message], { maxWaitMs: MESSAGE_ENCODING_MAX_WAIT_MS }).catch(() => {});
}
