import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Language } from '../preprocess';

/**
 * The data lines of one of this folder's tables (see README.md), read from the repository root, the
 * server's working directory, as workers are. None when the file is missing (its feature is off).
 */
function tableLines(file: string): string[] {
  let text = '';
  try {
    text = readFileSync(
      path.resolve(/* turbopackIgnore: true */ process.cwd(), 'lib/nlp/word-categories', file),
      'utf8',
    );
  } catch {
    return [];
  }
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

let categoriesOfWord: Map<string, string[]> | null = null;

/** word → its WordNet categories. */
function chineseWordCategories(): Map<string, string[]> {
  if (categoriesOfWord) return categoriesOfWord;
  categoriesOfWord = new Map();
  for (const line of tableLines('zh.txt')) {
    const [category, words] = line.split('\t');
    for (const word of words.split(' ')) {
      // Messages are lowercased before they are read ("B超" → "b超").
      const key = word.toLowerCase();
      const categories = categoriesOfWord.get(key);
      if (!categories) categoriesOfWord.set(key, [category]);
      else if (!categories.includes(category)) categories.push(category);
    }
  }
  return categoriesOfWord;
}

/**
 * The WordNet categories of a message's Chinese words, each once: "沙眼" (trachoma) → noun.state,
 * "银耳莲子羹" → noun.food and noun.plant. Other languages get none.
 */
export function wordCategories(words: readonly string[], language: Language): string[] {
  if (language !== 'zh') return [];
  const dictionary = chineseWordCategories();
  const found = new Set<string>();
  for (const word of words) for (const category of dictionary.get(word) ?? []) found.add(category);
  return [...found];
}

let glossOfWord: Map<string, string> | null = null;
/** Dictionary words are at most this long when a word the segmenter found is not one. */
const LONGEST_GLOSSED_WORD = 4;
const chineseWords = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;

/** word → its first English gloss in CC-CEDICT. */
function chineseWordGlosses(): Map<string, string> {
  glossOfWord ??= new Map(
    tableLines('zh-glosses.txt').map((line) => {
      const tab = line.indexOf('\t');
      return [line.slice(0, tab).toLowerCase(), line.slice(tab + 1)];
    }),
  );
  return glossOfWord;
}

/** A word the dictionary lacks, read as its longest dictionary words from the left; unknown characters are dropped. */
function glossPieces(word: string, glosses: Map<string, string>): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < word.length) {
    let end = Math.min(word.length, start + LONGEST_GLOSSED_WORD);
    while (end > start + 1 && !glosses.has(word.slice(start, end))) end--;
    const gloss = glosses.get(word.slice(start, end));
    if (gloss) pieces.push(gloss);
    start = end;
  }
  return pieces;
}

/**
 * A Chinese message read word by word in English from CC-CEDICT's glosses, for the built-in English
 * sentence encoder: "过敏性鼻炎怎么治疗" → "hypersensitive rhinitis how treat". Text without Chinese
 * characters (and when the glosses are missing) is returned unchanged.
 */
export function englishGlossReading(text: string): string {
  if (!HAN.test(text)) return text;
  const glosses = chineseWordGlosses();
  if (glosses.size === 0) return text;
  const words: string[] = [];
  for (const { segment } of chineseWords.segment(text.toLowerCase())) {
    if (!HAN.test(segment)) {
      if (segment.trim() !== '') words.push(segment.trim());
      continue;
    }
    const gloss = glosses.get(segment);
    words.push(...(gloss ? [gloss] : glossPieces(segment, glosses)));
  }
  return words.join(' ');
}
