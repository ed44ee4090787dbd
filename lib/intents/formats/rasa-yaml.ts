import { load, YAMLException } from 'js-yaml';
import type { IntentBundle } from '@/lib/schemas/intent';
import {
  ProblemList,
  validateParsedIntents,
  type LocatedText,
  type ParsedIntent,
} from './parsed-intent';

const NLU_ITEM = /^\s*-\s+(intent|synonym|regex|lookup)\s*:/;
const TOP_LEVEL_KEY = /^[^\s#-][^:]*:/;
// Rasa marks entities inline: [Berlin](city), [Berlin]{"entity": "city"}, [Berlin][{...}]; we keep the text.
const ENTITY_ANNOTATION = /\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\}|\[[^\]]*\])/g;

/** The line of each `- intent:`-like item under `nlu:`, in order (the parser does not keep positions). */
function nluItemLines(lines: string[]): number[] {
  const start = lines.findIndex((line) => /^nlu\s*:/.test(line));
  if (start < 0) return [];
  const found: number[] = [];
  for (let index = start + 1; index < lines.length; index += 1) {
    if (TOP_LEVEL_KEY.test(lines[index])) break;
    if (NLU_ITEM.test(lines[index])) found.push(index + 1);
  }
  return found;
}

/**
 * Rasa NLU training data (YAML, Rasa 2 and 3):
 * `nlu:` → `- intent: NAME` with `examples: |` and one `- example` per line. Synonyms, regexes and
 * lookup tables are skipped; entity annotations are reduced to their text.
 */
export function parseRasaYaml(content: string): IntentBundle[] {
  const problems = new ProblemList();
  let document: unknown;
  try {
    document = load(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof YAMLException) {
      problems.add(error.mark ? error.mark.line + 1 : null, `YAML: ${error.reason}`);
      problems.throwIfAny();
    }
    throw error;
  }
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!isRecord(document) || !('nlu' in document)) {
    problems.add(null, 'The file has no "nlu:" section (expected Rasa NLU training data)');
    problems.throwIfAny();
  }
  const nlu = (document as Record<string, unknown>).nlu;
  const nluLine = lines.findIndex((line) => /^nlu\s*:/.test(line)) + 1 || null;
  if (!Array.isArray(nlu)) {
    problems.add(nluLine, '"nlu:" must be a list of "- intent:" items');
    problems.throwIfAny();
  }
  const itemLines = nluItemLines(lines);
  const lineOfItem = (index: number) =>
    itemLines.length === (nlu as unknown[]).length ? itemLines[index] : nluLine;

  const parsed: ParsedIntent[] = [];
  (nlu as unknown[]).forEach((item, index) => {
    const line = lineOfItem(index);
    if (!isRecord(item)) {
      problems.add(line, 'each item under "nlu:" must be a mapping like "- intent: greet"');
      return;
    }
    if (!('intent' in item)) {
      if (!('synonym' in item || 'regex' in item || 'lookup' in item)) {
        problems.add(line, 'an item under "nlu:" has no "intent:" (nor synonym, regex or lookup)');
      }
      return;
    }
    const name = item.intent;
    if (typeof name !== 'string' && typeof name !== 'number') {
      problems.add(line, '"intent:" must be a name');
      return;
    }
    const examples = item.examples ?? '';
    if (typeof examples !== 'string') {
      problems.add(
        line,
        `intent "${name}": "examples:" must be a block of "- example" lines (use "examples: |")`,
      );
      return;
    }
    parsed.push({
      name: { text: String(name), line },
      examples: readExampleBlock(examples, line, lines, problems, String(name)),
    });
  });
  problems.throwIfAny();
  return validateParsedIntents(parsed, problems);
}

function readExampleBlock(
  block: string,
  itemLine: number | null,
  lines: string[],
  problems: ProblemList,
  intent: string,
): LocatedText[] {
  // The block's first line is the one after "examples:", when we can find it.
  let blockStart: number | null = null;
  if (itemLine !== null) {
    const offset = lines
      .slice(itemLine - 1)
      .findIndex((line) => /^\s*-?\s*examples\s*:/.test(line));
    if (offset >= 0) blockStart = itemLine + offset + 1;
  }
  const examples: LocatedText[] = [];
  block.split('\n').forEach((raw, index) => {
    const text = raw.trim();
    if (!text || text.startsWith('#')) return;
    const line = blockStart === null ? itemLine : blockStart + index;
    if (!text.startsWith('- ') && text !== '-') {
      problems.add(line, `intent "${intent}": each example line must start with "- "`);
      return;
    }
    examples.push({ text: text.slice(1).trim().replace(ENTITY_ANNOTATION, '$1'), line });
  });
  return examples;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PLAIN_NAME = /^[A-Za-z_][\w.\-/]*$/;
const YAML_KEYWORDS = /^(true|false|null|yes|no|on|off|y|n)$/i;

export function serializeRasaYaml(bundles: IntentBundle[]): string {
  const out = ['version: "3.1"', 'nlu:'];
  for (const bundle of bundles) {
    const name =
      PLAIN_NAME.test(bundle.name) && !YAML_KEYWORDS.test(bundle.name)
        ? bundle.name
        : JSON.stringify(bundle.name);
    out.push(`- intent: ${name}`);
    if (!bundle.examples.length) {
      out.push('  examples: ""');
      continue;
    }
    out.push('  examples: |');
    for (const example of bundle.examples) out.push(`    - ${example}`);
  }
  return `${out.join('\n')}\n`;
}
