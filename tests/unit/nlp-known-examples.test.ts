import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  classify,
  deserialize,
  evaluate,
  serialize,
  train,
  withKnownExamples,
  type TrainingExampleInput,
} from '@/lib/nlp';
import { knownExampleKey, knownExamples } from '@/lib/nlp/known-examples';

interface SeedIntent {
  name: string;
  examples: string[];
  handoff?: boolean;
}

describe('a training example sent as a message', () => {
  it.each(['en', 'zh'] as const)(
    "is answered with its own intent: every example of the %s demo's intents",
    async (language) => {
      const intents: SeedIntent[] = JSON.parse(
        await readFile(`prisma/seed/intents.${language}.json`, 'utf8'),
      );
      const examples = intents.flatMap(({ name, examples }) =>
        examples.map((text) => ({ text, intent: name })),
      );
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
