import { preprocess, type Language } from '@/lib/nlp';

/**
 * Question and helper words tell intents apart ("where" vs "how") but say nothing about which
 * article answers, so retrieval drops them; so do light verbs ("can the mugs go in the dishwasher").
 */
const NOT_TOPICAL = new Set(
  (
    'how what why where when which who whom whose can could would should will shall may might must ' +
    'get got make take up out off more still too only same over under few much many long not no nor ' +
    'never cannot without again before after do does did done please want need like know tell ' +
    'go goes going put use let keep give come thing things anything something'
  ).split(' '),
);

/** Stemmed topical words, as the sparse (BM25) index sees a text. */
export function retrievalTerms(text: string, language: Language): string[] {
  const steps = preprocess(text, language);
  return steps.withoutStopwords
    .map((word, i) => (NOT_TOPICAL.has(word) ? null : steps.stems[i]))
    .filter((term): term is string => term !== null);
}
