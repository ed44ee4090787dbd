import { describe, expect, it } from 'vitest';
import { embeddingModelReads, SENTENCE_ENCODER_ID } from '@/lib/ai';

describe('which languages the embedding model reads', () => {
  const builtIn = `${SENTENCE_ENCODER_ID}@fp32`;

  it('reads English, and Chinese through its English glosses, with the built-in encoder', () => {
    expect(embeddingModelReads(builtIn, 'en')).toBe(true);
    expect(embeddingModelReads(builtIn, 'zh')).toBe(true);
    expect(embeddingModelReads(builtIn, 'fr')).toBe(false);
  });

  it('trusts any other model with every language', () => {
    expect(embeddingModelReads('Xenova/multilingual-e5-small@q8', 'fr')).toBe(true);
  });
});
