import type { z } from 'zod';
import {
  ExampleTextSchema,
  IntentNameSchema,
  QuickReplySchema,
  ResponseBodySchema,
  type ImportProblem,
  type IntentBundle,
} from '@/lib/schemas/intent';
import { IntentFileError, MAX_PROBLEMS } from './intent-file-error';

/** A text read from a file, with the line it came from. */
export interface LocatedText {
  text: string;
  line: number | null;
}

/** What a format reader found for one intent, before validation. */
export interface ParsedIntent {
  name: LocatedText;
  description?: string | null;
  examples: LocatedText[];
  responses?: LocatedText[];
  quickReplies?: LocatedText[];
  handoff?: boolean;
  rephrase?: boolean;
}

/** What a format can express; an import leaves the rest of an existing intent as it is. */
export interface FormatCarries {
  responses: boolean;
  flags: boolean;
}

export interface ParsedIntentFile {
  bundles: IntentBundle[];
  carries: FormatCarries;
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
      const sorted = [...this.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      throw new IntentFileError(sorted);
    }
  }
}

/**
 * Checks every name and text against the same schemas the editor uses, reports each problem at its
 * line, and folds repeated intents (CSV rows, a Rasa intent listed twice) into one bundle.
 */
export function validateParsedIntents(
  parsed: ParsedIntent[],
  problems: ProblemList = new ProblemList(),
): IntentBundle[] {
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
    };
    byName.set(name, bundle);
    bundle.description ??= intent.description?.trim() || null;
    bundle.handoff ||= intent.handoff ?? false;
    bundle.rephrase ||= intent.rephrase ?? false;
    appendNew(bundle.examples, examples);
    appendNew(bundle.responses, responses);
    appendNew(bundle.quickReplies, quickReplies);
  }
  problems.throwIfAny();
  return [...byName.values()];
}

function appendNew(list: string[], additions: (string | undefined)[]): void {
  const seen = new Set(list);
  for (const item of additions) {
    if (item === undefined || seen.has(item)) continue;
    seen.add(item);
    list.push(item);
  }
}
