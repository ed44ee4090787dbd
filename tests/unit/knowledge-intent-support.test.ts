import { describe, expect, it } from 'vitest';
import { Bm25Index } from '@/lib/knowledge/bm25';
import { articleOfIntent, intentSupport, unexplainedTerms } from '@/lib/knowledge/intent-support';
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
      learnedStems: () => new Set<string>(),
    };
    const forShipping = intentSupport(reading, 'shipping', articles, 'en');
    expect(forShipping.intentFor).toBeCloseTo(0.6);
    expect(forShipping.intentElsewhere).toBeCloseTo(0.35);
    const forWarranty = intentSupport(reading, 'warranty', articles, 'en');
    expect(forWarranty.intentFor).toBe(0);
    expect(forWarranty.intentElsewhere).toBeCloseTo(0.95);
  });
});

describe("the question's terms nothing about the article accounts for", () => {
  const reading = {
    ranking: [
      { intent: 'warranty', confidence: 0.9 },
      { intent: 'shipping', confidence: 0.1 },
    ],
    responses: new Map([
      ['warranty', ['Furniture has a two-year warranty against manufacturing defects.']],
      ['shipping', ['Standard shipping takes 3-5 business days; express shipping costs $12.']],
    ]),
    // Visitors asked the warranty intent about their "sofa" and its "guarantee".
    learnedStems: (intent: string) =>
      new Set(intent === 'warranty' ? ['sofa', 'guarante'] : ['parcel', 'sofa']),
  };
  const unexplained = (question: string, article = 'warranty') =>
    unexplainedTerms(retrievalTerms(question, 'en'), reading, article, articles, 'en');

  it("counts none for the article's own words or the words its intents learned", () => {
    expect(unexplained('furniture warranty')).toBe(0);
    expect(unexplained('how long is the guarantee on my sofa')).toBe(0);
  });

  it('counts the detail the article does not give', () => {
    // "extended" is in neither the article nor the warranty intent's words.
    expect(unexplained('can I buy an extended warranty')).toBe(2);
    expect(unexplained('repair my sofa after the warranty ends')).toBe(2);
  });

  it("reads only the intents about that article: another intent's words explain nothing", () => {
    expect(unexplained('parcel warranty')).toBe(1);
    expect(unexplained('sofa', 'returns')).toBe(1);
  });
});
