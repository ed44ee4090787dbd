export interface EncodeOptions {
  /**
   * Refuse (EncoderBusyError, at once) rather than wait longer than this for the texts ahead: a
   * visitor's message is better read without the encoder than answered minutes late.
   */
  maxWaitMs?: number;
}

export interface Encoder {
  /** Unit-length vectors, one per text. */
  encode(texts: string[], options?: EncodeOptions): Promise<Float32Array[]>;
  dispose(): void;
}

/** The encoder has more queued ahead than the caller can wait for. */
export class EncoderBusyError extends Error {
  constructor(readonly expectedWaitMs: number) {
    super(`the sentence encoder is busy (about ${Math.round(expectedWaitMs)} ms of texts queued)`);
    this.name = 'EncoderBusyError';
  }
}

/**
 * How long a visitor's message, as it is stored, may be queued for the encoder (lib/bot readAhead).
 * Beyond it the message is read without the encoder: the classifier fails over to the knowledge
 * base's keywords, as without a model.
 */
export const MESSAGE_ENCODING_MAX_WAIT_MS = 500;
/**
 * The same when a turn finds its message neither encoded nor queued (read ahead was refused, or
 * the turn was not read ahead): about one batch of 16, so a turn seldom holds its slot waiting.
 */
export const TURN_ENCODING_MAX_WAIT_MS = 200;

const BATCH_SIZE = 16;
/**
 * Texts remembered with their vectors (2 kB each): each visitor message is read by the classifier,
 * then the knowledge base, and each training run reads the built-in out-of-scope lines again.
 */
const RECENT_TEXTS = 4096;
/** Before the first batch is timed: the built-in encoder's cost per text on a busy 2-core machine. */
const FIRST_GUESS_MS_PER_TEXT = 10;

interface Waiting {
  text: string;
  settle: (vector: Float32Array | Error) => void;
}

/**
 * Texts asked for at about the same time are encoded together (a batch of 16 costs half as much per
 * text as one at a time, so a busy server keeps up), and a text asked for again soon is encoded once.
 * The shortest requests go first: a visitor's message does not wait behind a training run's examples.
 * A request with `maxWaitMs` is refused when the texts ahead of it would take longer, judged by
 * what recent batches cost per text: at 300 distinct messages a second a 2-core server cannot
 * encode them all, and an unbounded queue delayed replies by minutes (bench:realtime --distinct-texts).
 */
export function sharedEncoder(encoder: Encoder): Encoder {
  const recent = new Map<string, Promise<Float32Array>>();
  /** One list of texts per request still waiting, in the order they were asked for. */
  let requests: Waiting[][] = [];
  let draining = false;
  let msPerText = FIRST_GUESS_MS_PER_TEXT;
  let encoding = { texts: 0, since: 0 };
  let lastRefusalLoggedAt = -Infinity;
  const refuse = (expectedWaitMs: number) => {
    const error = new EncoderBusyError(expectedWaitMs);
    // Once a minute at most: under overload every message is refused.
    if (performance.now() - lastRefusalLoggedAt > 60_000) {
      lastRefusalLoggedAt = performance.now();
      console.warn(`[models] ${error.message}: visitor messages are read without it meanwhile`);
    }
    return Promise.reject(error);
  };
  const nextBatch = () => {
    const batch: Waiting[] = [];
    for (const request of [...requests].sort((a, b) => a.length - b.length)) {
      batch.push(...request.splice(0, BATCH_SIZE - batch.length));
      if (batch.length === BATCH_SIZE) break;
    }
    requests = requests.filter((request) => request.length > 0);
    return batch;
  };
  async function drain() {
    for (let batch = nextBatch(); batch.length > 0; batch = nextBatch()) {
      encoding = { texts: batch.length, since: performance.now() };
      const vectors = await encoder.encode(batch.map((entry) => entry.text)).catch((e) => e);
      // Smoothed over recent batches: the machine's load moves it.
      msPerText = 0.8 * msPerText + (0.2 * (performance.now() - encoding.since)) / batch.length;
      encoding = { texts: 0, since: 0 };
      batch.forEach((entry, i) =>
        entry.settle(vectors instanceof Error ? vectors : (vectors as Float32Array[])[i]),
      );
    }
    draining = false;
  }
  /**
   * How long a new request of `size` texts would wait: for the batch being encoded, then for the
   * requests no longer than it (shorter ones go first; a training run's go after a visitor's).
   */
  const expectedWait = (size: number) => {
    const ahead = requests.reduce(
      (sum, request) => sum + (request.length <= size ? request.length : 0),
      0,
    );
    const batchLeft = Math.max(
      0,
      encoding.texts * msPerText - (performance.now() - encoding.since),
    );
    return batchLeft + ahead * msPerText;
  };
  const encodeOne = (text: string, request: Waiting[]) => {
    const known = recent.get(text);
    recent.delete(text);
    const vector =
      known ??
      new Promise<Float32Array>((resolve, reject) =>
        request.push({
          text,
          settle: (result) => (result instanceof Error ? reject(result) : resolve(result)),
        }),
      );
    recent.set(text, vector);
    vector.catch(() => recent.delete(text));
    if (recent.size > RECENT_TEXTS) recent.delete(recent.keys().next().value!);
    return vector;
  };
  return {
    encode(texts, { maxWaitMs } = {}) {
      if (maxWaitMs !== undefined) {
        const unknown = texts.filter((text) => !recent.has(text)).length;
        const expectedWaitMs = unknown > 0 ? expectedWait(unknown) : 0;
        if (expectedWaitMs > maxWaitMs) return refuse(expectedWaitMs);
      }
      const request: Waiting[] = [];
      const vectors = Promise.all(texts.map((text) => encodeOne(text, request)));
      if (request.length > 0) {
        requests.push(request);
        if (!draining) {
          draining = true;
          // After this tick, so the texts of callers arriving together share a batch.
          setImmediate(() => void drain());
        }
      }
      return vectors;
    },
    dispose: encoder.dispose,
  };
}
