import { describe, expect, it } from 'vitest';
import { preprocess } from '@/lib/nlp';
import {
  buildFeatureSpace,
  DEFAULT_FEATURE_CONFIG,
  termCounts,
  unknownShares,
  vectorize,
} from '@/lib/nlp/features';

describe('feature vectors', () => {
  it('counts the radicals of Chinese characters as terms of their own', () => {
    const counts = termCounts(preprocess('饺子饭', 'zh'), DEFAULT_FEATURE_CONFIG);
    expect(counts.get('r:食')).toBe(2);
    expect(counts.get('r:子')).toBe(1);
  });

  it('reads Chinese words between the start and the end of the message', () => {
    const counts = termCounts(preprocess('播放音乐', 'zh'), DEFAULT_FEATURE_CONFIG);
    expect(counts.get('w:<s> 播放')).toBe(1);
    expect(counts.get('w:音乐 </s>')).toBe(1);
    expect(
      termCounts(preprocess('play music', 'en'), DEFAULT_FEATURE_CONFIG).has('w:<s> play'),
    ).toBe(false);
    // The edges are no words: a message of unseen words is still all unknown.
    const space = buildFeatureSpace([counts, counts], DEFAULT_FEATURE_CONFIG);
    const unseen = termCounts(preprocess('天气', 'zh'), DEFAULT_FEATURE_CONFIG);
    expect(unknownShares(space, unseen).unknownWords).toBe(1);
  });

  it('normalizes each block to its weight, wherever its columns sort', () => {
    const config = { ...DEFAULT_FEATURE_CONFIG, minDocumentFrequency: 1, radicalWeight: 0.5 };
    // "e:" (entity) columns sort between the character and the radical columns.
    const counts = new Map([
      ['c:ab', 2],
      ['c:bc', 1],
      ['e:money', 1],
      ['r:食', 3],
      ['r:水', 1],
      ['w:refund', 1],
    ]);
    const space = buildFeatureSpace([counts, new Map([['w:other', 1]])], config);
    const vector = vectorize(space, counts);
    const norm = (prefix: string[]) =>
      Math.sqrt(
        Array.from(vector.indices).reduce((sum, column, i) => {
          const term = space.terms[column];
          return prefix.some((p) => term.startsWith(p)) ? sum + vector.values[i] ** 2 : sum;
        }, 0),
      );
    expect(norm(['c:'])).toBeCloseTo(config.charWeight, 5);
    expect(norm(['r:'])).toBeCloseTo(0.5, 5);
    expect(norm(['e:', 'w:'])).toBeCloseTo(config.wordWeight, 5);
  });
});
