import {
  CustomEntitySchema,
  type CustomEntity,
  type ExampleAnnotation,
} from '@/lib/schemas/entity';
import type { ImportProblem, IntentBundle } from '@/lib/schemas/intent';
import { expectArray, expectObject, jsonFields } from './json-fields';
import { JSON_TYPE_NAMES, parseJsonWithLines, type JsonNode } from './json-with-lines';
import { fromOutOfScope, toOutOfScope } from './out-of-scope';
import {
  byLine,
  ProblemList,
  validateParsedIntents,
  type IntentFileContent,
  type LocatedExample,
  type ParsedIntent,
  type ValidationExample,
} from './parsed-intent';

const NLPJS_OUT_OF_SCOPE = 'None';
const KNOWN_ROOT_KEYS = new Set(['name', 'locale', 'data', 'entities', 'contextData']);
const KNOWN_ENTRY_KEYS = new Set(['intent', 'utterances', 'answers', 'tests']);
// nlp.js expands "[a|b]" into one utterance per choice; a runaway pattern is cut here and reported.
const MAX_EXPANSIONS = 200;
const CHOICE = /\[([^[\]]*\|[^[\]]*)\]/;
const ENTITY_REFERENCE = /(?<![\p{L}\p{N}_.])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*)/gu;
const ANSWER_VARIABLE = /\{\{\s*([\p{L}\p{N}_.-]+)\s*\}\}/gu;

/** "I [want|need] to [go|leave]" → four utterances; "[please|]" may be left out. */
export function expandChoices(pattern: string): string[] {
  const match = CHOICE.exec(pattern);
  if (!match) return [pattern.replace(/\s+/g, ' ').trim()];
  const before = pattern.slice(0, match.index);
  const after = pattern.slice(match.index + match[0].length);
  const expanded: string[] = [];
  for (const choice of match[1].split('|')) {
    for (const rest of expandChoices(before + choice + after)) {
      if (!expanded.includes(rest)) expanded.push(rest);
      if (expanded.length >= MAX_EXPANSIONS + 1) return expanded;
    }
  }
  return expanded;
}

/** `@hero` in an utterance stands for any value of the entity: marked as an annotation. */
function entityReferences(text: string): ExampleAnnotation[] {
  return [...text.matchAll(ENTITY_REFERENCE)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    entity: match[1],
  }));
}

/** "/\b\d{5}\b/gi" → "\b\d{5}\b" (we always match case-insensitively). */
function regexSource(literal: string): string {
  const match = /^\/(.*)\/[a-z]*$/s.exec(literal.trim());
  return match ? match[1] : literal;
}

type ObjectNode = Extract<JsonNode, { type: 'object' }>;

function readEntities(
  node: JsonNode | undefined,
  problems: ProblemList,
  skip: (line: number | null, message: string) => void,
): CustomEntity[] {
  if (!node || node.type === 'null') return [];
  const root = expectObject(node, problems, '"entities"');
  if (!root) return [];
  const entities: CustomEntity[] = [];
  for (const [name, definitionNode] of root.entries) {
    const definition = expectObject(definitionNode, problems, `entity "${name}"`);
    if (!definition) continue;
    const entity: CustomEntity = { name, values: [], lookup: [], patterns: [] };
    for (const [key, value] of definition.entries) {
      if (key === 'options') {
        const options = expectObject(value, problems, `entity "${name}": "options"`);
        for (const [optionValue, synonymsNode] of options?.entries ?? []) {
          const synonyms = jsonFields(options!, problems, `entity "${name}"`).texts(optionValue);
          if (synonymsNode.type !== 'array') continue;
          entity.values.push({
            value: optionValue,
            synonyms: synonyms.map((s) => s.text).filter((s) => s !== optionValue),
          });
        }
      } else if (key === 'regex') {
        const literals =
          value.type === 'string'
            ? [value.value]
            : jsonFields(definition, problems, `entity "${name}"`)
                .texts('regex')
                .map((t) => t.text);
        entity.patterns.push(...literals.map(regexSource));
      } else if (key === 'trim') {
        skip(
          value.line,
          `entity "${name}": "trim" (text between words) is not supported; the entity is imported without it`,
        );
      } else {
        skip(value.line, `entity "${name}": "${key}" is not kept`);
      }
    }
    const result = CustomEntitySchema.safeParse(entity);
    if (result.success) entities.push(result.data);
    else problems.add(definition.line, `entity "${name}": ${result.error.issues[0].message}`);
  }
  return entities;
}

/**
 * nlp.js corpus: `{ "name", "locale", "contextData", "entities", "data": [{ "intent", "utterances",
 * "answers", "tests" }] }`. Utterance patterns are expanded, `@entity` references become annotations,
 * `{{ entity }}` in answers becomes `{entity}`, tests become the site's test phrases, `None` is the
 * out-of-scope class. What Hearth cannot keep is listed line by line.
 */
