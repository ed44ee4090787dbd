import type { Bm25Index } from './bm25';

const HAN = /^\p{Script=Han}+$/u;

/** A word and where it sits in a run of Chinese text. */
interface Span {
  word: string;
  start: number;
  end: number;
}

/** The longest article word we look for inside a question's run of Chinese words. */
const LONGEST_WORD = 6;

/**
 * Chinese question words re-cut into the words the articles use. The word segmenter cuts a
 * question without the articles' context, so "能开发票吗" gives 开发 + 票 while the article has
 * 发票: each run of Chinese terms is searched again for article words of two or more characters,
 * longest first. A term an article word now covers part of gives way to it (开发, 票 → 发票); a
 * term none touches is kept as it was, known or not ("驿站" still tells that the articles never
 * mention it). A run whose new cut finds no more article words is kept.
 */
export function articleWords(terms: readonly string[], index: Bm25Index): string[] {
  const result: string[] = [];
  let run: string[] = [];
  const flush = () => {
    result.push(...recut(run, index));
    run = [];
  };
  for (const term of terms) {
    if (HAN.test(term)) {
      run.push(term);
    } else {
      flush();
      result.push(term);
    }
  }
  flush();
  return result;
}

function recut(run: readonly string[], index: Bm25Index): readonly string[] {
  const known = (word: string) => index.frequency(word) > 0;
  if (run.length === 0 || run.every(known)) return run;
  const text = run.join('');
  const found: Span[] = [];
  for (let start = 0; start < text.length;) {
    let length = Math.min(LONGEST_WORD, text.length - start);
    while (length > 1 && !known(text.slice(start, start + length))) length -= 1;
    if (length > 1)
      found.push({ word: text.slice(start, start + length), start, end: start + length });
    start += Math.max(1, length);
  }
  const terms: Span[] = [];
  let offset = 0;
  for (const word of run) {
    terms.push({ word, start: offset, end: offset + word.length });
    offset += word.length;
  }
  const touched = (term: Span) =>
    found.some((article) => article.start < term.end && term.start < article.end);
  const knownLength = (words: Span[]) =>
    words.filter(({ word }) => known(word)).reduce((sum, { word }) => sum + word.length, 0);
  if (knownLength(found) <= knownLength(terms)) return run;
  return [...found, ...terms.filter((term) => !touched(term))]
    .sort((a, b) => a.start - b.start)
    .map(({ word }) => word);
}
