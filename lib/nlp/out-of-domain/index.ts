import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Language } from '../preprocess';

const cache = new Map<Language, string[]>();

/**
 * The built-in out-of-domain examples of a language (see README.md), or none for a language that
 * has no set. Read from the repository root, the server's working directory, as workers are.
 */
export function outOfDomainExamples(language: Language): string[] {
  let examples = cache.get(language);
  if (!examples) {
    const file = path.resolve(
      /* turbopackIgnore: true */ process.cwd(),
      'lib/nlp/out-of-domain',
      `${language}.txt`,
    );
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // No set for this language: the bot learns out of scope only from the site's own examples.
    }
    examples = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    cache.set(language, examples);
  }
  return examples;
}

/**
 * Cosine of two stem sets above which a built-in line counts as a site's own. 0.3 against 0.5:
 * SMP2020 (train → val, no out-of-scope class) 91.2% / 83.3% answered right against 91.1% / 79.4%;
 * CLINC150 without its own out-of-scope rows (val halves) 63.0% against 61.3%, wrong 2.1% / 1.9%.
 */
const OVERLAP_LIMIT = 0.3;

/**
 * Built-in lines that say what some site example says are left out: a site whose bot tells jokes
 * must not learn "tell me a joke" as out of scope. Overlap is the cosine of the two term sets.
 */
export function withoutSiteOverlap(
  builtIn: ReadonlyArray<Set<string>>,
  site: ReadonlyArray<Set<string>>,
): number[] {
  const postings = new Map<string, number[]>();
  site.forEach((terms, i) => {
    for (const term of terms) {
      const list = postings.get(term);
      if (list) list.push(i);
      else postings.set(term, [i]);
    }
  });
  const kept: number[] = [];
  builtIn.forEach((terms, k) => {
    if (terms.size === 0) return;
    const shared = new Map<number, number>();
    for (const term of terms) {
      for (const i of postings.get(term) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    }
    const overlaps = [...shared].some(
      ([i, count]) => count / Math.sqrt(terms.size * site[i].size) >= OVERLAP_LIMIT,
    );
    if (!overlaps) kept.push(k);
  });
  return kept;
}