export function parseNlpjsCorpus(content: string): IntentFileContent {
  const problems = new ProblemList();
  const notImported: ImportProblem[] = [];
  const skip = (line: number | null, message: string) => notImported.push({ line, message });
  const root = expectObject(parseJsonWithLines(content), problems, 'The corpus');
  problems.throwIfAny();
  const fields = jsonFields(root!, problems, 'The corpus');
  const locale = fields.text('locale', false)?.text ?? null;
  for (const [key, value] of root!.entries) {
    if (key === 'contextData') {
      skip(
        value.line,
        `"contextData" (${value.type === 'object' ? `${value.entries.size} keys` : JSON_TYPE_NAMES[value.type]}) is not kept: answers that read it are left with the text`,
      );
    } else if (!KNOWN_ROOT_KEYS.has(key)) {
      skip(value.line, `"${key}" is not nlp.js training data Hearth reads`);
    }
  }
  const entities = readEntities(root!.entries.get('entities'), problems, skip);
  const parsed: ParsedIntent[] = [];
  const validation: ValidationExample[] = [];
  expectArray(root!.entries.get('data'), problems, '"data"', root!.line).forEach((item, index) => {
    const where = `Entry ${index + 1} of "data"`;
    const entry = expectObject(item, problems, where);
    if (!entry) return;
    const read = jsonFields(entry, problems, where);
    const name = read.text('intent', true);
    if (!name) return;
    const intent = fromOutOfScope(name.text, NLPJS_OUT_OF_SCOPE);
    for (const [key, value] of entry.entries) {
      if (!KNOWN_ENTRY_KEYS.has(key))
        skip(value.line, `intent "${name.text}": "${key}" is not kept`);
    }
    const examples: LocatedExample[] = [];
    for (const utterance of read.texts('utterances')) {
      const expanded = expandChoices(utterance.text);
      if (expanded.length > MAX_EXPANSIONS) {
        skip(
          utterance.line,
          `intent "${name.text}": "${utterance.text}" expands to more than ${MAX_EXPANSIONS} utterances; the first ${MAX_EXPANSIONS} are imported`,
        );
      }
      for (const text of expanded.slice(0, MAX_EXPANSIONS)) {
        examples.push({ text, line: utterance.line, annotations: entityReferences(text) });
      }
    }
    const answers = readAnswers(entry, problems, skip, name.text);
    for (const test of read.texts('tests')) {
      const text = test.text.trim();
      if (text) validation.push({ intent, text });
    }
    parsed.push({ name: { text: intent, line: name.line }, examples, responses: answers });
  });
  problems.throwIfAny();
  const validated = validateParsedIntents(parsed, problems);
  return { ...validated, entities, validation, locale, notImported: byLine(notImported) };
}

function readAnswers(
  entry: ObjectNode,
  problems: ProblemList,
  skip: (line: number | null, message: string) => void,
  intent: string,
) {
  const answers = jsonFields(entry, problems, `intent "${intent}"`).texts('answers', (answer) => {
    for (const [key, value] of answer.entries) {
      if (key !== 'answer')
        skip(value.line, `intent "${intent}": answer "${key}" (conditions, options) is not kept`);
    }
    return answer.entries.get('answer');
  });
  return answers.map((answer) => ({
    ...answer,
    text: answer.text.replace(ANSWER_VARIABLE, (variable: string, name: string) => {
      if (name.includes('.')) {
        skip(answer.line, `intent "${intent}": ${variable} reads contextData, which is not kept`);
        return variable;
      }
      return `{${name}}`;
    }),
  }));
}

/** BCP 47 tags nlp.js uses for our site languages. */
const LOCALES: Record<string, string> = {
  en: 'en-US',
  zh: 'zh-CN',
  es: 'es-ES',
  fr: 'fr-FR',
  de: 'de-DE',
  pt: 'pt-PT',
  it: 'it-IT',
};

export function serializeNlpjsCorpus(
  bundles: IntentBundle[],
  language: string,
  entities: CustomEntity[] = [],
  testPhrases: ValidationExample[] = [],
): string {
  const corpus = {
    name: 'Hearth export',
    locale: LOCALES[language] ?? language,
    ...(entities.length && {
      entities: Object.fromEntries(
        entities.map((entity) => {
          const options = Object.fromEntries([
            ...entity.values.map(({ value, synonyms }) => [value, [value, ...synonyms]]),
            ...entity.lookup.map((value) => [value, [value]]),
          ]);
          const patterns = entity.patterns.map((pattern) => `/${pattern}/gi`);
          return [
            entity.name,
            {
              ...(Object.keys(options).length && { options }),
              ...(patterns.length && { regex: patterns.length === 1 ? patterns[0] : patterns }),
            },
          ];
        }),
      ),
    }),
    data: bundles.map((bundle) => {
      const tests = testPhrases
        .filter((phrase) => phrase.intent === bundle.name)
        .map((phrase) => phrase.text);
      return {
        intent: toOutOfScope(bundle.name, NLPJS_OUT_OF_SCOPE),
        utterances: bundle.examples,
        answers: bundle.responses.map((response) =>
          response.replace(/\{([\p{L}\p{N}_.-]+)(?:\|[^}]*)?\}/gu, '{{ $1 }}'),
        ),
        ...(tests.length && { tests }),
      };
    }),
  };
  return `${JSON.stringify(corpus, null, 2)}\n`;
}
