import { describe, expect, it } from 'vitest';
import {
  classify,
  deserialize,
  serialize,
  train,
  trainInWorker,
  withKnownExamples,
} from '@/lib/nlp';
import { termCounts, DEFAULT_FEATURE_CONFIG } from '@/lib/nlp/features';
import { preprocess } from '@/lib/nlp/preprocess';
import { pickPseudoLabels } from '@/lib/nlp/pseudo-labels';
import { seededRandom } from '@/lib/nlp/random';
import { sampleEachIntent } from '@/lib/nlp/split';
import { symmetricEigen, topRightSingularVectors } from '@/lib/nlp/truncated-svd';
import { associationVector, learnWordAssociations } from '@/lib/nlp/word-associations';
import { customerServiceExamples } from './nlp-fixtures';

const settings = { language: 'en' as const, seed: 7, threads: 1, builtInOutOfScope: false };
const counts = (text: string) => termCounts(preprocess(text, 'en'), DEFAULT_FEATURE_CONFIG);

/** Words that mean the same in this shop; visitors use them interchangeably. */
const SYNONYMS: Record<string, string[]> = {
  order_status: ['parcel', 'package', 'shipment', 'delivery', 'order'],
  refund: ['refund', 'reimbursement', 'repayment', 'money back', 'chargeback'],
  talk_to_human: ['agent', 'person', 'representative', 'human', 'operator'],
};
const CONTEXTS: Record<string, string[]> = {
  order_status: ['is late', 'has not arrived', 'went missing', 'tracking number', 'still not here'],
  refund: ['please', 'for my purchase', 'request', 'of the charge', 'was promised'],
  talk_to_human: ['on the phone', 'to talk to', 'live chat', 'connect me', 'speak with'],
};

/** Unlabeled visitor messages in which the synonyms of each group turn up together. */
function visitorMessages(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const groups = Object.keys(SYNONYMS);
  return Array.from({ length: count }, () => {
    const group = pick(groups);
    return `my ${pick(SYNONYMS[group])} ${pick(CONTEXTS[group])}, the ${pick(SYNONYMS[group])}`;
  });
}

/** Messages that use only words no training example has. */
const UNSEEN_WORDING = [
  { text: 'shipment went missing', intent: 'order_status' },
  { text: 'I want a reimbursement', intent: 'refund' },
  { text: 'chargeback please', intent: 'refund' },
  { text: 'a representative on the phone', intent: 'talk_to_human' },
  { text: 'operator', intent: 'talk_to_human' },
];

async function unseenWordingRight(unlabeledTexts?: string[]): Promise<number> {
  const { model } = await train(customerServiceExamples(5), { ...settings, unlabeledTexts });
  let right = 0;
  for (const { text, intent } of UNSEEN_WORDING) {
    if ((await classify(model, text)).ranking[0]?.intent === intent) right++;
  }
  return right;
}

