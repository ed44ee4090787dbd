import { JSON_TYPE_NAMES, type JsonNode } from './json-with-lines';
import type { LocatedText, ProblemList } from './parsed-intent';

type ObjectNode = Extract<JsonNode, { type: 'object' }>;

/** Reads typed fields from a JSON object, reporting wrong types at their line. */
export function jsonFields(node: ObjectNode, problems: ProblemList, where: string) {
  const wrongType = (key: string, value: JsonNode, expected: string) =>
    problems.add(
      value.line,
      `${where}: "${key}" must be ${expected}, found ${JSON_TYPE_NAMES[value.type]}`,
    );

  return {
    /** A required or optional string; numbers are taken as their text (nlp.js ids, Rasa-style names). */
    text(key: string, required: boolean): LocatedText | undefined {
      const value = node.entries.get(key);
      if (!value || value.type === 'null') {
        if (required) problems.add(node.line, `${where}: "${key}" is missing`);
        return undefined;
      }
      if (value.type === 'string') return { text: value.value, line: value.line };
      if (value.type === 'number') return { text: String(value.value), line: value.line };
      wrongType(key, value, 'a string');
      return undefined;
    },
    boolean(key: string): boolean | undefined {
      const value = node.entries.get(key);
      if (!value || value.type === 'null') return undefined;
      if (value.type === 'boolean') return value.value;
      wrongType(key, value, 'true or false');
      return undefined;
    },
    /** A list of strings; `pick` reads texts out of object items (nlp.js answers may be objects). */
    texts(key: string, pick?: (item: ObjectNode) => JsonNode | undefined): LocatedText[] {
      const value = node.entries.get(key);
      if (!value || value.type === 'null') return [];
      if (value.type !== 'array') {
        wrongType(key, value, 'a list of strings');
        return [];
      }
      const texts: LocatedText[] = [];
      for (const item of value.items) {
        const picked = item.type === 'object' && pick ? pick(item) : item;
        if (picked?.type === 'string') texts.push({ text: picked.value, line: picked.line });
        else problems.add(item.line, `${where}: every item of "${key}" must be a string`);
      }
      return texts;
    },
  };
}

export function expectObject(
  node: JsonNode,
  problems: ProblemList,
  what: string,
): ObjectNode | undefined {
  if (node.type === 'object') return node;
  problems.add(node.line, `${what} must be an object, found ${JSON_TYPE_NAMES[node.type]}`);
  return undefined;
}

export function expectArray(
  node: JsonNode | undefined,
  problems: ProblemList,
  what: string,
  line: number,
): JsonNode[] {
  if (node?.type === 'array') return node.items;
  problems.add(
    node?.line ?? line,
    node ? `${what} must be a list, found ${JSON_TYPE_NAMES[node.type]}` : `${what} is missing`,
  );
  return [];
}
