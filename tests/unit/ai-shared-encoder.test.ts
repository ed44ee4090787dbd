import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import {
  EncoderBusyError,
  sharedEncoder,
  TURN_ENCODING_MAX_WAIT_MS,
  type Encoder,
} from '@/lib/ai/shared-encoder';

/** An encoder that takes `msPerText` for each text of a batch and records the batches. */
function slowEncoder(msPerText: number) {
  const batches: string[][] = [];
  const encoder: Encoder = {
    async encode(texts) {
      batches.push(texts);
      await sleep(msPerText * texts.length);
      return texts.map((text) => Float32Array.of(text.length));
    },
    dispose: () => {},
  };
  return { encoder, batches };
}

describe('the shared encoder queue', () => {
  it('refuses a visitor text at once when more is queued ahead than it may wait for', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const shared = sharedEncoder(slowEncoder(5).encoder);
    // Forty other visitors' texts, one each: about 40 × 10 ms by the first guess.
    const queued = Array.from({ length: 40 }, (_, i) => shared.encode([`message ${i}`]));
    const asked = performance.now();
    const refused = shared.encode(['where is my parcel?'], { maxWaitMs: 100 });
    await expect(refused).rejects.toBeInstanceOf(EncoderBusyError);
    expect(performance.now() - asked).toBeLessThan(50);
    // A text already queued or encoded costs no wait, and a caller that can wait gets its vector.
    await expect(shared.encode(['message 3'], { maxWaitMs: 100 })).resolves.toHaveLength(1);
    await expect(shared.encode(['where is my parcel?'])).resolves.toHaveLength(1);
    await Promise.all(queued);
    expect(console.warn).toHaveBeenCalledTimes(1);
  });

  it("never refuses a visitor's text for a training run: it waits for the batch encoding, then goes first", async () => {
    const { encoder, batches } = slowEncoder(10);
    const shared = sharedEncoder(encoder);
    const examples = Array.from({ length: 320 }, (_, i) => `example ${i}`);
    let examplesDone = false;
    const training = shared.encode(examples).then(() => (examplesDone = true));
    await sleep(20); // the run's first batch of 16 is being encoded: 160 ms
    const visitor = await shared.encode(['can I return a mug?'], {
      maxWaitMs: TURN_ENCODING_MAX_WAIT_MS,
    });
    expect(visitor).toHaveLength(1);
    expect(examplesDone).toBe(false);
    expect(batches[1]).toContain('can I return a mug?');
    await training;
  });

  it('judges the wait by what recent batches cost per text', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const shared = sharedEncoder(slowEncoder(40).encoder);
    // Timed batches teach it ~40 ms per text (the first guess is 10 ms).
    for (let i = 0; i < 8; i++) await shared.encode([`warm-up ${i}`]);
    const queued = Array.from({ length: 4 }, (_, i) => shared.encode([`message ${i}`]));
    // Four texts ahead: ~160 ms now, which the first guess would have put at 40 ms.
    const refused = shared.encode(['is the teapot dishwasher safe?'], { maxWaitMs: 100 });
    const error = await refused.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EncoderBusyError);
    expect((error as EncoderBusyError).expectedWaitMs).toBeGreaterThan(100);
    await Promise.all(queued);
  });
});
