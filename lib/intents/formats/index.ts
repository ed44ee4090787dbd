// Reading and writing training data in the formats teams bring from other tools.
import type { IntentBundle, IntentFileFormat } from '@/lib/schemas/intent';
import { parseIntentCsv, serializeIntentCsv } from './csv';
import { parseHearthJson, serializeHearthJson } from './hearth-json';
import { parseNlpjsCorpus, serializeNlpjsCorpus } from './nlpjs';
import type { FormatCarries, ParsedIntentFile } from './parsed-intent';
import { parseRasaYaml, serializeRasaYaml } from './rasa-yaml';

export { IntentFileError, isIntentFileError } from './intent-file-error';
export type { ParsedIntentFile } from './parsed-intent';

const CARRIES: Record<IntentFileFormat, FormatCarries> = {
  'hearth-json': { responses: true, flags: true },
  nlpjs: { responses: true, flags: false },
  csv: { responses: false, flags: false },
  'rasa-yaml': { responses: false, flags: false },
};

const PARSERS: Record<IntentFileFormat, (content: string) => IntentBundle[]> = {
  'hearth-json': parseHearthJson,
  nlpjs: parseNlpjsCorpus,
  csv: parseIntentCsv,
  'rasa-yaml': parseRasaYaml,
};

/** Reads a whole file or throws IntentFileError with line-numbered problems. */
export function parseIntentFile(format: IntentFileFormat, content: string): ParsedIntentFile {
  return { bundles: PARSERS[format](content), carries: CARRIES[format] };
}

export function serializeIntentFile(
  format: IntentFileFormat,
  bundles: IntentBundle[],
  language = 'en',
): string {
  switch (format) {
    case 'hearth-json':
      return serializeHearthJson(bundles);
    case 'nlpjs':
      return serializeNlpjsCorpus(bundles, language);
    case 'csv':
      return serializeIntentCsv(bundles);
    case 'rasa-yaml':
      return serializeRasaYaml(bundles);
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
  return /^(version|nlu)\s*:/m.test(content) ? 'rasa-yaml' : 'csv';
}
