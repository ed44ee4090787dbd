import { z } from 'zod';
import type { CustomEntity } from '@/lib/schemas/entity';
import { extractEntities } from './entities';
import { typoDistance } from './typo-distance';

/** A custom entity found in a message; `type` is the entity's name, as for built-in entities. */
export const CustomEntityMatch = z.object({
  type: z.string(),
  text: z.string(),
  /** A list value's canonical value (for a synonym), a lookup entry, or the text a regex matched. */
  value: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  /** How it was found (collected: the visitor gave it when the bot asked): shown in the test console. */
  via: z.enum(['list', 'fuzzy', 'lookup', 'regex', 'collected']),
});
export type CustomEntityMatch = z.infer<typeof CustomEntityMatch>;

interface Word {
  key: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const HAN = /\p{Script=Han}/u;
const MARKS = /\p{M}/gu;

/** Case, accents and width do not matter: "Café" is "cafe". */
function keyOf(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((match) => ({
    key: keyOf(match[0]),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/**
 * Typos allowed in a word of this length: none up to 4 letters ("card" vs "cart" are different
 * words), one up to 8, two beyond.
 */
function allowedTypos(length: number): number {
  return length <= 4 ? 0 : length <= 8 ? 1 : 2;
}

interface Phrase {
  entity: string;
  value: string;
  words: string[];
  /** Lookup entries and regex-like codes match exactly; list values tolerate typos. */
  fuzzy: boolean;
}

function phrasesOf(entities: readonly CustomEntity[]): Phrase[] {
  const phrases: Phrase[] = [];
  for (const entity of entities) {
    for (const { value, synonyms } of entity.values) {
      for (const written of [value, ...synonyms]) {
        phrases.push({
          entity: entity.name,
          value,
          words: wordsOf(written).map((w) => w.key),
          fuzzy: true,
        });
      }
    }
    for (const entry of entity.lookup) {
      phrases.push({
        entity: entity.name,
        value: entry,
        words: wordsOf(entry).map((w) => w.key),
        fuzzy: false,
      });
    }
  }
  return phrases.filter((phrase) => phrase.words.length);
}

type Candidate = Omit<CustomEntityMatch, 'text' | 'via'> & {
  via: Exclude<CustomEntityMatch['via'], 'collected'>;
};

/** Phrases whose words appear in a row in the message, exactly or (list values) with few typos. */
function phraseMatches(text: string, words: Word[], phrases: Phrase[]): Candidate[] {
  const found: Candidate[] = [];
  for (const phrase of phrases) {
    for (let start = 0; start + phrase.words.length <= words.length; start++) {
      let typos = 0;
      const fits = phrase.words.every((key, offset) => {
        const word = words[start + offset].key;
        if (word === key) return true;
        if (!phrase.fuzzy) return false;
        const allowed = allowedTypos(key.length);
        if (!allowed) return false;
        const distance = typoDistance(word, key, allowed);
        typos += distance;
        return distance <= allowed;
      });
      if (!fits) continue;
      found.push({
        type: phrase.entity,
        value: phrase.value,
        start: words[start].start,
        end: words[start + phrase.words.length - 1].end,
        via: phrase.fuzzy ? (typos ? 'fuzzy' : 'list') : 'lookup',
      });
    }
    // Chinese is written without spaces: a Han phrase is found as a substring.
    const written = phrase.words.join('');
    if (HAN.test(written)) {
      const lowered = keyOf(text);
      for (let at = lowered.indexOf(written); at >= 0; at = lowered.indexOf(written, at + 1)) {
        found.push({
          type: phrase.entity,
          value: phrase.value,
          start: at,
          end: at + written.length,
          via: phrase.fuzzy ? 'list' : 'lookup',
        });
      }
    }
  }
  return found;
}

function regexMatches(text: string, entities: readonly CustomEntity[]): Candidate[] {
  const found: Candidate[] = [];
  for (const entity of entities) {
    for (const source of entity.patterns) {
      let pattern: RegExp;
      try {
        pattern = new RegExp(source, 'gi');
      } catch {
        continue; // stored patterns are checked on save; an old bad one finds nothing
      }
      for (const match of text.matchAll(pattern)) {
        if (!match[0]) continue;
        found.push({
          type: entity.name,
          value: match[0],
          start: match.index,
          end: match.index + match[0].length,
          via: 'regex',
        });
      }
    }
  }
  return found;
}

/**
 * The site's custom entities in a message: list values and their synonyms (with typo tolerance),
 * lookup entries (exact, ignoring case and accents) and regexes. Of overlapping matches the longest
 * wins, then exact over fuzzy.
 */
export function matchCustomEntities(
  text: string,
  entities: readonly CustomEntity[],
): CustomEntityMatch[] {
  if (!entities.length) return [];
  const candidates = [
    ...phraseMatches(text, wordsOf(text), phrasesOf(entities)),
    ...regexMatches(text, entities),
  ];
  const rank = { list: 0, lookup: 1, regex: 2, fuzzy: 3 };
  candidates.sort(
    (a, b) => b.end - b.start - (a.end - a.start) || rank[a.via] - rank[b.via] || a.start - b.start,
  );
  const kept: CustomEntityMatch[] = [];
  for (const candidate of candidates) {
    if (kept.some((other) => candidate.start < other.end && candidate.end > other.start)) continue;
    kept.push({ ...candidate, text: text.slice(candidate.start, candidate.end) });
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * The classifier's entity features: one `e:<name>` term per kind of entity in the message, so
 * "send 250 euros to Maria" reads as money + person even when the words are new.
 */
export function withEntityTerms(
  counts: Map<string, number>,
  entityNames: readonly string[] | undefined,
): Map<string, number> {
  for (const name of new Set(entityNames)) counts.set(`e:${name}`, 1);
  return counts;
}

/** The kinds of entities in a training example: marked by the admin, or found as the bot would. */
export function exampleEntityNames(
  text: string,
  annotated: readonly { entity: string }[],
  entities: readonly CustomEntity[],
): string[] {
  return [
    ...new Set([
      ...annotated.map((annotation) => annotation.entity),
      ...matchCustomEntities(text, entities).map((match) => match.type),
      ...extractEntities(text).map((entity) => entity.type),
    ]),
  ];
}
