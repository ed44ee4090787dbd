// The built-in sentence encoder on a thread of its own: a batch of 16 texts is ~70 ms of CPU, which on
// the server's main thread would hold up every visitor's acknowledgement.
import { parentPort } from 'node:worker_threads';
import { loadSentenceEncoder } from './sentence-encoder';

export interface EncodeRequest {
  id: number;
  texts: readonly string[];
}

/** The vectors of a request come as one buffer (rows of `width`), transferred rather than copied. */
export type EncoderEvent =
  | { type: 'ready' }
  | { type: 'vectors'; id: number; data: Float32Array; width: number }
  | { type: 'error'; id: number; message: string };

const port = parentPort!;
// A load that fails throws here, which ends the worker with that error.
const encoder = await loadSentenceEncoder();

port.on('message', async ({ id, texts }: EncodeRequest) => {
  try {
    const vectors = await encoder.encode(texts);
    const width = vectors[0].length;
    const data = new Float32Array(vectors.length * width);
    vectors.forEach((vector, row) => data.set(vector, row * width));
    port.postMessage({ type: 'vectors', id, data, width } satisfies EncoderEvent, [data.buffer]);
  } catch (error) {
    port.postMessage({
      type: 'error',
      id,
      message: (error as Error).message,
    } satisfies EncoderEvent);
  }
});
port.postMessage({ type: 'ready' } satisfies EncoderEvent);
