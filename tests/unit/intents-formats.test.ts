import { describe, expect, it } from 'vitest';
import {
  guessIntentFileFormat,
  IntentFileError,
  parseIntentFile,
  serializeIntentFile,
} from '@/lib/intents/formats';
import type { IntentBundle, IntentFileFormat } from '@/lib/schemas/intent';

function problemsOf(format: IntentFileFormat, content: string) {
  try {
    parseIntentFile(format, content);
  } catch (error) {
    if (error instanceof IntentFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

const bundles: IntentBundle[] = [
  {
    name: 'order_status',
    description: 'Where is my order',
    examples: ['where is my order', 'track "parcel", please', 'order #AB-1234 status'],
    responses: ['Your order {orderNumber} is on its way.', 'Let me check.'],
    quickReplies: ['Track order'],
    handoff: false,
    rephrase: true,
    annotations: { 'order #AB-1234 status': [{ start: 6, end: 14, entity: 'order_number' }] },
    slots: [{ entity: 'orderNumber', prompt: 'What is your order number?' }],
  },
  {
    name: 'agent.human',
    description: null,
    examples: ['talk to a human', 'real person: now'],
    responses: ['Connecting you.'],
    quickReplies: [],
    handoff: true,
    rephrase: false,
    annotations: {},
    slots: [],
  },
];
const data = { bundles, entities: [] };
const examplesOnly = bundles.map((bundle) => ({
  ...bundle,
  description: null,
  responses: [],
  quickReplies: [],
  handoff: false,
  rephrase: false,
  annotations: {},
  slots: [],
}));

describe('round trips', () => {
  it('Hearth JSON keeps everything', () => {
    const text = serializeIntentFile('hearth-json', data);
    expect(parseIntentFile('hearth-json', text).bundles).toEqual(bundles);
  });

  it('nlp.js corpus keeps examples and answers', () => {
    const text = serializeIntentFile('nlpjs', data, 'en');
    expect(JSON.parse(text).locale).toBe('en-US');
    expect(parseIntentFile('nlpjs', text).bundles).toEqual(
      bundles.map((bundle, index) => ({ ...examplesOnly[index], responses: bundle.responses })),
    );
  });

  it('CSV keeps examples, quoting commas, quotes and colons', () => {
    const text = serializeIntentFile('csv', data);
    expect(text.split('\n')[0]).toBe('text,intent');
    expect(text).toContain('"track ""parcel"", please",order_status');
    expect(parseIntentFile('csv', text).bundles).toEqual(examplesOnly);
  });

  it('Rasa YAML keeps examples, annotations and responses', () => {
    const text = serializeIntentFile('rasa-yaml', data);
    expect(text).toContain('- intent: order_status\n  examples: |\n    - where is my order');
    expect(text).toContain('    - order [#AB-1234](order_number) status');
    expect(parseIntentFile('rasa-yaml', text).bundles).toEqual(
      bundles.map((bundle, index) => ({
        ...examplesOnly[index],
        responses: bundle.responses,
        annotations: bundle.annotations,
      })),
    );
  });
});

describe('Rasa NLU YAML', () => {
  it('reads intents, annotations and synonyms, and counts exact repeats', () => {
    const file = [
      'version: "3.1"',
      'nlu:',
      '- intent: greet',
      '  examples: |',
      '    - hey',
      '    - hello there',
      '- synonym: credit',
      '  examples: |',
      '    - credit card',
      '- intent: check_order',
      '  examples: |',
      '    - where is order [AB-1234](order_number)',
      '    - status of [my parcel]{"entity": "item"}',
      '- intent: greet',
      '  examples: |',
      '    - hi',
    ].join('\n');
    const parsed = parseIntentFile('rasa-yaml', `${file}\n    - hey\n`);
    expect(parsed.bundles.map((b) => [b.name, b.examples])).toEqual([
      ['greet', ['hey', 'hello there', 'hi']],
      ['check_order', ['where is order AB-1234', 'status of my parcel']],
    ]);
    expect(parsed.repeatedExamples).toBe(1);
    expect(parsed.bundles[1].annotations['status of my parcel']).toEqual([
      { start: 10, end: 19, entity: 'item' },
    ]);
    expect(parsed.entities).toEqual([
      {
        name: 'synonyms',
        values: [{ value: 'credit', synonyms: ['credit card'] }],
        lookup: [],
        patterns: [],
      },
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf(
      'rasa-yaml',
      'nlu:\n- intent: greet\n  examples: |\n    - hi\n  bad: [unclosed\n',
    );
    expect(problems[0].line).toBeGreaterThanOrEqual(5);
    expect(problems[0].message).toMatch(/^YAML:/);
  });

  it('reads example lines with or without "- "', () => {
    const file =
      'nlu:\n- intent: greet\n  examples: |\n    - hi\n    hello\n- intent: bye\n  examples: |\n    - bye\n';
    expect(parseIntentFile('rasa-yaml', file).bundles.map((b) => b.examples)).toEqual([
      ['hi', 'hello'],
      ['bye'],
    ]);
  });

  it('reports a bad intent name at the line of its item', () => {
    const file =
      'nlu:\n- intent: greet\n  examples: |\n    - hi\n- intent: has space\n  examples: |\n    - x\n';
    const [problem] = problemsOf('rasa-yaml', file);
    expect(problem.line).toBe(5);
    expect(problem.message).toMatch(/intent name "has space"/);
  });

  it('refuses a file without an nlu section', () => {
    expect(problemsOf('rasa-yaml', 'version: "3.1"\nrules: []\n')[0].message).toMatch(
      /no "nlu:" or "responses:"/,
    );
  });
});

describe('CSV', () => {
  it('reads rows without a header, multi-line quoted fields and CRLF', () => {
    const file = 'hello,greet\r\n"two\nlines",greet\r\n\r\nbye,goodbye\r\n';
    expect(parseIntentFile('csv', file).bundles.map((b) => [b.name, b.examples])).toEqual([
      ['greet', ['hello', 'two\nlines'].map((t) => t)],
      ['goodbye', ['bye']],
    ]);
  });

  it('counts lines across quoted line breaks when reporting', () => {
    const file = 'text,intent\n"a\nb",greet\nx,y,z\n';
    expect(problemsOf('csv', file)).toEqual([
      {
        line: 4,
        message:
          'expected 2 fields (text,intent), found 3; put text that contains commas in "double quotes"',
      },
    ]);
  });

  it('reports an unclosed quote at the line it opens', () => {
    expect(problemsOf('csv', 'hi,greet\n"never closed,greet\nbye,bye\n')).toEqual([
      { line: 2, message: 'a quoted field is never closed (a " is missing)' },
    ]);
  });

  it('reports every bad row, sorted, up to a limit', () => {
    const rows = ['ok,greet', ',greet', 'fine,bad name', 'x'.repeat(501) + ',greet'];
    const problems = problemsOf('csv', rows.join('\n'));
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4]);
    const many = Array.from({ length: 50 }, () => 'only-one-field').join('\n');
    expect(problemsOf('csv', many)).toHaveLength(20);
  });
});

describe('JSON formats', () => {
  it('reports a JSON syntax error at its line', () => {
    const file = '{\n  "format": "hearth-intents",\n  "intents": [\n    { "name": "a" },\n  ]\n}';
    const [problem] = problemsOf('hearth-json', file);
    expect(problem.line).toBe(5);
    expect(problem.message).toMatch(/expected a value/);
  });

  it('reports wrong field types at the field line', () => {
    const file = '{\n "intents": [\n  {\n   "name": "a",\n   "examples": "not a list"\n  }\n ]\n}';
    expect(problemsOf('hearth-json', file)).toEqual([
      { line: 5, message: 'Intent 1: "examples" must be a list of strings, found a string' },
    ]);
  });

  it('reads nlp.js answers written as objects and reports a missing intent', () => {
    const corpus = {
      name: 'c',
      locale: 'en-US',
      data: [{ intent: 'greet', utterances: ['hi'], answers: [{ answer: 'Hello!' }] }],
    };
    expect(parseIntentFile('nlpjs', JSON.stringify(corpus)).bundles[0].responses).toEqual([
      'Hello!',
    ]);
    const broken = '{\n "data": [\n  { "utterances": ["hi"] }\n ]\n}';
    expect(problemsOf('nlpjs', broken)).toEqual([
      { line: 3, message: 'Entry 1 of "data": "intent" is missing' },
    ]);
  });
});

describe('guessing the format', () => {
  it('uses the extension, then the content', () => {
    expect(guessIntentFileFormat('nlu.yml', '')).toBe('rasa-yaml');
    expect(guessIntentFileFormat('data.csv', '')).toBe('csv');
    expect(guessIntentFileFormat('corpus.json', '{"data":[{"utterances":[]}]}')).toBe('nlpjs');
    expect(guessIntentFileFormat('export.json', '{"intents":[]}')).toBe('hearth-json');
    expect(guessIntentFileFormat('paste', 'nlu:\n- intent: x')).toBe('rasa-yaml');
  });
});