describe('few-shot learning', () => {
  it('samples the same examples per intent for the same seed', () => {
    const examples = customerServiceExamples(14);
    const sample = sampleEachIntent(examples, 3, 5);
    expect(sample).toEqual(sampleEachIntent([...examples], 3, 5));
    expect(sample).toHaveLength(3 * 5);
    expect(new Set(sample.map((example) => example.intent)).size).toBe(5);
    expect(sampleEachIntent(examples, 3, 6)).not.toEqual(sample);
  });

  it('finds the top singular vectors of a sparse matrix', () => {
    // 30 rows over 6 columns: columns 0-2 and 3-5 vary together.
    const random = seededRandom(3);
    const dense = Array.from({ length: 30 }, (_, row) =>
      Array.from({ length: 6 }, (_, column) =>
        column < 3 === (row % 2 === 0) ? 1 + random() * 0.1 : random() * 0.05,
      ),
    );
    const rowStarts = Int32Array.from({ length: 31 }, (_, row) => row * 6);
    const matrix = {
      rows: 30,
      columns: 6,
      rowStarts,
      indices: Int32Array.from(dense.flatMap((values) => values.map((_, column) => column))),
      values: Float64Array.from(dense.flat()),
    };
    const vectors = topRightSingularVectors(matrix, 2, { seed: 1, power: 1 });
    expect(vectors).toEqual(topRightSingularVectors(matrix, 2, { seed: 1, power: 1 }));
    // Against the eigenvalues of XᵀX: σ² of the top two.
    const gram = new Float64Array(36);
    for (const values of dense) {
      for (let i = 0; i < 6; i++)
        for (let j = 0; j < 6; j++) gram[i * 6 + j] += values[i] * values[j];
    }
    const eigenvalues = [...symmetricEigen(gram, 6).values].sort((a, b) => b - a);
    for (let d = 0; d < 2; d++) {
      let squaredNorm = 0;
      for (let column = 0; column < 6; column++) squaredNorm += vectors[column * 2 + d] ** 2;
      // With power 1 each vector's length is its singular value.
      expect(squaredNorm).toBeCloseTo(eigenvalues[d], 3);
    }
  });

  it('associates words that turn up in the same messages', () => {
    const documents = visitorMessages(600, 1).map(counts);
    const associations = learnWordAssociations(documents, 1);
    expect(associations).not.toBeNull();
    if (!associations) return;
    expect(learnWordAssociations(documents, 1)).toEqual(associations);
    const cosine = (a: string, b: string) => {
      const x = associationVector(associations, counts(a));
      const y = associationVector(associations, counts(b));
      let dot = 0;
      let xx = 0;
      let yy = 0;
      for (let d = 0; d < x.length; d++) {
        dot += x[d] * y[d];
        xx += x[d] * x[d];
        yy += y[d] * y[d];
      }
      return dot / Math.sqrt(xx * yy);
    };
    expect(cosine('parcel', 'shipment')).toBeGreaterThan(0.8);
    expect(cosine('parcel', 'reimbursement')).toBeLessThan(0.3);
    expect(learnWordAssociations(documents.slice(0, 100), 1)).toBeNull();
  });

  it('picks the surest texts per intent as pseudo-labels', () => {
    const scores = [
      Float64Array.of(2, 0, 0), // intent 0, margin 2
      Float64Array.of(1, 0.5, 0), // intent 0, margin 0.5
      Float64Array.of(3, 0, 0), // intent 0, margin 3
      null,
      Float64Array.of(0, 0.2, 1), // intent 2, margin 0.8
    ];
    expect(pickPseudoLabels(scores, 2)).toEqual([
      { text: 2, intent: 0 },
      { text: 0, intent: 0 },
      { text: 4, intent: 2 },
    ]);
  });

  it('understands wording no example has once it reads unlabeled visitor messages', async () => {
    const without = await unseenWordingRight();
    const withMessages = await unseenWordingRight(visitorMessages(600, 2));
    // "shipment" still leans to cancel_order's "before it ships": 4 of 5, against 1 of 5 without.
    expect(withMessages).toBeGreaterThanOrEqual(UNSEEN_WORDING.length - 1);
    expect(without).toBeLessThanOrEqual(1);
  });

  it('learns word associations, but no pseudo-labels, from article passages', async () => {
    const messages: string[] = [];
    const { model } = await train(customerServiceExamples(5), {
      ...settings,
      articleTexts: visitorMessages(600, 5),
      onProgress: (_, message) => messages.push(message),
    });
    expect(model.features.associations).not.toBeNull();
    expect(messages.some((message) => message.includes('(with'))).toBe(false);
    // Measured to hurt in Chinese (SMP2020): no associations there.
    const chinese = await train(customerServiceExamples(5), {
      ...settings,
      language: 'zh',
      articleTexts: visitorMessages(600, 5),
    });
    expect(chinese.model.features.associations).toBeNull();
    const withMessages: string[] = [];
    await train(customerServiceExamples(5), {
      ...settings,
      unlabeledTexts: visitorMessages(600, 5),
      onProgress: (_, message) => withMessages.push(message),
    });
    expect(withMessages.some((message) => /\(with \d+ unlabeled texts\)/.test(message))).toBe(true);
  });

  it('ignores unlabeled texts that are examples: a held-out example is never learned from its own text', async () => {
    const examples = customerServiceExamples(5);
    const plain = serialize((await train(examples, settings)).model);
    const withOwnTexts = await train(examples, {
      ...settings,
      unlabeledTexts: examples.map((example) => example.text),
    });
    expect(Buffer.from(serialize(withOwnTexts.model)).equals(Buffer.from(plain))).toBe(true);
  });

  it('stores the word associations: deterministic bytes, and the same answers after loading', async () => {
    const unlabeledTexts = visitorMessages(600, 3);
    const { model } = await train(customerServiceExamples(5), { ...settings, unlabeledTexts });
    expect(model.features.associations).not.toBeNull();
    const bytes = serialize(model);
    const again = await train(customerServiceExamples(5), { ...settings, unlabeledTexts });
    expect(Buffer.from(serialize(again.model)).equals(Buffer.from(bytes))).toBe(true);
    const loaded = deserialize(bytes);
    expect(Buffer.from(serialize(loaded)).equals(Buffer.from(bytes))).toBe(true);
    for (const { text } of UNSEEN_WORDING) {
      expect(await classify(loaded, text)).toEqual(await classify(model, text));
    }
  });

  it('embeds the unlabeled texts too when training in a worker with sentence embeddings', async () => {
    const unlabeledTexts = visitorMessages(600, 4);
    const embedded = new Set<string>();
    const embed = async (texts: string[]) => {
      texts.forEach((text) => embedded.add(text));
      return texts.map((text) =>
        Float32Array.of(text.length / 10, text.includes('refund') ? 1 : 0),
      );
    };
    const { model } = await trainInWorker(
      customerServiceExamples(5),
      { ...settings, unlabeledTexts },
      { embed },
    );
    expect(model.features.embeddingSize).toBe(2);
    expect(model.features.associations).not.toBeNull();
    expect(unlabeledTexts.every((text) => embedded.has(text))).toBe(true);
  });

  it('still loads a model saved before word associations (format version 1)', async () => {
    const examples = customerServiceExamples(5);
    const { model } = await train(examples, settings);
    expect(model.features.associations).toBeNull();
    const bytes = serialize(model);
    new DataView(bytes.buffer).setUint32(4, 1, true);
    const loaded = withKnownExamples(deserialize(bytes), examples);
    expect(await classify(loaded, 'where is my order')).toEqual(
      await classify(model, 'where is my order'),
    );
  });
});
