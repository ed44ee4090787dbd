import { beforeEach, expect, it, vi } from 'vitest';

// Retrieval asks which article each ranked intent's responses are about, for every candidate
// article of every message: the answer is kept per articles' index (built anew when the site's
// articles change), so the responses are read once, not once per message and article.
const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('@/lib/knowledge/terms', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/knowledge/terms')>();
  return {
    ...original,
    retrievalTerms: (...args: Parameters<typeof original.retrievalTerms>) => {
      reads.count += 1;
      return original.retrievalTerms(...args);
    },
  };
});

const { Bm25Index } = await import('@/lib/knowledge/bm25');
const { articleOfIntent, intentSupport } = await import('@/lib/knowledge/intent-support');
const { retrievalTerms } = await import('@/lib/knowledge/terms');

const articleTexts = [
  'Standard shipping takes 3-5 business days. Express shipping costs $12. We ship to Canada.',
  'Return any unused item within 30 days for a full refund to your card.',
];
const index = () => ({
  ids: ['shipping', 'returns'],
  keywords: new Bm25Index(articleTexts.map((text) => retrievalTerms(text, 'en'))),
});

beforeEach(() => {
  reads.count = 0;
});

it('reads an intent’s responses once per articles’ index', () => {
  const articles = index();
  reads.count = 0;
  const shipping = ['Standard shipping takes 3-5 business days; express shipping costs $12.'];
  const reading = {
    ranking: [
      { intent: 'shipping', confidence: 0.7 },
      { intent: 'returns', confidence: 0.2 },
    ],
    responses: new Map([
      ['shipping', shipping],
      ['returns', ['Return an unused item within 30 days for a refund.']],
    ]),
    learnedStems: () => new Set<string>(),
  };
  const first = intentSupport(reading, 'shipping', articles, 'en');
  expect(reads.count).toBe(2);
  // Every other candidate article, and every later message, reads nothing again.
  expect(intentSupport(reading, 'returns', articles, 'en')).toEqual({
    intentFor: 0.2,
    intentElsewhere: 0.7,
  });
  expect(intentSupport(reading, 'shipping', articles, 'en')).toEqual(first);
  expect(articleOfIntent(shipping, articles, 'en')).toBe('shipping');
  expect(reads.count).toBe(2);
  expect(first.intentFor).toBeCloseTo(0.7);

  // The site's articles changed: a new index, read again.
  const rebuilt = index();
  reads.count = 0;
  expect(articleOfIntent(shipping, rebuilt, 'en')).toBe('shipping');
  expect(reads.count).toBe(1);
  // Other responses, another language: their own answers.
  expect(articleOfIntent(['Hi! How can I help?'], rebuilt, 'en')).toBeNull();
  expect(articleOfIntent(shipping, rebuilt, 'de')).toBe(articleOfIntent(shipping, rebuilt, 'de'));
  expect(reads.count).toBe(3);
});
