import {
  CustomEntitySchema,
  ExampleAnnotationsSchema,
  type CustomEntity,
} from '@/lib/schemas/entity';
import { z } from 'zod';
import { IntentSlotsSchema, TestPhraseSchema, type IntentBundle } from '@/lib/schemas/intent';
import { expectArray, expectObject, jsonFields } from './json-fields';
import { plainJson, parseJsonWithLines, type JsonNode } from './json-with-lines';
import {
  intentsOnly,
  ProblemList,
  validateParsedIntents,
  type IntentFileContent,
  type ParsedIntent,
  type ValidationExample,
} from './parsed-intent';

const FORMAT_TAG = 'hearth-intents';

/**
 * Our own format carries everything an intent has:
 * `{ "format": "hearth-intents", "version": 1, "intents": [{ "name", "description", "examples",
 * "responses", "quickReplies", "handoff", "rephrase", "annotations", "slots" }], "entities": [...],
 * "testPhrases": [{ "intent", "text" }] }`.
 */
export function parseHearthJson(content: string): IntentFileContent {
  const problems = new ProblemList();
  const root = expectObject(parseJsonWithLines(content), problems, 'The file');
  problems.throwIfAny();
  const fields = jsonFields(root!, problems, 'The file');
  const tag = fields.text('format', false);
  if (tag && tag.text !== FORMAT_TAG) {
    problems.add(tag.line, `"format" is "${tag.text}", expected "${FORMAT_TAG}"`);
  }
  const parsed: ParsedIntent[] = [];
  expectArray(root!.entries.get('intents'), problems, '"intents"', root!.line).forEach(
    (item, index) => {
      const intent = expectObject(item, problems, `Intent ${index + 1}`);
      if (!intent) return;
      const read = jsonFields(intent, problems, `Intent ${index + 1}`);
      const name = read.text('name', true);
      if (!name) return;
      const annotationsNode = intent.entries.get('annotations');
      const annotations = annotationsNode?.type === 'object' ? annotationsNode.entries : undefined;
      parsed.push({
        name,
        description: read.text('description', false)?.text ?? null,
        examples: read.texts('examples').map((example) => ({
          ...example,
          annotations: readWith(
            annotations?.get(example.text),
            (value) => ExampleAnnotationsSchema.parse(value),
            problems,
            `annotations of "${example.text}"`,
            example.line,
          ),
        })),
        responses: read.texts('responses'),
        quickReplies: read.texts('quickReplies'),
        handoff: read.boolean('handoff'),
        rephrase: read.boolean('rephrase'),
        slots: readWith(
          intent.entries.get('slots'),
          (value) => IntentSlotsSchema.parse(value),
          problems,
          `slots of ${name.text}`,
        ),
      });
    },
  );
  const entities: CustomEntity[] = [];
  const entitiesNode = root!.entries.get('entities');
  if (entitiesNode) {
    expectArray(entitiesNode, problems, '"entities"', root!.line).forEach((item, index) => {
      const entity = readWith(
        item,
        (value) => CustomEntitySchema.parse(value),
        problems,
        `Entity ${index + 1}`,
      );
      if (entity) entities.push(entity);
    });
  }
  const testPhrases = readWith(
    root!.entries.get('testPhrases'),
    (value) => z.array(TestPhraseSchema).parse(value),
    problems,
    '"testPhrases"',
  );
  problems.throwIfAny();
  return {
    ...intentsOnly(validateParsedIntents(parsed, problems)),
    entities,
    validation: testPhrases ?? [],
  };
}

/** Reads a JSON value through a parser, reporting where it failed. */
function readWith<T>(
  node: JsonNode | undefined,
  parse: (value: unknown) => T,
  problems: ProblemList,
  what: string,
  line: number | null = node?.line ?? null,
): T | undefined {
  if (!node) return undefined;
  try {
    return parse(plainJson(node));
  } catch (error) {
    const message = (error as { issues?: { message: string }[] }).issues?.[0]?.message;
    problems.add(line, `${what}: ${message ?? (error as Error).message}`);
    return undefined;
  }
}

export function serializeHearthJson(
  bundles: IntentBundle[],
  entities: CustomEntity[] = [],
  testPhrases: ValidationExample[] = [],
): string {
  const file = {
    format: FORMAT_TAG,
    version: 2,
    intents: bundles,
    entities,
    ...(testPhrases.length && { testPhrases }),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
