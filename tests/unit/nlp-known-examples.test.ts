import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  classify,
  deserialize,
  evaluate,
  serialize,
  train,
  withKnownExamples,
  type IntentClassifier,
  type TrainingExampleInput,
} from '@/lib/nlp';
import {
  knownExampleKey,
  knownExamples,
  requestBeside,
  withoutKnownPhrases,
} from '@/lib/nlp/known-examples';

interface SeedIntent {
  name: string;
  examples: string[];
  handoff?: boolean;
}

async function demoExamples(language: 'en' | 'zh') {
  const intents: SeedIntent[] = JSON.parse(
    await readFile(`prisma/seed/intents.${language}.json`, 'utf8'),
  );
  const examples = intents.flatMap(({ name, examples }) =>
    examples.map((text) => ({ text, intent: name })),
  );
  return { intents, examples };
}

describe('a training example sent as a message', () => {
  it.each(['en', 'zh'] as const)(
    "is answered with its own intent: every example of the %s demo's intents",
    async (language) => {
      const { intents, examples } = await demoExamples(language);
      const { model } = await train(examples, { language, seed: 1, threads: 1 });
      const handoffIntents = new Set(intents.filter((i) => i.handoff).map((i) => i.name));
      const misread: string[] = [];
      for (const { text, intent } of examples) {
        // As visitors type them: another case, a question mark.
        const reply = await classify(model, `${text.toUpperCase()}?`, { handoffIntents });
        const expected =
          intent === 'oos'
            ? { intent: null, decision: 'fallback' }
            : { intent, decision: handoffIntents.has(intent) ? 'handoff' : 'answer' };
        if (reply.intent !== expected.intent || reply.decision !== expected.decision) {
          misread.push(`${text}: ${reply.decision} ${reply.intent} ${reply.confidence.toFixed(2)}`);
        }
      }
      expect(misread).toEqual([]);
      // And so counts an evaluation of them (bench:nlu's), as the bot answers: only the
      // out-of-scope ones are not answered.
      const { answers } = await evaluate(model, examples);
      const outOfScope = examples.filter((example) => example.intent === 'oos').length;
      expect(answers!.wrong).toBe(0);
      expect(answers!.deferred).toBeCloseTo(outOfScope / examples.length, 9);
    },
  );

  it('is not known when two intents share it, and is known again beside the stored bytes', async () => {
    const examples: TrainingExampleInput[] = [
      ...['where is my parcel', 'track my order', 'has it shipped', 'status of my order'].map(
        (text) => ({ text, intent: 'order_status' }),
      ),
      ...['I want a refund', 'money back please', 'refund my order', 'return it'].map((text) => ({
        text,
        intent: 'refund',
      })),
      { text: 'My order!', intent: 'order_status' },
      { text: 'my order', intent: 'refund' },
    ];
    const { model } = await train(examples, {
      language: 'en',
      seed: 1,
      threads: 1,
      builtInOutOfScope: false,
    });
    expect(model.knownExamples.has(knownExampleKey('my order'))).toBe(false);
    expect(knownExamples(examples, model.intents).get('where is my parcel')).toBe(
      model.intents.indexOf('order_status'),
    );
    // The artifact holds no example text (a visitor's erased words must not stay in it): the
    // version's stored examples give them back.
    expect(deserialize(serialize(model)).knownExamples.size).toBe(0);
    expect(Buffer.from(serialize(model)).toString('utf8')).not.toContain('money back please');
    const loaded = withKnownExamples(deserialize(serialize(model)), examples);
    expect(loaded.knownExamples).toEqual(model.knownExamples);
    expect(await classify(loaded, 'Refund my order.')).toMatchObject({
      intent: 'refund',
      confidence: 1,
      decision: 'answer',
      knownExample: true,
    });
    // Anything else is the classifier's to judge.
    const other = await classify(loaded, 'refund my order today');
    expect(other.knownExample).toBeUndefined();
    expect(other.confidence).toBeLessThan(1);
  });

  it('is matched whatever its case, width, punctuation and spacing', () => {
    expect(knownExampleKey("  What's   the STATUS of my order?! ")).toBe(
      'whats the status of my order',
    );
    expect(knownExampleKey('我想退货！')).toBe(knownExampleKey('我想退货'));
  });
});

