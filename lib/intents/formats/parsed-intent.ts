import type { z } from 'zod';
import {
  ExampleTextSchema,
  IntentNameSchema,
  QuickReplySchema,
  ResponseBodySchema,
  type ImportProblem,
  type IntentBundle,
  type IntentSlot,
} from '@/lib/schemas/intent';
import type { CustomEntity, ExampleAnnotation } from '@/lib/schemas/entity';
import { IntentFileError, MAX_PROBLEMS } from './intent-file-error';

/** A text read from a file, with the line it came from. */
export interface LocatedText {
  text: string;
  line: number | null;
}

/** An example with the entities marked in it. */
export interface LocatedExample extends LocatedText {
  annotations?: ExampleAnnotation[];
}

/** What a format reader found for one intent, before validation. */
export interface ParsedIntent {
  name: LocatedText;
  description?: string | null;
  examples: LocatedExample[];
  responses?: LocatedText[];
  quickReplies?: LocatedText[];
  handoff?: boolean;
  rephrase?: boolean;
  slots?: IntentSlot[];
}

/** What a format can express; an import leaves the rest of an existing intent as it is. */
export interface FormatCarries {
  responses: boolean;
  flags: boolean;
}

/** A test utterance of an nlp.js corpus: kept out of training, used to check the trained model. */
export interface ValidationExample {
  intent: string;
  text: string;
}

/** Everything a reader took from a file, and what it had to leave behind. */
export interface IntentFileContent {
  bundles: IntentBundle[];
  entities: CustomEntity[];
  validation: ValidationExample[];
  /** The file's own language tag (nlp.js `locale`), when it has one. */
  locale: string | null;
  /** Examples the file lists twice under one intent: counted as duplicates, imported once. */
  repeatedExamples: number;
  /** What the file holds that Hearth cannot keep, line by line, shown before the admin confirms. */
  notImported: ImportProblem[];
}

export interface ParsedIntentFile extends IntentFileContent {
  carries: FormatCarries;
}

/** A file with intents only (CSV, or a format without entities). */
export function intentsOnly(validated: ValidatedIntents): IntentFileContent {
  return { ...validated, entities: [], validation: [], locale: null, notImported: [] };
}

/** Problems in file order; those without a line (the whole file) first. */
export function byLine(problems: ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** Collects problems and stops reading a hopeless file early. */
export class ProblemList {
  readonly problems: ImportProblem[] = [];

  add(line: number | null, message: string): void {
    this.problems.push({ line, message });
    if (this.problems.length >= MAX_PROBLEMS) this.throwIfAny();
  }

  throwIfAny(): void {
    if (this.problems.length) {
      throw new IntentFileError(byLine(this.problems));
    }
  }
}

export interface ValidatedIntents {
  bundles: IntentBundle[];
  repeatedExamples: number;
}

/**
 * Checks every name and text against the same schemas the editor uses, reports each problem at its
 * line, and folds repeated intents (CSV rows, a Rasa intent listed twice) into one bundle.
 */
export function validateParsedIntents(
  parsed: ParsedIntent[],
  problems: ProblemList = new ProblemList(),
): ValidatedIntents {
  let repeatedExamples = 0;
  const byName = new Map<string, IntentBundle>();
  const check = <T>(schema: z.ZodType<T>, located: LocatedText, what: string): T | undefined => {
    const result = schema.safeParse(located.text);
    if (result.success) return result.data;
    const shown = located.text.length > 40 ? `${located.text.slice(0, 40)}…` : located.text;
    problems.add(located.line, `${what} "${shown}": ${result.error.issues[0].message}`);
    return undefined;
  };

  for (const intent of parsed) {
    const name = check(IntentNameSchema, intent.name, 'intent name');
    const examples = intent.examples.map((example) => check(ExampleTextSchema, example, 'example'));
    const responses = (intent.responses ?? []).map((r) => check(ResponseBodySchema, r, 'response'));
    const quickReplies = (intent.quickReplies ?? []).map((q) =>
      check(QuickReplySchema, q, 'quick reply'),
    );
    if (name === undefined) continue;
    const bundle = byName.get(name) ?? {
      name,
      description: null,
      examples: [],
      responses: [],
      quickReplies: [],
      handoff: false,
      rephrase: false,
      annotations: {},
      slots: [],
    };
    byName.set(name, bundle);
    bundle.description ??= intent.description?.trim() || null;
    bundle.handoff ||= intent.handoff ?? false;
    bundle.rephrase ||= intent.rephrase ?? false;
    if (!bundle.slots.length) bundle.slots = intent.slots ?? [];
    repeatedExamples += appendNew(bundle.examples, examples);
    intent.examples.forEach((example, index) => {
      const text = examples[index];
      if (text === undefined || !example.annotations?.length || bundle.annotations[text]) return;
      // Trimming moved the text: annotations follow it.
      const shift = example.text.length - example.text.trimStart().length;
      bundle.annotations[text] = example.annotations.map((annotation) => ({
        ...annotation,
        start: annotation.start - shift,
        end: annotation.end - shift,
      }));
    });
    appendNew(bundle.responses, responses);
    appendNew(bundle.quickReplies, quickReplies);
  }
  problems.throwIfAny();
  return { bundles: [...byName.values()], repeatedExamples };
}

/** Appends the items not in the list yet; returns how many were repeats. */
function appendNew(list: string[], additions: (string | undefined)[]): number {
  const seen = new Set(list);
  let repeats = 0;
  for (const item of additions) {
    if (item === undefined) continue;
    if (seen.has(item)) {
      repeats += 1;
      continue;
    }
    seen.add(item);
    list.push(item);
  }
  return repeats;
}
