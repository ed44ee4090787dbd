import { load, YAMLException } from 'js-yaml';
import { CustomEntitySchema, type CustomEntity } from '@/lib/schemas/entity';
import type { ImportProblem, IntentBundle } from '@/lib/schemas/intent';
import { fromOutOfScope, toOutOfScope } from './out-of-scope';
import {
  byLine,
  ProblemList,
  validateParsedIntents,
  type IntentFileContent,
  type LocatedExample,
  type LocatedText,
  type ParsedIntent,
} from './parsed-intent';
import { readRasaAnnotations, writeRasaAnnotations } from './rasa-annotations';

const RASA_OUT_OF_SCOPE = 'out_of_scope';
const NLU_ITEM = /^\s*-\s+(intent|synonym|regex|lookup)\s*:/;
const TOP_LEVEL_KEY = /^([^\s#-][^:]*):/;
// Parts of a Rasa project that describe conversations, not training data.
const DIALOGUE_KEYS: Record<string, string> = {
  stories: 'stories',
  rules: 'rules',
  forms: 'forms',
  slots: 'slots',
  actions: 'custom actions',
  session_config: 'the session configuration',
  e2e_actions: 'end-to-end actions',
};
const KNOWN_KEYS = new Set(['version', 'nlu', 'responses', 'intents', 'entities']);
const RESPONSE_EXTRAS: Record<string, string> = {
  buttons: 'buttons',
  image: 'an image',
  custom: 'a custom payload',
  condition: 'a condition',
  channel: 'a channel',
  attachment: 'an attachment',
  elements: 'elements',
  quick_replies: 'quick replies',
  metadata: 'metadata',
};

/** Where things are in the file (js-yaml does not keep positions). */
class RasaLines {
  readonly lines: string[];
  constructor(content: string) {
    this.lines = content.split(/\r?\n/);
  }

  topLevel(key: string): number | null {
    const index = this.lines.findIndex((line) => TOP_LEVEL_KEY.exec(line)?.[1].trim() === key);
    return index < 0 ? null : index + 1;
  }

  /** The line of each `- intent:`-like item under `nlu:`, in order. */
  nluItems(): number[] {
    const start = this.topLevel('nlu');
    if (start === null) return [];
    const found: number[] = [];
    for (let index = start; index < this.lines.length; index += 1) {
      if (TOP_LEVEL_KEY.test(this.lines[index])) break;
      if (NLU_ITEM.test(this.lines[index])) found.push(index + 1);
    }
    return found;
  }

  /** The first line at or after `from` that matches. */
  after(from: number | null, pattern: RegExp): number | null {
    if (from === null) return null;
    const offset = this.lines.slice(from - 1).findIndex((line) => pattern.test(line));
    return offset < 0 ? null : from + offset;
  }

  response(name: string): number | null {
    const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    return this.after(this.topLevel('responses'), new RegExp(`^\\s+["']?${escaped}["']?\\s*:`));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Lines of an `examples: |` block, with or without the leading "- " (Rasa reads both). */
function blockLines(block: string, blockStart: number | null): LocatedText[] {
  const found: LocatedText[] = [];
  block.split('\n').forEach((raw, index) => {
    const text = raw.trim();
    if (!text || text.startsWith('#')) return;
    found.push({
      text: text.startsWith('- ') || text === '-' ? text.slice(1).trim() : text,
      line: blockStart === null ? null : blockStart + index,
    });
  });
  return found;
}

/**
 * Rasa training data and domain (YAML, Rasa 2 and 3): `nlu:` intents (examples as a `|` block with
 * or without "- ", or as a list of `text:` items), entity annotations with roles and groups,
 * synonyms, regexes and lookup tables; `responses:` `utter_<intent>` with their variants. What Hearth
 * cannot keep (stories, rules, metadata, buttons, images…) is listed line by line.
 */
export function parseRasaYaml(content: string): IntentFileContent {
  const source = content.replace(/^\uFEFF/, '');
  const problems = new ProblemList();
  const notImported: ImportProblem[] = [];
  const skip = (line: number | null, message: string) => notImported.push({ line, message });
  let document: unknown;
  try {
    document = load(source);
  } catch (error) {
    if (error instanceof YAMLException) {
      problems.add(error.mark ? error.mark.line + 1 : null, `YAML: ${error.reason}`);
      problems.throwIfAny();
    }
    throw error;
  }
  const where = new RasaLines(source);
  if (!isRecord(document) || !('nlu' in document || 'responses' in document)) {
    problems.add(
      null,
      'The file has no "nlu:" or "responses:" section (expected Rasa training data)',
    );
    problems.throwIfAny();
  }
  const root = document as Record<string, unknown>;
  for (const key of Object.keys(root)) {
    if (KNOWN_KEYS.has(key)) continue;
    const count =
      Array.isArray(root[key]) || isRecord(root[key]) ? Object.keys(root[key] as object).length : 1;
    skip(
      where.topLevel(key),
      DIALOGUE_KEYS[key]
        ? `"${key}:" (${count}): Hearth does not run ${DIALOGUE_KEYS[key]}; the bot answers each intent with its responses`
        : `"${key}:" is not Rasa training data Hearth reads`,
    );
  }
  const nlu = root.nlu ?? [];
  if (!Array.isArray(nlu)) {
    problems.add(where.topLevel('nlu'), '"nlu:" must be a list of "- intent:" items');
    problems.throwIfAny();
  }
  const itemLines = where.nluItems();
  const lineOfItem = (index: number) =>
    itemLines.length === (nlu as unknown[]).length ? itemLines[index] : where.topLevel('nlu');

  const parsed: ParsedIntent[] = [];
  const entities = new Map<string, CustomEntity>();
  const entityNamed = (name: string) => {
    let entity = entities.get(name);
    if (!entity) {
      entity = { name, values: [], lookup: [], patterns: [] };
      entities.set(name, entity);
    }
    return entity;
  };
  const synonyms: { value: string; synonyms: string[]; line: number | null }[] = [];

  (nlu as unknown[]).forEach((item, index) => {
    const line = lineOfItem(index);
    if (!isRecord(item)) {
      problems.add(line, 'each item under "nlu:" must be a mapping like "- intent: greet"');
      return;
    }
    const kind = (['intent', 'synonym', 'regex', 'lookup'] as const).find((key) => key in item);
    if (!kind) {
      problems.add(line, 'an item under "nlu:" has no "intent:" (nor synonym, regex or lookup)');
      return;
    }
    const name = item[kind];
    if (typeof name !== 'string' && typeof name !== 'number') {
      problems.add(line, `"${kind}:" must be a name`);
      return;
    }
    const label = `${kind} "${name}"`;
    for (const key of Object.keys(item)) {
      if (key === kind || key === 'examples') continue;
      skip(
        where.after(line, new RegExp(`^\\s*-?\\s*${key}\\s*:`)) ?? line,
        key === 'metadata'
          ? `${label}: metadata ${describe(item[key])} is not kept`
          : `${label}: "${key}:" is not kept`,
      );
    }
    const examples = readExamples(item.examples, line, where, problems, skip, label);
    if (kind === 'intent') {
      parsed.push({
        name: { text: fromOutOfScope(String(name), RASA_OUT_OF_SCOPE), line },
        examples: examples.map((example) => {
          const { text, annotations, unreadable } = readRasaAnnotations(example.text);
          for (const markup of unreadable) {
            skip(
              example.line,
              `${label}: the annotation ${markup} could not be read; kept as text`,
            );
          }
          return { text, line: example.line, annotations };
        }),
      });
    } else if (kind === 'synonym') {
      synonyms.push({ value: String(name), synonyms: examples.map((e) => e.text), line });
    } else if (kind === 'regex') {
      entityNamed(String(name)).patterns.push(...examples.map((e) => e.text));
    } else {
      entityNamed(String(name)).lookup.push(...examples.map((e) => e.text));
    }
  });

  // A synonym belongs to the entity whose annotations use its value, else whose lookup lists it.
  const annotatedEntity = new Map<string, string>();
  for (const intent of parsed) {
    for (const example of intent.examples) {
      for (const annotation of example.annotations ?? []) {
        if (annotation.value !== undefined)
          annotatedEntity.set(annotation.value, annotation.entity);
      }
    }
  }
  for (const synonym of synonyms) {
    const owner =
      annotatedEntity.get(synonym.value) ??
      [...entities.values()].find((entity) => entity.lookup.includes(synonym.value))?.name ??
      UNLINKED_SYNONYMS;
    entityNamed(owner).values.push({ value: synonym.value, synonyms: synonym.synonyms });
  }

  const intentNames = new Set(parsed.map((intent) => intent.name.text));
  const domainIntents = Array.isArray(root.intents) ? root.intents : [];
  for (const entry of domainIntents) {
    const name = typeof entry === 'string' ? entry : isRecord(entry) ? Object.keys(entry)[0] : null;
    if (name) intentNames.add(fromOutOfScope(name, RASA_OUT_OF_SCOPE));
  }
  const responses = root.responses ?? {};
  if (!isRecord(responses)) {
    problems.add(where.topLevel('responses'), '"responses:" must map utter_ names to variants');
    problems.throwIfAny();
  }
  for (const [key, variants] of Object.entries(responses as Record<string, unknown>)) {
    const line = where.response(key);
    const intent = key.startsWith('utter_')
      ? fromOutOfScope(key.slice('utter_'.length), RASA_OUT_OF_SCOPE)
      : null;
    if (intent === null || !intentNames.has(intent)) {
      skip(
        line,
        `response "${key}": no intent "${key.replace(/^utter_/, '')}" to answer with it (used by stories or rules)`,
      );
      continue;
    }
    const texts: LocatedText[] = [];
    (Array.isArray(variants) ? variants : [variants]).forEach((variant, index) => {
      const at = `response "${key}" variant ${index + 1}`;
      if (!isRecord(variant)) {
        skip(line, `${at}: ${describe(variant)} is not a "- text:" variant`);
        return;
      }
      if (typeof variant.text === 'string') texts.push({ text: variant.text, line });
      else skip(line, `${at}: has no text`);
      for (const extra of Object.keys(variant)) {
        if (extra === 'text') continue;
        skip(line, `${at}: ${RESPONSE_EXTRAS[extra] ?? `"${extra}:"`} not imported`);
      }
    });
    const existing = parsed.find((candidate) => candidate.name.text === intent);
    if (existing) existing.responses = [...(existing.responses ?? []), ...texts];
    else parsed.push({ name: { text: intent, line }, examples: [], responses: texts });
  }
  if (Array.isArray(root.entities)) {
    for (const entry of root.entities) {
      const name =
        typeof entry === 'string' ? entry : isRecord(entry) ? Object.keys(entry)[0] : null;
      if (name && !entities.has(name)) entityNamed(name);
    }
  }

  const validatedEntities: CustomEntity[] = [];
  for (const entity of entities.values()) {
    const result = CustomEntitySchema.safeParse(entity);
    if (result.success) validatedEntities.push(result.data);
    else problems.add(null, `entity "${entity.name}": ${result.error.issues[0].message}`);
  }
  const validated = validateParsedIntents(parsed, problems);
  return {
    ...validated,
    entities: validatedEntities,
    validation: [],
    locale: null,
    notImported: byLine(notImported),
  };
}

/** Rasa synonyms that no example or lookup ties to an entity are kept together under this name. */
export const UNLINKED_SYNONYMS = 'synonyms';

function readExamples(
  examples: unknown,
  itemLine: number | null,
  where: RasaLines,
  problems: ProblemList,
  skip: (line: number | null, message: string) => void,
  label: string,
): LocatedExample[] {
  if (examples === undefined || examples === null) return [];
  const examplesLine = where.after(itemLine, /^\s*-?\s*examples\s*:/);
  if (typeof examples === 'string') {
    return blockLines(examples, examplesLine === null ? null : examplesLine + 1);
  }
  if (Array.isArray(examples)) {
    const found: LocatedExample[] = [];
    for (const entry of examples) {
      if (typeof entry === 'string' || typeof entry === 'number') {
        found.push({ text: String(entry).trim(), line: examplesLine });
      } else if (isRecord(entry) && typeof entry.text === 'string') {
        found.push({ text: entry.text.trim(), line: examplesLine });
        if (entry.metadata !== undefined) {
          skip(
            examplesLine,
            `${label}: metadata ${describe(entry.metadata)} of "${entry.text.trim()}" is not kept`,
          );
        }
      } else {
        problems.add(examplesLine, `${label}: an example must be text or "- text: ..."`);
      }
    }
    return found;
  }
  problems.add(itemLine, `${label}: "examples:" must be a block of lines (use "examples: |")`);
  return [];
}

const PLAIN_NAME = /^[A-Za-z_][\w.\-/]*$/;
const YAML_KEYWORDS = /^(true|false|null|yes|no|on|off|y|n)$/i;
const PLAIN_VALUE = /^[\p{L}\p{N}][\p{L}\p{N} _.\-/]*$/u;
const yamlName = (name: string) =>
  PLAIN_NAME.test(name) && !YAML_KEYWORDS.test(name) ? name : JSON.stringify(name);
const yamlScalar = (value: string) =>
  PLAIN_VALUE.test(value) && !YAML_KEYWORDS.test(value) && !/^\d/.test(value)
    ? value
    : JSON.stringify(value);

function pushBlock(out: string[], items: readonly string[]): void {
  if (!items.length) {
    out.push('  examples: ""');
    return;
  }
  out.push('  examples: |');
  for (const item of items) out.push(`    - ${item.replace(/\s*\n\s*/g, ' ')}`);
}

export function serializeRasaYaml(bundles: IntentBundle[], entities: CustomEntity[] = []): string {
  const out = ['version: "3.1"', 'nlu:'];
  for (const bundle of bundles) {
    out.push(`- intent: ${yamlName(toOutOfScope(bundle.name, RASA_OUT_OF_SCOPE))}`);
    pushBlock(
      out,
      bundle.examples.map((text) => writeRasaAnnotations(text, bundle.annotations[text] ?? [])),
    );
  }
  for (const entity of entities) {
    const lookup = [...entity.lookup];
    for (const { value, synonyms } of entity.values) {
      const others = synonyms.filter((synonym) => synonym !== value);
      // A value without other spellings is a plain lookup entry in Rasa's terms.
      if (!others.length) {
        lookup.push(value);
        continue;
      }
      out.push(`- synonym: ${yamlScalar(value)}`);
      pushBlock(out, others);
    }
    if (entity.patterns.length) {
      out.push(`- regex: ${yamlName(entity.name)}`);
      pushBlock(out, entity.patterns);
    }
    if (lookup.length) {
      out.push(`- lookup: ${yamlName(entity.name)}`);
      pushBlock(out, lookup);
    }
  }
  const answered = bundles.filter((bundle) => bundle.responses.length);
  if (answered.length) {
    out.push('responses:');
    for (const bundle of answered) {
      out.push(`  ${yamlName(`utter_${toOutOfScope(bundle.name, RASA_OUT_OF_SCOPE)}`)}:`);
      for (const response of bundle.responses) out.push(`  - text: ${JSON.stringify(response)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
