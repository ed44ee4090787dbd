import ngrams from 'natural/lib/natural/ngrams/ngrams.js';
import { stem, type PreprocessedText } from './preprocess';
const stemWord = (t: string) => stem([t])[0];

export interface FeatureConfig {
  /** Longest word n-gram taken over the stems (1 = unigrams only). */
  maxWordNgram: number;
  /** Terms seen in fewer training examples are dropped: they cannot generalize and bloat the model. */
  minDocumentFrequency: number;
  /** Relative weight of each L2-normalized block in the concatenated vector. */
  wordWeight: number;
  charWeight: number;
  embeddingWeight: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  maxWordNgram: 2,
  minDocumentFrequency: 2,
  wordWeight: 1,
  charWeight: 1,
  embeddingWeight: 1,
};

/** The learned vocabulary: term → column, with its inverse document frequency and block. */
export interface FeatureSpace {
  config: FeatureConfig;
  terms: string[];
  idf: Float32Array;
  /** 0 = word block, 1 = char block. */
  blocks: Uint8Array;
  /** Width of the dense embedding block appended after the terms (0 when none). */
  embeddingSize: number;
}

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** Rows of sparse vectors stored contiguously (compressed sparse rows). */
export interface SparseRows {
  rowStarts: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  columns: number;
}

const WORD_BLOCK = 0;
const CHAR_BLOCK = 1;
const DIGIT = /\d/g;

function blockOf(term: string): number {
  return term.charCodeAt(0) === 99 /* c */ ? CHAR_BLOCK : WORD_BLOCK;
}

/** Counts of the prefixed terms of one text: "w:" word n-grams over stems, "c:" character n-grams. */
export function termCounts(text: PreprocessedText, config: FeatureConfig): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (term: string) => counts.set(term, (counts.get(term) ?? 0) + 1);
  // Digits only matter as a shape ("2 weeks", "$100"), not as values.
  const source = process.env.WS === 'all' ? text.tokens.map((t) => stemWord(t)) : process.env.WS === 'tok' ? text.tokens : text.stems;
  const words = source.map((word) => word.replace(DIGIT, '0'));
  for (const word of words) add(`w:${word}`);
  if (config.maxWordNgram >= 2 && words.length > 1) {
    for (const pair of ngrams.bigrams(words)) add(`w:${pair.join(' ')}`);
  }
  for (let length = 3; length <= config.maxWordNgram; length++) {
    for (let start = 0; start + length <= words.length; start++) {
      add(`w:${words.slice(start, start + length).join(' ')}`);
    }
  }
  if (process.env.BOTH) { const st = text.stems.map((w) => w.replace(DIGIT, "0")); if (process.env.BOTH !== "3") for (const w of st) add(`w:~${w}`); if (process.env.BOTH !== "1") for (let i = 0; i + 1 < st.length; i++) add(`w:~${st[i]} ${st[i + 1]}`); }
  for (const gram of text.charNgrams) add(`c:${gram.replace(DIGIT, '0')}`);
  return counts;
}

export function buildFeatureSpace(
  texts: readonly PreprocessedText[],
  config: FeatureConfig,
  embeddingSize = 0,
): FeatureSpace {
  const documentFrequency = new Map<string, number>();
  for (const text of texts) {
    for (const term of termCounts(text, config).keys()) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  // Sorted so the columns depend only on the set of examples, not on their order.
  const terms = [...documentFrequency.entries()]
    .filter(([, frequency]) => frequency >= config.minDocumentFrequency)
    .map(([term]) => term)
    .sort();
  const idf = new Float32Array(terms.length);
  const blocks = new Uint8Array(terms.length);
  const n = texts.length;
  terms.forEach((term, column) => {
    idf[column] = Math.log((1 + n) / (1 + (documentFrequency.get(term) ?? 0))) + 1;
    blocks[column] = blockOf(term);
  });
  return { config, terms, idf, blocks, embeddingSize };
}

/** Column lookup built once per model; kept out of FeatureSpace so the space stays plain data. */
export type TermIndex = Map<string, number>;

export function indexTerms(space: FeatureSpace): TermIndex {
  return new Map(space.terms.map((term, column) => [term, column]));
}

function normalizeBlock(values: Float32Array, from: number, to: number, weight: number): void {
  let sumOfSquares = 0;
  for (let i = from; i < to; i++) sumOfSquares += values[i] * values[i];
  if (sumOfSquares === 0) return;
  const scale = weight / Math.sqrt(sumOfSquares);
  for (let i = from; i < to; i++) values[i] *= scale;
}

/**
 * Sublinear TF-IDF per block, each block L2-normalized and weighted, then the optional embedding
 * appended (also L2-normalized) so dense and sparse evidence are on the same scale.
 */
export function vectorize(
  space: FeatureSpace,
  termIndex: TermIndex,
  text: PreprocessedText,
  embedding?: Float32Array,
): SparseVector {
  const entries: Array<[number, number]> = [];
  for (const [term, count] of termCounts(text, space.config)) {
    const column = termIndex.get(term);
    if (column !== undefined) entries.push([column, (1 + Math.log(count)) * space.idf[column]]);
  }
  // Terms are sorted, so every char column ("c:…") precedes every word column ("w:…").
  entries.sort((a, b) => a[0] - b[0]);
  const embeddingSize = embedding ? space.embeddingSize : 0;
  const indices = new Int32Array(entries.length + embeddingSize);
  const values = new Float32Array(entries.length + embeddingSize);
  let charEnd = 0;
  entries.forEach(([column, value], i) => {
    indices[i] = column;
    values[i] = value;
    if (space.blocks[column] === CHAR_BLOCK) charEnd = i + 1;
  });
  normalizeBlock(values, 0, charEnd, space.config.charWeight);
  normalizeBlock(values, charEnd, entries.length, space.config.wordWeight);
  if (embedding && embeddingSize > 0) {
    if (embedding.length !== embeddingSize) {
      throw new Error(`embedding has ${embedding.length} dimensions, the model expects ${embeddingSize}`);
    }
    for (let i = 0; i < embeddingSize; i++) {
      indices[entries.length + i] = space.terms.length + i;
      values[entries.length + i] = embedding[i];
    }
    normalizeBlock(values, entries.length, values.length, space.config.embeddingWeight);
  }
  return { indices, values };
}

export function columnCount(space: FeatureSpace): number {
  return space.terms.length + space.embeddingSize;
}

export function toSparseRows(vectors: readonly SparseVector[], columns: number): SparseRows {
  const rowStarts = new Int32Array(vectors.length + 1);
  vectors.forEach((vector, row) => {
    rowStarts[row + 1] = rowStarts[row] + vector.indices.length;
  });
  const indices = new Int32Array(rowStarts[vectors.length]);
  const values = new Float32Array(rowStarts[vectors.length]);
  vectors.forEach((vector, row) => {
    indices.set(vector.indices, rowStarts[row]);
    values.set(vector.values, rowStarts[row]);
  });
  return { rowStarts, indices, values, columns };
}
