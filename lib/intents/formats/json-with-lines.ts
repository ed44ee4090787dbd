import { IntentFileError } from './intent-file-error';

/** A JSON value that remembers the line it starts on, so a wrong field can be reported where it is. */
export type JsonNode =
  | { type: 'object'; line: number; entries: Map<string, JsonNode> }
  | { type: 'array'; line: number; items: JsonNode[] }
  | { type: 'string'; line: number; value: string }
  | { type: 'number'; line: number; value: number }
  | { type: 'boolean'; line: number; value: boolean }
  | { type: 'null'; line: number };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** Strict JSON (as JSON.parse reads it), with line numbers on every value and on syntax errors. */
export function parseJsonWithLines(text: string): JsonNode {
  const source = text.replace(/^\uFEFF/, '');
  let position = 0;
  let line = 1;

  const fail = (message: string): never => {
    throw new IntentFileError([{ line, message }]);
  };
  const skipSpace = () => {
    while (position < source.length) {
      const char = source[position];
      if (char === '\n') line += 1;
      else if (char !== ' ' && char !== '\t' && char !== '\r') return;
      position += 1;
    }
  };
  const describeHere = () =>
    position >= source.length ? 'the file ends' : `found ${JSON.stringify(source[position])}`;

  const readString = (): string => {
    STRING.lastIndex = position;
    const match = STRING.exec(source);
    if (!match) fail('a string is not closed or has an invalid escape or control character');
    position += match![0].length;
    return JSON.parse(match![0]) as string;
  };

  const readValue = (depth: number): JsonNode => {
    if (depth > 64) fail('the JSON is nested too deeply');
    skipSpace();
    const at = line;
    const char = source[position];
    if (char === '{') {
      position += 1;
      const entries = new Map<string, JsonNode>();
      skipSpace();
      if (source[position] === '}') {
        position += 1;
        return { type: 'object', line: at, entries };
      }
      for (;;) {
        skipSpace();
        if (source[position] !== '"') fail(`expected a "quoted" key, ${describeHere()}`);
        const key = readString();
        skipSpace();
        if (source[position] !== ':')
          fail(`expected ':' after the key "${key}", ${describeHere()}`);
        position += 1;
        entries.set(key, readValue(depth + 1));
        skipSpace();
        if (source[position] === ',') {
          position += 1;
          continue;
        }
        if (source[position] === '}') {
          position += 1;
          return { type: 'object', line: at, entries };
        }
        fail(`expected ',' or '}' in an object, ${describeHere()}`);
      }
    }
    if (char === '[') {
      position += 1;
      const items: JsonNode[] = [];
      skipSpace();
      if (source[position] === ']') {
        position += 1;
        return { type: 'array', line: at, items };
      }
      for (;;) {
        items.push(readValue(depth + 1));
        skipSpace();
        if (source[position] === ',') {
          position += 1;
          continue;
        }
        if (source[position] === ']') {
          position += 1;
          return { type: 'array', line: at, items };
        }
        fail(`expected ',' or ']' in a list, ${describeHere()}`);
      }
    }
    if (char === '"') return { type: 'string', line: at, value: readString() };
    for (const [word, node] of [
      ['true', { type: 'boolean', line: at, value: true }],
      ['false', { type: 'boolean', line: at, value: false }],
      ['null', { type: 'null', line: at }],
    ] as const) {
      if (source.startsWith(word, position)) {
        position += word.length;
        return node;
      }
    }
    NUMBER.lastIndex = position;
    const number = NUMBER.exec(source);
    if (number) {
      position += number[0].length;
      return { type: 'number', line: at, value: Number(number[0]) };
    }
    return fail(`expected a value, ${describeHere()}`);
  };

  const root = readValue(0);
  skipSpace();
  if (position < source.length)
    fail(`unexpected text after the end of the JSON, ${describeHere()}`);
  return root;
}

export const JSON_TYPE_NAMES: Record<JsonNode['type'], string> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

/** The plain value of a node, for reading it with a zod schema. */
export function plainJson(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries([...node.entries].map(([key, value]) => [key, plainJson(value)]));
    case 'array':
      return node.items.map(plainJson);
    case 'null':
      return null;
    default:
      return node.value;
  }
}
