import { describe, expect, it } from 'vitest';
import { serialize, trainInWorker } from '@/lib/nlp';
import type { SparseRows } from '@/lib/nlp/features';
import { trainOneVsRestSvm } from '@/lib/nlp/linear-svm';
import { customerServiceExamples } from './nlp-fixtures';

const settings = { language: 'en' as const, seed: 3, threads: 1, builtInOutOfScope: false };

describe('training in a worker thread', () => {
  it('reports progress and resolves with the model and its artifact', async () => {
    const progress: number[] = [];
    const result = await trainInWorker(customerServiceExamples(12), settings, {
      onProgress: (value) => progress.push(value),
    });
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(1);
    expect(Buffer.from(serialize(result.model)).equals(Buffer.from(result.artifact))).toBe(true);
    expect(result.metrics.evaluation).toBe('k-fold');
  });

  it('passes embeddings computed in this thread to the worker', async () => {
    const embedded: string[] = [];
    const embed = async (texts: string[]) => {
      embedded.push(...texts);
      return texts.map((text) =>
        Float32Array.of(text.length / 10, text.includes('refund') ? 1 : 0),
      );
    };
    const { model } = await trainInWorker(customerServiceExamples(12), settings, { embed });
    expect(model.features.embeddingSize).toBe(2);
    expect(new Set(embedded).size).toBe(embedded.length);
  });

  it('rejects at once when aborted and reports no progress after', async () => {
    const controller = new AbortController();
    let afterCancel = 0;
    const run = trainInWorker(customerServiceExamples(40), settings, {
      signal: controller.signal,
      onProgress: () => {
        if (controller.signal.aborted) afterCancel++;
        controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/abort/i);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(afterCancel).toBe(0);
  });

  it('rejects with the worker’s error', async () => {
    await expect(trainInWorker([{ text: 'only one', intent: 'single' }], settings)).rejects.toThrow(
      /two intents/,
    );
  });
});

describe('one-vs-rest over helper threads', () => {
  it('gives the same model on one thread and on two', async () => {
    // Enough work (examples × intents) to use a helper thread; each example has 3 features.
    const examples = 12_000;
    const classes = 20;
    const rowStarts = Int32Array.from({ length: examples + 1 }, (_, i) => 3 * i);
    const indices = Int32Array.from({ length: 3 * examples }, (_, k) =>
      k % 3 === 0 ? Math.floor(k / 3) % classes : 20 + ((k * 7919) % 50),
    );
    const values = Float32Array.from({ length: 3 * examples }, (_, k) => (k % 3 === 0 ? 1 : 0.5));
    const rows: SparseRows = { rowStarts, indices, values, columns: 70 };
    const labels = Int32Array.from({ length: examples }, (_, i) => i % classes);
    const options = { C: 0.5, tolerance: 0.5, maxEpochs: 50, seed: 1 };
    const single = await trainOneVsRestSvm(rows, labels, classes, { ...options, threads: 1 });
    let reported = 0;
    const parallel = await trainOneVsRestSvm(rows, labels, classes, {
      ...options,
      threads: 2,
      onClassTrained: (count) => (reported = count),
    });
    expect(reported).toBe(classes);
    expect(
      Buffer.from(parallel.scorer.weights.buffer).equals(Buffer.from(single.scorer.weights.buffer)),
    ).toBe(true);
    expect(Array.from(parallel.scorer.bias)).toEqual(Array.from(single.scorer.bias));
  });

  it('lets an example count less, the same on one thread and on two', async () => {
    // Class 0 is feature 0; the last examples claim feature 0 for class 1.
    const examples = 6_000;
    const classes = 40;
    const contradicting = 40;
    const rows: SparseRows = {
      rowStarts: Int32Array.from({ length: examples + 1 }, (_, i) => i),
      indices: Int32Array.from({ length: examples }, (_, i) =>
        i >= examples - contradicting ? 0 : i % classes,
      ),
      values: new Float32Array(examples).fill(1),
      columns: classes,
    };
    const labels = Int32Array.from({ length: examples }, (_, i) =>
      i >= examples - contradicting ? 1 : i % classes,
    );
    const options = { C: 0.5, tolerance: 0.1, maxEpochs: 100, seed: 1 };
    const softened = Float32Array.from({ length: examples }, (_, i) =>
      i >= examples - contradicting ? 0.01 : 1,
    );
    const feature0 = (weights: Float32Array) => [weights[0], weights[1]];
    const alike = await trainOneVsRestSvm(rows, labels, classes, { ...options, threads: 1 });
    const sameWeights = await trainOneVsRestSvm(rows, labels, classes, {
      ...options,
      threads: 1,
      exampleWeights: new Float32Array(examples).fill(1),
    });
    expect(sameWeights.scorer.weights).toEqual(alike.scorer.weights);
    const single = await trainOneVsRestSvm(rows, labels, classes, {
      ...options,
      threads: 1,
      exampleWeights: softened,
    });
    const parallel = await trainOneVsRestSvm(rows, labels, classes, {
      ...options,
      threads: 2,
      exampleWeights: softened,
    });
    expect(parallel.scorer.weights).toEqual(single.scorer.weights);
    // Feature 0 leans further to class 0 once the contradicting examples count little.
    const [leanAlike, leanSoftened] = [alike, single].map((svm) => {
      const [class0, class1] = feature0(svm.scorer.weights);
      return class0 - class1;
    });
    expect(leanSoftened).toBeGreaterThan(leanAlike + 0.1);
  });
});
