import { embedTexts, type EncodeOptions } from '@/lib/ai';
import type { EmbedTexts, IntentClassifier } from '@/lib/nlp';

/**
 * The sentence embeddings a classifier trained with them needs, from the installed model; undefined
 * for a classifier trained without. Fails when the installed model is not the one it was trained with.
 */
export function liveEmbeddings(
  classifier: IntentClassifier,
  options?: EncodeOptions,
): EmbedTexts | undefined {
  if (!classifier.embeddingModel) return undefined;
  return async (texts) => {
    const embedded = await embedTexts(texts, options);
    if (embedded?.model !== classifier.embeddingModel) {
      throw new Error(`the classifier needs embeddings from ${classifier.embeddingModel}`);
    }
    return embedded.vectors;
  };
}
