import { describe, expect, it } from 'vitest';
import { Bm25Index } from '@/lib/knowledge/bm25';
import {
  knowledgeThreshold,
  RELEVANCE_FIT,
  relevanceConfidence,
  weightedShare,
  type RelevanceFeatures,
  type RelevanceModel,
} from '@/lib/knowledge/relevance';
import { correctTypos } from '@/lib/knowledge/typos';
import { typoDistance } from '@/lib/nlp';
import { judgeReply, tallyOutcomes, type KbQuestion } from '@/scripts/kb-questions';

const index = new Bm25Index([
  ['gift', 'card', 'expir', 'email'],
  ['payment', 'gift', 'card', 'visa', 'paypal'],
  ['warranti', 'furnitur', 'defect'],
]);

describe('query-term coverage', () => {
  it('weighs rare terms more, and a term no article uses most', () => {
    expect(index.idf('warranti')).toBeGreaterThan(index.idf('gift'));
    expect(index.idf('wrap')).toBeGreaterThan(index.idf('warranti'));
    const inGiftCards = (term: string) => ['gift', 'card', 'expir', 'email'].includes(term);
    // "do gift cards expire": every term is there.
    expect(weightedShare(['gift', 'card', 'expir'], index, inGiftCards)).toBe(1);
    // "gift wrapping": the shared word is common, the missing one is the question.
    expect(weightedShare(['gift', 'wrap'], index, inGiftCards)).toBeLessThan(0.3);
    expect(weightedShare([], index, inGiftCards)).toBe(0);
  });
});

describe('calibrated confidence', () => {
  const features = (overrides: Partial<RelevanceFeatures>): RelevanceFeatures => ({
    coverage: 0.5,
    keyword: 0.5,
    margin: 0.2,
    title: 0,
    meaning: null,
    intentFor: null,
    intentElsewhere: null,
    unexplained: null,
    ...overrides,
  });
  const model = RELEVANCE_FIT.keywords;

  it('is a probability that grows with coverage, margin and a title match', () => {
    const base = relevanceConfidence(features({}), model);
    expect(base).toBeGreaterThan(0);
    expect(base).toBeLessThan(1);
    expect(relevanceConfidence(features({ coverage: 1 }), model)).toBeGreaterThan(base);
    expect(relevanceConfidence(features({ margin: 0.6 }), model)).toBeGreaterThan(base);
    expect(relevanceConfidence(features({ title: 1 }), model)).toBeGreaterThan(base);
  });

  it('uses the dense score in hybrid mode', () => {
    const hybrid = RELEVANCE_FIT.hybrid;
    expect(relevanceConfidence(features({ meaning: 0.9 }), hybrid)).toBeGreaterThan(
      relevanceConfidence(features({ meaning: 0.1 }), hybrid),
    );
  });
});

describe('the knowledge threshold', () => {
  const model: RelevanceModel = {
    embeddingModel: null,
    bias: 0,
    weights: {},
    // Best first: the first wrong answer comes at 0.8, the second at 0.5 (of 100 questions).
    curve: [
      [0.99, 0],
      [0.9, 0],
      [0.8, 0.01],
      [0.6, 0.01],
      [0.5, 0.02],
      [0.3, 0.05],
    ],
  };

  it('is the lowest confidence whose wrong answers stay within the budget', () => {
    expect(
      knowledgeThreshold({ knowledgeMinConfidence: null, wrongAnswerBudget: 0.005 }, model),
    ).toBe(0.9);
    expect(
      knowledgeThreshold({ knowledgeMinConfidence: null, wrongAnswerBudget: 0.01 }, model),
    ).toBe(0.6);
    expect(
      knowledgeThreshold({ knowledgeMinConfidence: null, wrongAnswerBudget: 0.02 }, model),
    ).toBe(0.5);
    expect(
      knowledgeThreshold({ knowledgeMinConfidence: null, wrongAnswerBudget: 0.5 }, model),
    ).toBe(0.3);
  });

  it('never answers when even the surest answer was wrong, and obeys the site', () => {
    const wrongFirst: RelevanceModel = { ...model, curve: [[0.9, 0.01]] };
    expect(
      knowledgeThreshold({ knowledgeMinConfidence: null, wrongAnswerBudget: 0.001 }, wrongFirst),
    ).toBe(1);
    expect(
      knowledgeThreshold({ knowledgeMinConfidence: 0.42, wrongAnswerBudget: 0.02 }, model),
    ).toBe(0.42);
  });

  it('is fitted: the default budget gives a threshold strictly between 0 and 1', () => {
    for (const fitted of [RELEVANCE_FIT.keywords, RELEVANCE_FIT.hybrid]) {
      const threshold = knowledgeThreshold(
        { knowledgeMinConfidence: null, wrongAnswerBudget: 0.02 },
        fitted,
      );
      expect(threshold).toBeGreaterThan(0);
      expect(threshold).toBeLessThan(1);
    }
  });
});

describe('typos', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(typoDistance('retrun', 'return', 2)).toBe(1);
    expect(typoDistance('warrenti', 'warranti', 2)).toBe(1);
    expect(typoDistance('gift', 'warranti', 2)).toBe(3);
  });

  it('maps a word no article uses to the article word it misspells, and leaves the rest', () => {
    expect(correctTypos(['warrenti', 'furnitre', 'gift', 'wrap', 'paypall'], index)).toEqual([
      'warranti',
      'furnitur',
      'gift',
      'wrap',
      'paypal',
    ]);
  });
});

describe('judging a bot reply to a knowledge-base question', () => {
  const answer = (citation: string | null, intent?: string) => ({
    decision: 'answer' as const,
    intent,
    citations: citation ? [{ articleId: 'a', title: citation, url: null }] : [],
  });
  const deferred = { decision: 'fallback' as const, citations: [] };
  const shipping: KbQuestion = {
    question: 'how long until it arrives',
    article: 'Shipping and delivery',
    intent: 'shipping',
  };
  const unanswerable: KbQuestion = { question: 'do you gift wrap', article: null };

  it('counts the right article or the right intent as correct, anything else as wrong', () => {
    expect(judgeReply(shipping, answer('Shipping and delivery'))).toBe('correct');
    expect(judgeReply(shipping, answer(null, 'shipping'))).toBe('correct');
    expect(judgeReply(shipping, answer('Payment methods'))).toBe('wrong');
    expect(judgeReply(shipping, answer(null, 'order_status'))).toBe('wrong');
    expect(judgeReply(shipping, deferred)).toBe('deferred');
    expect(judgeReply({ ...shipping, intent: undefined }, answer(null, 'shipping'))).toBe('wrong');
  });

  it('counts any answer to an unanswerable question as answered wrongly', () => {
    expect(judgeReply(unanswerable, answer('Gift cards'))).toBe('answeredWrongly');
    expect(judgeReply(unanswerable, answer(null, 'help'))).toBe('answeredWrongly');
    expect(judgeReply(unanswerable, { decision: 'handoff', citations: [] })).toBe('declined');
  });

  it('sums the outcomes into the bench line', () => {
    expect(
      tallyOutcomes(['correct', 'correct', 'wrong', 'deferred', 'declined', 'answeredWrongly']),
    ).toEqual({
      answerable: 4,
      correct: 2,
      wrong: 1,
      deferred: 1,
      unanswerable: 2,
      declined: 1,
      answeredWrongly: 1,
    });
  });
});
