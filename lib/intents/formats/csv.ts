import type { IntentBundle } from '@/lib/schemas/intent';
import {
  intentsOnly,
  ProblemList,
  validateParsedIntents,
  type IntentFileContent,
  type ParsedIntent,
} from './parsed-intent';

interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * RFC 4180: fields separated by commas, quoted with " when they hold commas, quotes or line breaks
 * ("" inside quotes is one quote). Each record remembers the line it starts on.
 */
export function readCsvRecords(content: string, problems: ProblemList): CsvRecord[] {
  const source = content.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let position = 0;
  let quotedFieldLine = 0;

  const endRecord = () => {
    fields.push(field);
    // A blank line is not a record.
    if (fields.length > 1 || fields[0] !== '') records.push({ fields, line: recordLine });
    fields = [];
    field = '';
  };

  while (position < source.length) {
    const char = source[position];
    if (char === '"' && field === '' && quotedFieldLine === 0) {
      quotedFieldLine = line;
      position += 1;
      for (;;) {
        if (position >= source.length) {
          problems.add(quotedFieldLine, 'a quoted field is never closed (a " is missing)');
          return records;
        }
        const inner = source[position];
        if (inner === '"') {
          if (source[position + 1] === '"') {
            field += '"';
            position += 2;
            continue;
          }
          position += 1;
          break;
        }
        if (inner === '\n') line += 1;
        field += inner;
        position += 1;
      }
      const next = source[position];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        problems.add(
          line,
          'text follows a closing quote; write "" for a quote inside a quoted field',
        );
        while (position < source.length && source[position] !== '\n') position += 1;
      }
      // An empty quoted field stays distinguishable from "no field yet" until the separator.
      quotedFieldLine = -1;
      continue;
    }
    if (char === ',') {
      fields.push(field);
      field = '';
      quotedFieldLine = 0;
      position += 1;
      continue;
    }
    if (char === '\n' || char === '\r') {
      endRecord();
      quotedFieldLine = 0;
      position += char === '\r' && source[position + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    if (char === '"') {
      problems.add(
        line,
        'a " inside an unquoted field; quote the whole field and write "" for the quote',
      );
    }
    field += char;
    position += 1;
  }
  if (field !== '' || fields.length || quotedFieldLine === -1) endRecord();
  return records;
}

/** CSV with two columns, `text,intent`, one example per row; a header row is optional. */
export function parseIntentCsv(content: string): IntentFileContent {
  const problems = new ProblemList();
  const records = readCsvRecords(content, problems);
  problems.throwIfAny();
  const header = records[0]?.fields.map((field) => field.trim().toLowerCase());
  const rows = header?.[0] === 'text' && header[1] === 'intent' ? records.slice(1) : records;
  if (!rows.length) problems.add(null, 'The file has no rows: expected text,intent on each line');
  const parsed: ParsedIntent[] = [];
  for (const { fields, line } of rows) {
    if (fields.length !== 2) {
      problems.add(
        line,
        `expected 2 fields (text,intent), found ${fields.length}` +
          (fields.length > 2 ? '; put text that contains commas in "double quotes"' : ''),
      );
      continue;
    }
    parsed.push({ name: { text: fields[1], line }, examples: [{ text: fields[0], line }] });
  }
  problems.throwIfAny();
  return intentsOnly(validateParsedIntents(parsed, problems));
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim()
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

export function serializeIntentCsv(bundles: IntentBundle[]): string {
  const rows = ['text,intent'];
  for (const bundle of bundles) {
    for (const example of bundle.examples)
      rows.push(`${csvField(example)},${csvField(bundle.name)}`);
  }
  return `${rows.join('\n')}\n`;
}
