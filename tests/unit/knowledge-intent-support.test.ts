import { describe, expect, it } from 'vitest';
import { Bm25Index } from '@/lib/knowledge/bm25';
import { articleOfIntent, intentSupport } from '@/lib/knowledge/intent-support';
import { retrievalTerms } from '@/lib/knowledge/terms';

const articles = {
  ids: ['shipping', 'returns', 'warranty'],
  keywords: new Bm25Index(
    [
      'Standard shipping takes 3-5 business days. Express shipping costs $12. We ship to Canada.',
      'Return any unused item within 30 days for a full refund to your card.',
      'Furniture comes with a two-year warranty against manufacturing defects.',
    ].map((text) => retrievalTerms(text, 'en')),
  ),
};

describe("the article an intent's responses are about", () => {
  it('is the one article that says the same', () => {
    expect(
      articleOfIntent(
        ['Standard shipping takes 3-5 business days; express shipping costs $12.'],
        articles,
        'en',
      ),
    ).toBe('shipping');
  });

  it('is none when no article, or more than one, says it', () => {
    expect(articleOfIntent(['Hi! How can I help you today?'], articles, 'en')).toBeNull();
    expect(
      articleOfIntent(['I can help with shipping, returns and the warranty.'], articles, 'en'),
    ).toBeNull();
    expect(articleOfIntent([], articles, 'en')).toBeNull();
  });
});

describe("the classifier's support for an article", () => {
  it("adds the chance of the article's intents, and of every other intent apart", () => {
    const reading = {
      ranking: [
        { intent: 'shipping', confidence: 0.6 },
        { intent: 'order_status', confidence: 0.3 },
        { intent: 'greeting', confidence: 0.05 },
      ],
      responses: new Map([
        ['shipping', ['Standard shipping takes 3-5 business days and express shipping costs $12.']],
        ['order_status', ['A teammate can look up your order.']],
        ['greeting', ['Hi!']],
      ]),
    };
    const forShipping = intentSupport(reading, 'shipping', articles, 'en');
    expect(forShipping.intentFor).toBeCloseTo(0.6);
    expect(forShipping.intentElsewhere).toBeCloseTo(0.35);
    const forWarranty = intentSupport(reading, 'warranty', articles, 'en');
    expect(forWarranty.intentFor).toBe(0);
    expect(forWarranty.intentElsewhere).toBeCloseTo(0.95);
  });
});
