import type { IntentBundle } from '@/lib/schemas/intent';
import { expectArray, expectObject, jsonFields } from './json-fields';
import { parseJsonWithLines } from './json-with-lines';
import { ProblemList, validateParsedIntents, type ParsedIntent } from './parsed-intent';

/**
 * nlp.js corpus: `{ "name", "locale", "data": [{ "intent", "utterances": [...], "answers": [...] }] }`.
 * Answers may be strings or `{ "answer": "..." }` objects; entities and context data are not ours to keep.
 */
export function parseNlpjsCorpus(content: string): IntentBundle[] {
  const problems = new ProblemList();
  const root = expectObject(parseJsonWithLines(content), problems, 'The corpus');
  problems.throwIfAny();
  const parsed: ParsedIntent[] = [];
  expectArray(root!.entries.get('data'), problems, '"data"', root!.line).forEach((item, index) => {
    const entry = expectObject(item, problems, `Entry ${index + 1} of "data"`);
    if (!entry) return;
    const read = jsonFields(entry, problems, `Entry ${index + 1} of "data"`);
    const name = read.text('intent', true);
    if (!name) return;
    parsed.push({
      name,
      examples: read.texts('utterances'),
      responses: read.texts('answers', (answer) => answer.entries.get('answer')),
    });
  });
  problems.throwIfAny();
  return validateParsedIntents(parsed, problems);
}

const LOCALES: Record<string, string> = { en: 'en-US', zh: 'zh-CN' };

export function serializeNlpjsCorpus(bundles: IntentBundle[], language: string): string {
  const corpus = {
    name: 'Hearth export',
    locale: LOCALES[language] ?? language,
    data: bundles.map((bundle) => ({
      intent: bundle.name,
      utterances: bundle.examples,
      answers: bundle.responses,
    })),
  };
  return `${JSON.stringify(corpus, null, 2)}\n`;
}
