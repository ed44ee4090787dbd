import { describe, expect, it } from 'vitest';
import { asksForHuman } from '@/lib/bot/asks-for-human';
import { fillTemplate } from '@/lib/bot/fill-template';
import { GroundedStream, limitReply, numbersIn, toPlainReply } from '@/lib/bot/guardrails';
import { upsetness } from '@/lib/bot/sentiment';
import { extractEntities } from '@/lib/nlp';

describe('grounded streaming', () => {
  const sources = ['Standard shipping takes 3-5 business days. Express shipping costs $12.'];

  function stream(pieces: string[]) {
    const shown: string[] = [];
    const violations: string[] = [];
    const guard = new GroundedStream(
      sources,
      (text) => shown.push(text),
      (word) => violations.push(word),
    );
    for (const piece of pieces) guard.push(piece);
    guard.end();
    return { shown: shown.join(''), violations, guard };
  }

  it('passes text through word by word when every number is in the sources', () => {
    const { shown, violations } = stream([
      'Express ',
      'costs ',
      '$',
      '12 ',
      'and ',
      'takes ',
      '3-5 ',
      'days.',
    ]);
    expect(shown).toBe('Express costs $12 and takes 3-5 days.');
    expect(violations).toEqual([]);
  });

  it('stops before an invented price or order detail, so the visitor never sees it', () => {
    const { shown, violations, guard } = stream(['Express ', 'costs ', '$1', '5 ', 'today.']);
    expect(shown).toBe('Express costs ');
    expect(violations).toEqual(['$15']);
    expect(guard.violation).toBe('$15');
  });

  it('streams Chinese (no spaces) and still holds back a figure until it is complete', () => {
    const shown: string[] = [];
    const guard = new GroundedStream(
      ['快递费用为12元'],
      (text) => shown.push(text),
      () => {},
    );
    for (const piece of ['快递', '费用', '为1', '2元', '。']) guard.push(piece);
    guard.end();
    expect(shown).toEqual(['快递', '费用', '为', '12元', '。']);
    expect(guard.violation).toBeNull();
  });

  it('reads numbers as values', () => {
    expect(numbersIn('$1,200.50, order JN-4821 on 2025-03-12, 3,5 kg')).toEqual([
      1200.5, 4821, 2025, 3, 12, 3.5,
    ]);
  });
});

describe('reply shape', () => {
  it('is plain text: no HTML, no markdown', () => {
    expect(
      toPlainReply('**Yes!** <b>Free</b> over $50, see [rates](https://x.example).\n# Done'),
    ).toBe('Yes! Free over $50, see rates (https://x.example).\nDone');
  });

  it('is cut to whole sentences: at the length limit, or when the token limit stopped it', () => {
    expect(limitReply('One. Two is longer. Three.', { max: 20 })).toBe('One. Two is longer.');
    expect(limitReply('It ships today. Then it goes to', { complete: false })).toBe(
      'It ships today.',
    );
    expect(limitReply('It ships today.', { complete: false })).toBe('It ships today.');
    expect(limitReply('Half a sentence', { complete: false })).toBe('');
    expect(limitReply('a '.repeat(20), { max: 11 })).toBe('a a a a a…');
  });
});

describe('response templates', () => {
  it('fill entities the visitor gave, most recent first, else the fallback', () => {
    const entities = [
      ...extractEntities('my order is JN-48213'),
      ...extractEntities('earlier I said AB-11111'),
    ];
    expect(fillTemplate('A teammate can look up {orderNumber|your order}.', entities)).toBe(
      'A teammate can look up JN-48213.',
    );
    expect(fillTemplate('A teammate can look up {orderNumber|your order}.', [])).toBe(
      'A teammate can look up your order.',
    );
    expect(fillTemplate('We will email {email} .', [])).toBe('We will email.');
  });
});

describe('handoff signals', () => {
  it('recognize an explicit request for a person, with or without a trained model', () => {
    expect(asksForHuman('Can I talk to a real person please?', 'en')).toBe(true);
    expect(asksForHuman('agent', 'en')).toBe(true);
    expect(asksForHuman('Talk to a human', 'en')).toBe(true);
    expect(asksForHuman('转人工', 'zh')).toBe(true);
    expect(asksForHuman('Is the lamp made by a person or a machine?', 'en')).toBe(false);
    expect(asksForHuman('where is my order', 'en')).toBe(false);
  });

  it('hear an upset visitor, a displeased one, and not a plain question about a damaged item', () => {
    expect(upsetness('This is ridiculous, the worst service ever', 'en')).toBe('upset');
    expect(upsetness('your app is crap', 'en')).toBe('upset');
    expect(upsetness("I'm really frustrated, nobody has replied", 'en')).toBe('upset');
    // Weak signs only: the bot still answers, with an apology and a person offered.
    expect(upsetness("I'm really frustrated, my card keeps getting declined", 'en')).toBe(
      'displeased',
    );
    expect(upsetness('How do I get this damn virtual card to work?', 'en')).toBe('calm');
    expect(upsetness('not happy at all', 'en')).toBe('calm'); // mild on its own
    expect(upsetness('How do I return a damaged item?', 'en')).toBe('calm');
    expect(upsetness('thanks, great help', 'en')).toBe('calm');
  });
});
