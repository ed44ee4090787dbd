import { afterAll, describe, expect, it } from 'vitest';
import { embed, embedTexts, pullModels, SENTENCE_ENCODER_ID, stopModels } from '@/lib/ai';
import { loadSentenceEncoder, pieceIds } from '@/lib/ai/sentence-encoder';
import { sentenceEncoderInWorker } from '@/lib/ai/sentence-encoder-in-worker';
import { configureFixtureModels } from '../fixtures/models';

configureFixtureModels({ embedding: { id: SENTENCE_ENCODER_ID, dtype: 'fp32' }, generation: null });

afterAll(async () => {
  await stopModels();
});

const dot = (a: Float32Array, b: Float32Array) =>
  a.reduce((sum, value, i) => sum + value * b[i], 0);

describe('the built-in sentence encoder', () => {
  it('segments text into the best-scoring pieces, unknown characters as one piece', () => {
    const pieces = new Map([
      ['\u2581re', { id: 10, score: -5 }],
      ['turn', { id: 11, score: -6 }],
      ['\u2581return', { id: 12, score: -8 }],
      ['\u2581', { id: 13, score: -3 }],
      ['s', { id: 14, score: -2 }],
    ]);
    // One piece for "▁return" (-8) beats "▁re" + "turn" (-11).
    expect(pieceIds('return', pieces, 7)).toEqual([12]);
    expect(pieceIds('returns', pieces, 7)).toEqual([12, 14]);
    // "ßß" is not in the vocabulary: one unknown piece (id 0) between two known ones.
    expect(pieceIds('return ßß s', pieces, 7)).toEqual([12, 13, 0, 13, 14]);
  });

  it('reads Chinese through its English glosses: a Chinese question is near its meaning', async () => {
    const encoder = await loadSentenceEncoder();
    try {
      const [chinese, treatRhinitis, weather] = await encoder.encode([
        '过敏性鼻炎怎么治疗',
        'How do I treat allergic rhinitis?',
        'What will the weather be like tomorrow?',
      ]);
      // Read as characters the vocabulary lacks, it was one unknown piece, far from both.
      expect(dot(chinese, treatRhinitis)).toBeGreaterThan(0.4);
      expect(dot(chinese, treatRhinitis)).toBeGreaterThan(dot(chinese, weather) + 0.3);
    } finally {
      encoder.dispose();
    }
  });

  it('installs with the packages and reads meaning: paraphrases are closer than other topics', async () => {
    const encoder = await loadSentenceEncoder();
    try {
      const [returnOrder, sendBack, openingHours] = await encoder.encode([
        'How do I return my order?',
        'Can I send back the things I bought?',
        'What are your opening hours?',
      ]);
      expect(returnOrder).toHaveLength(512);
      expect(dot(returnOrder, returnOrder)).toBeCloseTo(1, 5);
      expect(dot(returnOrder, sendBack)).toBeGreaterThan(dot(returnOrder, openingHours) + 0.15);
      // The same text in a batch or alone gives the same vector.
      const [alone] = await encoder.encode(['Can I send back the things I bought?']);
      expect(dot(alone, sendBack)).toBeCloseTo(1, 4);
    } finally {
      encoder.dispose();
    }
  });
});

describe('the embedder with the built-in sentence encoder', () => {
  it('encodes on a worker thread the same vectors as in this thread', async () => {
    const texts = ['Where is my parcel?', 'Do you ship to Canada?', 'Quiero devolver mi pedido'];
    const viaWorker = await embedTexts(texts);
    expect(viaWorker?.model).toBe(`${SENTENCE_ENCODER_ID}@fp32`);
    const encoder = await loadSentenceEncoder();
    try {
      const inThread = await encoder.encode(texts);
      expect(viaWorker!.vectors).toHaveLength(3);
      viaWorker!.vectors.forEach((vector, i) => expect(vector).toEqual(inThread[i]));
    } finally {
      encoder.dispose();
    }
  });

  it("keeps this thread's event loop ticking while it encodes", async () => {
    await embed(['warm up']);
    const texts = Array.from(
      { length: 64 },
      (_, i) => `Can I order ${i} mugs for delivery on day ${i}?`,
    );
    let last = performance.now();
    let longestGap = 0;
    let ticks = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 5);
    const startedAt = performance.now();
    const vectors = await embed(texts);
    const took = performance.now() - startedAt;
    clearInterval(ticker);
    // Also the gap since the last tick (a blocked loop would never have ticked at all).
    longestGap = Math.max(longestGap, performance.now() - last);
    expect(vectors).toHaveLength(64);
    // Four batches of 16, ~70 ms of CPU each. Encoded in this thread the loop did not tick at all
    // (one 900 ms gap). On the worker it ticks all along; the bounds leave room for a busy CI
    // machine, where other test files' processes take the core for 100 ms and more at a time.
    expect(ticks).toBeGreaterThan(took / 5 / 4);
    expect(longestGap).toBeLessThan(Math.max(40, took / 2));
  });

  it("answers a visitor's message before a training run's examples queued ahead of it", async () => {
    const examples = Array.from({ length: 320 }, (_, i) => `example number ${i} about returns`);
    let examplesDone = false;
    const training = embed(examples).then(() => (examplesDone = true));
    // Asked after the whole run was queued: first in, first out would make it wait ~20 batches.
    const visitor = await embed(['Has my parcel left the warehouse?']);
    expect(visitor).toHaveLength(1);
    expect(examplesDone).toBe(false);
    await training;
  });

  it('needs no pulling: models:pull says it is built in', async () => {
    const lines: string[] = [];
    const [result] = await pullModels(
      { embedding: { id: SENTENCE_ENCODER_ID, dtype: 'fp32' } },
      (line) => lines.push(line),
    );
    expect(result.outcome).toBe('already-installed');
    expect(lines).toEqual([
      `embedding: ${SENTENCE_ENCODER_ID} is built in (installed with the npm packages)`,
    ]);
  });

  it('rejects the batch a stopped worker held, and what is asked after', async () => {
    const encoder = await sentenceEncoderInWorker();
    const held = encoder.encode(['Is the teapot dishwasher safe?']);
    encoder.dispose();
    await expect(held).rejects.toThrow(/exited/);
    await expect(encoder.encode(['and now?'])).rejects.toThrow(/disposed/);
  });
});
