import type { IntentBundle } from '@/lib/schemas/intent';
import { expectArray, expectObject, jsonFields } from './json-fields';
import { parseJsonWithLines } from './json-with-lines';
import { ProblemList, validateParsedIntents, type ParsedIntent } from './parsed-intent';

const FORMAT_TAG = 'hearth-intents';

/**
 * Our own format carries everything an intent has:
 * `{ "format": "hearth-intents", "version": 1, "intents": [{ "name", "description", "examples",
 * "responses", "quickReplies", "handoff", "rephrase" }] }`.
 */
export function parseHearthJson(content: string): IntentBundle[] {
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
      parsed.push({
        name,
        description: read.text('description', false)?.text ?? null,
        examples: read.texts('examples'),
        responses: read.texts('responses'),
        quickReplies: read.texts('quickReplies'),
        handoff: read.boolean('handoff'),
        rephrase: read.boolean('rephrase'),
      });
    },
  );
  problems.throwIfAny();
  return validateParsedIntents(parsed, problems);
}

export function serializeHearthJson(bundles: IntentBundle[]): string {
  return `${JSON.stringify({ format: FORMAT_TAG, version: 1, intents: bundles }, null, 2)}\n`;
}
