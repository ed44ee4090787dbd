import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Language } from '../preprocess';

let categoriesOfWord: Map<string, string[]> | null = null;

/**
 * word → its WordNet categories (see README.md), read once from the repository root, the server's
 * working directory, as workers are. Empty when the file is missing.
 */
function chineseWordCategories(): Map<string, string[]> {
  if (categoriesOfWord) return categoriesOfWord;
  categoriesOfWord = new Map();
  let text = '';
  try {
    text = readFileSync(
      path.resolve(/* turbopackIgnore: true */ process.cwd(), 'lib/nlp/word-categories/zh.txt'),
      'utf8',
    );
  } catch {
    return categoriesOfWord;
  }
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
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
