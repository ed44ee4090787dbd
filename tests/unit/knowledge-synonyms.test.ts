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

  it('reads a place the articles do not name as the country or union they name that holds it', async () => {
    const vocabulary = new Map([
      ['canada', [stemOf('canada')]],
      ['european_union', [stemOf('european'), stemOf('union')]],
      ['united_kingdom', [stemOf('united'), stemOf('kingdom')]],
      ['pacific', [stemOf('pacific')]],
    ]);
    const synonyms = await articleSynonyms(vocabulary, stemOf);
    // A city in a province of Canada, a member of the union, a city in a country of the kingdom.
    expect(synonyms.get(stemOf('toronto'))).toEqual([stemOf('canada')]);
    expect(synonyms.get(stemOf('germany'))).toEqual([stemOf('european'), stemOf('union')]);
    // London is in the kingdom, which WordNet (2006) still counts in the union.
    expect(synonyms.get(stemOf('london'))).toEqual(
      expect.arrayContaining([stemOf('united'), stemOf('kingdom')]),
    );
    // Place names that are also everyday words, and two-letter abbreviations, stay themselves.
    for (const word of ['bath', 'nice', 'reading', 'ab', 'me']) {
      expect(synonyms.get(stemOf(word) ?? word)).toBeUndefined();
    }
    // Only places hold places: the ocean in "Pacific time" does not take in its islands.
    expect(synonyms.get(stemOf('fiji'))).toBeUndefined();
  });

  it('has no synonyms without the WordNet files', async () => {
    expect((await wordnetSynonyms(['warranty'], '/nonexistent')).size).toBe(0);
  });
});
