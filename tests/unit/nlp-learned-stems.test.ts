import { describe, expect, it } from 'vitest';
import { learnedStems, train } from '@/lib/nlp';

describe('the stems a classifier learned for an intent', () => {
  it('holds the words its examples ask with, not the other intents’ words', async () => {
    const { model } = await train(
      [
        ...[
          'do gift cards expire',
          'gift voucher balance',
          'can I buy a gift card',
          'do you sell vouchers',
          'a birthday present',
        ].map((text) => ({ text, intent: 'gift_cards' })),
        ...['where is my parcel', 'track my parcel', 'has my order shipped'].map((text) => ({
          text,
          intent: 'order_status',
        })),
      ],
      { language: 'en', seed: 1, threads: 1, builtInOutOfScope: false },
    );
    const gifts = learnedStems(model, 'gift_cards');
    expect(gifts).toContain('gift');
    expect(gifts).toContain('voucher');
    expect(gifts).not.toContain('parcel');
    // A word in a single example is not part of the classifier's vocabulary.
    expect(gifts).not.toContain('birthday');
    expect(learnedStems(model, 'order_status')).toContain('parcel');
    // Worked out once per intent of a loaded classifier.
    expect(learnedStems(model, 'gift_cards')).toBe(gifts);
    expect(learnedStems(model, 'no_such_intent').size).toBe(0);
  });
});
