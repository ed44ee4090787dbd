import { describe, expect, it } from 'vitest';
import { confusedIntentPairs, similarExamplesAcrossIntents } from '@/lib/nlp/intent-overlap';

describe('confused intents', () => {
  const confusion = (matrix: number[][]) => ({
    confusion: { labels: ['order_status', 'returns', 'track_order', 'oos'], matrix },
  });

  it('flags an intent read mostly as another, and two read as each other both ways', () => {
    const pairs = confusedIntentPairs(
      confusion([
        [12, 0, 5, 0], // order_status: 29% as track_order
        [0, 10, 0, 0],
        [8, 0, 2, 0], // track_order: 80% as order_status
        [0, 0, 0, 9],
      ]),
    );
    expect(pairs).toEqual([
      { intents: ['order_status', 'track_order'], firstAsSecond: 5 / 17, secondAsFirst: 0.8 },
    ]);
    const bothWays = confusedIntentPairs(
      confusion([
        [7, 3, 0, 0],
        [3, 7, 0, 0],
        [0, 0, 10, 0],
        [0, 0, 0, 9],
      ]),
    );
    expect(bothWays.map((pair) => pair.intents)).toEqual([['order_status', 'returns']]);
  });

  it('leaves one-way slips, tiny intents and out of scope alone', () => {
    const pairs = confusedIntentPairs(
      confusion([
        [13, 4, 0, 3], // 20% one way only, and to oos
        [0, 10, 0, 0],
        [0, 0, 0, 2], // two held-out examples: too few to judge
        [0, 0, 0, 9],
      ]),
    );
    expect(pairs).toEqual([]);
  });
});

describe('near-duplicate examples across intents', () => {
  const examples = [
    { text: 'where is my order', intent: 'order_status' },
    { text: 'cancel my order', intent: 'cancel' },
    { text: 'do you ship to Canada', intent: 'shipping' },
    { text: "where's my order now", intent: 'track_order' },
    { text: 'Where is my order?', intent: 'order_status' },
    { text: 'opening hours', intent: 'hours' },
  ];

  it('pairs examples of different intents that say the same words, most similar first', () => {
    const pairs = similarExamplesAcrossIntents(examples, 'en');
    expect(pairs.map((pair) => [examples[pair.first].text, examples[pair.second].text])).toEqual([
      ['where is my order', "where's my order now"],
      ["where's my order now", 'Where is my order?'],
    ]);
    expect(pairs[0].similarity).toBeGreaterThan(0.85);
  });

  it('does not pair examples that share only a common word', () => {
    const pairs = similarExamplesAcrossIntents(examples.slice(0, 3), 'en');
    expect(pairs).toEqual([]);
  });
});
