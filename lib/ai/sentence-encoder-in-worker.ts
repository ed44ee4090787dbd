import type { Worker } from 'node:worker_threads';
import type { SentenceEncoder } from './sentence-encoder';
import type { EncodeRequest, EncoderEvent } from './sentence-encoder-worker';
import { startTypeScriptWorker } from '@/lib/workers';

interface Request {
  resolve: (vectors: Float32Array[]) => void;
  reject: (error: Error) => void;
}

interface Running {
  worker: Worker;
  /** Resolves once the model has loaded in the worker. */
  ready: Promise<void>;
  requests: Map<number, Request>;
}

/**
 * The built-in sentence encoder on a worker thread, so encoding never blocks this thread's event loop.
 * Resolves once the model has loaded there. A worker that fails rejects the batches it held, and the
 * next batch starts a new one.
 */
export async function sentenceEncoderInWorker(): Promise<SentenceEncoder> {
  let current: Running | null = null;
  let disposed = false;
  let nextId = 1;

  const start = (): Running => {
    const worker = startTypeScriptWorker('lib/ai/sentence-encoder-worker.ts', null);
    const requests = new Map<number, Request>();
    let loaded!: () => void;
    let failed!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      loaded = resolve;
      failed = reject;
    });
    const running: Running = { worker, ready, requests };
    const stop = (error: Error) => {
      if (current === running) current = null;
      failed(error);
      for (const request of requests.values()) request.reject(error);
      requests.clear();
    };
    worker.on('message', (event: EncoderEvent) => {
      if (event.type === 'ready') {
        loaded();
      } else {
        const request = requests.get(event.id);
        requests.delete(event.id);
        if (event.type === 'error') request?.reject(new Error(event.message));
        // Copies of the rows, so a vector kept in a cache does not keep its whole batch alive.
        else request?.resolve(rowsOf(event.data, event.width));
      }
      // An idle worker does not keep the process alive (scripts end as they did without it).
      if (requests.size === 0) worker.unref();
    });
    worker.on('error', stop);
    worker.on('exit', (code) => stop(new Error(`the sentence encoder's worker exited (${code})`)));
    return running;
  };

  const first = start();
  current = first;
  await first.ready;
  return {
    async encode(texts) {
      if (texts.length === 0) return [];
      if (disposed) throw new Error('the sentence encoder was disposed');
      current ??= start();
      const { worker, ready, requests } = current;
      await ready;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        requests.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, texts } satisfies EncodeRequest);
      });
    },
    dispose() {
      disposed = true;
      void current?.worker.terminate();
    },
  };
}

function rowsOf(data: Float32Array, width: number): Float32Array[] {
  return Array.from({ length: data.length / width }, (_, row) =>
    data.slice(row * width, (row + 1) * width),
  );
}
