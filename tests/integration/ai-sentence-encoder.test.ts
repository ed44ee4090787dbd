import { describe, expect, it } from 'vitest';
import { loadSentenceEncoder, pieceIds } from '@/lib/ai/sentence-encoder';

const dot = (a: Float32Array, b: Float32Array) =>
  a.reduce((sum, value, i) => sum + value * b[i], 0);

describe('the built-in sentence encoder', () => {
  it('segments text into the best-scoring pieces, unknown characters as one piece', () => {
    const pieces = new Map([
      ['\u2581re', { id: 10, score: -5 }],
      ['turn', { id: 11, score: -6 }],
      ['\u2581return', { id: 12, score: -8 }],
      ['\u2581', { id: 13, score: -3 }],
      ['s', { id: 14, score: -2 }],
    ]);
    // One piece for "▁return" (-8) beats "▁re" + "turn" (-11).
    expect(pieceIds('return', pieces, 7)).toEqual([12]);
    expect(pieceIds('returns', pieces, 7)).toEqual([12, 14]);
    // "ßß" is not in the vocabulary: one unknown piece (id 0) between two known ones.
    expect(pieceIds('return ßß s', pieces, 7)).toEqual([12, 13, 0, 13, 14]);
  });

  it('installs with the packages and reads meaning: paraphrases are closer than other topics', async () => {
    const encoder = await loadSentenceEncoder();
    try {
      const [returnOrder, sendBack, openingHours] = await encoder.encode([
        'How do I return my order?',
        'Can I send back the things I bought?',
        'What are your opening hours?',
      ]);
      expect(returnOrder).toHaveLength(512);
      expect(dot(returnOrder, returnOrder)).toBeCloseTo(1, 5);
      expect(dot(returnOrder, sendBack)).toBeGreaterThan(dot(returnOrder, openingHours) + 0.15);
      // The same text in a batch or alone gives the same vector.
      const [alone] = await encoder.encode(['Can I send back the things I bought?']);
      expect(dot(alone, sendBack)).toBeCloseTo(1, 4);
    } finally {
      encoder.dispose();
    }
  });
});
