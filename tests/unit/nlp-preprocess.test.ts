import { describe, expect, it } from 'vitest';
import { preprocess } from '@/lib/nlp';
import {
  charNgrams,
  cleanPunctuationAndEmoji,
  radicals,
  lowercase,
  normalizeUnicode,
  removeStopwords,
  stem,
  tokenize,
} from '@/lib/nlp/preprocess';

describe('English preprocessing steps', () => {
  it('normalizes compatibility forms (NFKC)', () => {
    expect(normalizeUnicode('ｒｅｆｕｎｄ ﬁle ①')).toBe('refund file 1');
  });

  it('lowercases', () => {
    expect(lowercase('Cancel MY Order')).toBe('cancel my order');
  });

  it('turns punctuation into spaces, keeps emoji and currency as tokens, expands contractions', () => {
    const { cleaned, emoji } = cleanPunctuationAndEmoji("i can't pay $20!!! 😡👍🏽 it's #ab-12");
    expect(cleaned).toBe('i can not pay $ 20 😡 👍 it ab 12');
    expect(emoji).toEqual(['😡', '👍']);
    expect(cleanPunctuationAndEmoji("won't, didn't, i'm").cleaned).toBe('will not did not i am');
  });

  it('tokenizes on spaces', () => {
    expect(tokenize('where is my parcel', 'en')).toEqual(['where', 'is', 'my', 'parcel']);
    expect(tokenize('', 'en')).toEqual([]);
  });

  it('removes stopwords but keeps the words that carry intent', () => {
    expect(removeStopwords(['i', 'do', 'not', 'want', 'the', 'refund', 'why', 'no'], 'en')).toEqual(
      ['not', 'want', 'refund', 'why', 'no'],
    );
  });

  it('stems Latin words with Porter and leaves others alone', () => {
    expect(stem(['refunds', 'cancelled', 'charging', '订单', '20'])).toEqual([
      'refund',
      'cancel',
      'charg',
      '订单',
      '20',
    ]);
  });

  it('takes character n-grams within word boundaries', () => {
    expect(charNgrams(['card'], [2, 3], 'en')).toEqual([
      ' c',
      'ca',
      'ar',
      'rd',
      'd ',
      ' ca',
      'car',
      'ard',
      'rd ',
    ]);
    // An emoji is one code point: never split into surrogate halves.
    expect(charNgrams(['👍'], [2, 2], 'en')).toEqual([' 👍', '👍 ']);
  });

  it('runs every step from one entry point and shows each output', () => {
    const read = preprocess('I haven’t received my REFUNDS yet!', 'en');
    expect(read.normalized).toBe('I haven’t received my REFUNDS yet!');
    expect(read.lowercased).toBe('i haven’t received my refunds yet!');
    expect(read.cleaned).toBe('i have not received my refunds yet');
    expect(read.tokens).toEqual(['i', 'have', 'not', 'received', 'my', 'refunds', 'yet']);
    expect(read.withoutStopwords).toEqual(['not', 'received', 'refunds', 'yet']);
    expect(read.stems).toEqual(['not', 'receiv', 'refund', 'yet']);
    expect(read.charNgrams).toContain(' refu');
    expect(read.charNgrams.every((gram) => gram.length >= 3 && gram.length <= 5)).toBe(true);
  });
});

describe('Chinese preprocessing steps', () => {
  it('normalizes full-width punctuation and digits', () => {
    expect(normalizeUnicode('退款？１２３')).toBe('退款?123');
  });

  it('cleans punctuation and expands the contractions of mixed-in English', () => {
    expect(cleanPunctuationAndEmoji('我要退款，谢谢！😊')).toEqual({
      cleaned: '我要退款 谢谢 😊',
      emoji: ['😊'],
    });
    expect(cleanPunctuationAndEmoji("can't find 订单").cleaned).toBe('can not find 订单');
  });

  it('segments words with no spaces', () => {
    expect(tokenize('我想取消订单', 'zh')).toEqual(['我想', '取消', '订单']);
  });

  it('removes Chinese stopwords but keeps negations', () => {
    expect(removeStopwords(['我', '的', '不', '订单', '了'], 'zh')).toEqual(['不', '订单']);
  });

  it('takes character uni- and bigrams across segment boundaries, marking where a run starts and ends', () => {
    expect(charNgrams(['取消', '订单'], [1, 2], 'zh')).toEqual([
      '取',
      '消',
      '订',
      '单',
      ' 取',
      '取消',
      '消订',
      '订单',
      '单 ',
    ]);
  });

  it('ends a run of Chinese characters at a number, so what stands next to it counts', () => {
    expect(charNgrams(['1', '吨'], [1, 2], 'zh')).toEqual(['1', ' 1', '1 ', '吨', ' 吨', '吨 ']);
  });

  it('reads English words in Chinese text as English words: stopwords, stems, n-grams', () => {
    const read = preprocess('I want a REFUND please, 谢谢', 'zh');
    expect(read.tokens).toEqual(['i', 'want', 'a', 'refund', 'please', '谢谢']);
    expect(read.withoutStopwords).toEqual(['want', 'refund', 'please', '谢谢']);
    expect(read.stems).toEqual(['want', 'refund', 'pleas', '谢谢']);
    expect(read.charNgrams).toEqual(
      expect.arrayContaining([' re', 'fun', 'und ', ' refu', '谢', ' 谢', '谢谢', '谢 ']),
    );
    expect(read.charNgrams).not.toContain('re');
    expect(preprocess('I want a refund please', 'en').stems).toEqual(read.stems.slice(0, 3));
  });

  it('reads the radical of each Chinese character, simplified forms under their traditional radical', () => {
    expect(radicals('饺子 头疼 说 說 hi 2', 'zh')).toEqual(['食', '子', '大', '疒', '言', '言']);
    expect(radicals('癌 腹泻 钱', 'zh')).toEqual(['疒', '肉', '水', '金']);
    expect(radicals('refund 说', 'en')).toEqual([]);
  });

  it('runs every step from one entry point', () => {
    const read = preprocess('我的订单还没有到，怎么办？', 'zh');
    expect(read.cleaned).toBe('我的订单还没有到 怎么办');
    expect(read.tokens).toContain('订单');
    expect(read.withoutStopwords).not.toContain('的');
    expect(read.stems).toEqual(read.withoutStopwords);
    expect(read.charNgrams).toContain('订单');
    expect(read.radicals).toHaveLength(11);
    expect(preprocess('where is my order', 'en').radicals).toEqual([]);
  });
});
