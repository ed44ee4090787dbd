// Reading and writing training data in the formats teams bring from other tools.
import type { CustomEntity } from '@/lib/schemas/entity';
import type { IntentBundle, IntentFileFormat } from '@/lib/schemas/intent';
import { parseIntentCsv, serializeIntentCsv } from './csv';
import { parseHearthJson, serializeHearthJson } from './hearth-json';
import { parseNlpjsCorpus, serializeNlpjsCorpus } from './nlpjs';
import type {
  FormatCarries,
  IntentFileContent,
  ParsedIntentFile,
  ValidationExample,
} from './parsed-intent';
import { parseRasaYaml, serializeRasaYaml } from './rasa-yaml';

export { IntentFileError, isIntentFileError } from './intent-file-error';
export { OUT_OF_SCOPE_INTENT } from './out-of-scope';
export type { ParsedIntentFile, ValidationExample } from './parsed-intent';

const CARRIES: Record<IntentFileFormat, FormatCarries> = {
  'hearth-json': { responses: true, flags: true },
  nlpjs: { responses: true, flags: false },
  csv: { responses: false, flags: false },
  'rasa-yaml': { responses: true, flags: false },
};

const PARSERS: Record<IntentFileFormat, (content: string) => IntentFileContent> = {
  'hearth-json': parseHearthJson,
  nlpjs: parseNlpjsCorpus,
  csv: parseIntentCsv,
  'rasa-yaml': parseRasaYaml,
};

/** Reads a whole file or throws IntentFileError with line-numbered problems. */
export function parseIntentFile(format: IntentFileFormat, content: string): ParsedIntentFile {
  return { ...PARSERS[format](content), carries: CARRIES[format] };
}

/**
 * What an export file holds: the intents, the entities their examples and responses use, and the
 * site's test phrases (in nlp.js and Hearth JSON).
 */
export interface TrainingData {
  bundles: IntentBundle[];
  entities: CustomEntity[];
  testPhrases?: ValidationExample[];
}

export function serializeIntentFile(
  format: IntentFileFormat,
  { bundles, entities, testPhrases = [] }: TrainingData,
  language = 'en',
): string {
  switch (format) {
    case 'hearth-json':
      return serializeHearthJson(bundles, entities, testPhrases);
    case 'nlpjs':
      return serializeNlpjsCorpus(bundles, language, entities, testPhrases);
    case 'csv':
      return serializeIntentCsv(bundles);
    case 'rasa-yaml':
      return serializeRasaYaml(bundles, entities);
  }
}

/** The format a file is most likely in, from its name and a look at its start. */
export function guessIntentFileFormat(fileName: string, content: string): IntentFileFormat {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'yml' || extension === 'yaml') return 'rasa-yaml';
  if (extension === 'csv') return 'csv';
  const start = content.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    return /"utterances"\s*:/.test(content) ? 'nlpjs' : 'hearth-json';
  }
  return /^(version|nlu|responses)\s*:/m.test(content) ? 'rasa-yaml' : 'csv';
}
