import { describe, expect, it } from 'vitest';
import {
  articleSynonyms,
  baseForms,
  withSynonyms,
  wordnetSynonyms,
} from '@/lib/knowledge/synonyms';
import { retrievalTerms } from '@/lib/knowledge/terms';

const stemOf = (word: string) => retrievalTerms(word, 'en')[0];

describe('WordNet synonyms of the articles words', () => {
  it('finds the dictionary form of inflected words', () => {
    expect(baseForms('refunds')).toContain('refund');
    expect(baseForms('charged')).toContain('charge');
    expect(baseForms('shipping')).toContain('ship');
    expect(baseForms('gas')).toEqual(['gas']);
  });

  it('reads one-word lemmas of the commonest meanings', async () => {
    const synonyms = await wordnetSynonyms(['warranty', 'photo', 'pictures']);
    expect([...(synonyms.get('warranty') ?? [])]).toContain('guarantee');
    expect([...(synonyms.get('photo') ?? [])]).toEqual(
      expect.arrayContaining(['photograph', 'picture']),
    );
    // A word is not its own synonym, in any of its forms.
    expect(synonyms.get('pictures')?.has('picture')).toBe(false);
  });

  it('maps a visitor word the articles never use to the article word it means', async () => {
    const vocabulary = new Map([
      ['warranty', [stemOf('warranty')]],
      ['photo', [stemOf('photo')]],
      ['united_kingdom', [stemOf('united'), stemOf('kingdom')]],
    ]);
    const synonyms = await articleSynonyms(vocabulary, stemOf);
    expect(synonyms.get(stemOf('guarantee'))).toEqual([stemOf('warranty')]);
    expect(synonyms.get(stemOf('pictures'))).toEqual([stemOf('photo')]);
    expect(withSynonyms(retrievalTerms('lighting guarantee', 'en'), synonyms)).toEqual([
      stemOf('lighting'),
      stemOf('warranty'),
    ]);
    expect(synonyms.get('uk')).toEqual([stemOf('united'), stemOf('kingdom')]);
    // Words the articles use are kept as they are.
    expect(withSynonyms([stemOf('warranty')], synonyms)).toEqual([stemOf('warranty')]);
  });

  it('has no synonyms without the WordNet files', async () => {
    expect((await wordnetSynonyms(['warranty'], '/nonexistent')).size).toBe(0);
  });
});