describe('a greeting or a thanks around a request', () => {
  /** A model that knows each phrase as an example of an intent of the same name. */
  const known = (...phrases: string[]) => ({
    intents: [...phrases, 'oos'],
    outOfScopeIntent: 'oos',
    knownExamples: new Map(phrases.map((phrase, i) => [knownExampleKey(phrase), i])),
  });
  const requestIn = (text: string, model: ReturnType<typeof known>) =>
    withoutKnownPhrases(text, model)?.request ?? null;

  it('is taken off the start and the end of a message, as whole words, longest first', () => {
    const model = known('hi', 'hello', 'thank', 'thank you', 'thanks', '你好');
    expect(requestIn('Hi, where is my order?', model)).toBe('where is my order?');
    expect(withoutKnownPhrases('hello hi! where is my order', model)).toEqual({
      request: 'where is my order',
      phraseIntents: new Set(['hello', 'hi']),
    });
    expect(requestIn('where is my order? Thank you!', model)).toBe('where is my order?');
    expect(withoutKnownPhrases('where is my order? Thank you!', model)?.phraseIntents).toEqual(
      new Set(['thank you']),
    );
    expect(requestIn('where is my order, thanks', model)).toBe('where is my order');
    expect(requestIn('Ｈｉ，where’s my order', model)).toBe('where’s my order');
    expect(requestIn('你好，我的订单到哪了？', model)).toBe('我的订单到哪了?');
    expect(requestIn('hi hello!', known('hi', 'hello'))).toBe('hello!');
    // A phrase as long as what it would leave is the request itself.
    expect(requestIn('please cancel my order', known('cancel my order'))).toBeNull();
    // The shorter side first: the request may be an example too.
    const hours = known('what are your opening hours', 'thank you');
    expect(requestIn('What are your opening hours? Thank you', hours)).toBe(
      'What are your opening hours?',
    );
    // Nothing to take: no phrase, a phrase inside a word or the middle, or nothing else left.
    expect(requestIn('where is my order', model)).toBeNull();
    expect(requestIn('high chairs, do you sell them', model)).toBeNull();
    expect(requestIn('where is my order hi there now', model)).toBeNull();
    expect(requestIn('Thank you!', model)).toBeNull();
  });

  it('is never an out-of-scope example, and is part of the request when its intent answers', () => {
    const model = {
      ...known('hi', 'refund'),
      knownExamples: new Map([
        ['hi', 0],
        ['refund', 1],
        ['tell me a joke', 2],
      ]),
    };
    expect(requestIn('tell me a joke about shipping', model)).toBeNull();
    const around = withoutKnownPhrases('refund, how long does it take?', model);
    expect(around?.request).toBe('how long does it take?');
    expect(requestBeside(around, 'refund')).toBeUndefined();
    expect(requestBeside(around, 'shipping')).toBe('how long does it take?');
  });

  describe('on the English demo shop', () => {
    let model: IntentClassifier;
    let examples: TrainingExampleInput[];
    beforeAll(async () => {
      ({ examples } = await demoExamples('en'));
      ({ model } = await train(examples, { language: 'en', seed: 1, threads: 1 }));
    });

    it('leaves the request to be answered (the greeting outweighed it: "I don\'t know")', async () => {
      expect(await classify(model, 'Hello, where is my order?')).toMatchObject({
        intent: 'order_status',
        decision: 'answer',
        request: 'where is my order?',
      });
      expect(await classify(model, 'how long does standard shipping take? thanks!')).toMatchObject({
        intent: 'shipping',
        decision: 'answer',
        request: 'how long does standard shipping take?',
      });
      // A greeting alone is a greeting; a request the bot does not answer is not answered with one.
      expect(await classify(model, 'hello')).toMatchObject({ intent: 'greeting' });
      const joke = await classify(model, 'Hi, tell me a joke about cats');
      expect(joke.decision).not.toBe('answer');
      expect(joke.request).toBe('tell me a joke about cats');
      // A phrase of the intent answered is part of its request.
      const refund = await classify(model, 'I want a refund, how long does it take?');
      expect(refund).toMatchObject({ intent: 'returns_refunds', decision: 'answer' });
      expect(refund.request).toBeUndefined();
    });

    it('counts in an evaluation as the bot answers', async () => {
      const { answers } = await evaluate(model, [
        { text: 'Hello, where is my order?', intent: 'order_status' },
        { text: 'how long does standard shipping take? thanks!', intent: 'shipping' },
      ]);
      expect(answers).toMatchObject({ resolved: 1, wrong: 0, deferred: 0 });
    });
  });
});
