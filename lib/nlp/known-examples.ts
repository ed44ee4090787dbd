import { answersVisitor, type BotDecision, type IntentDecision } from './decide';
import type { EvaluatedExample } from './metrics';
import type { IntentClassifier, TrainingExampleInput } from './model';

/**
 * A message as it is matched against the training examples: case, width, punctuation and spacing
 * aside ("Do you have a showroom?" is the example "do you have a showroom"); apostrophes go
 * ("what's" is "whats").
 */
export function knownExampleKey(text: string): string {
  return exampleWords(text.normalize('NFKC'))
    .map((word) => word.key)
    .join(' ');
}

/** The words of an NFKC-normalized text as examples are matched, with where each is in it. */
function exampleWords(normalized: string): { key: string; start: number; end: number }[] {
  // Split at punctuation, symbols and spaces; apostrophes are part of a word, then dropped.
  return [...normalized.matchAll(/(?:[^\p{P}\p{S}\s]|['’`])+/gu)]
    .map((match) => ({
      key: match[0].toLowerCase().replace(/['’`]/g, ''),
      start: match.index,
      end: match.index + match[0].length,
    }))
    .filter((word) => word.key);
}

/**
 * Each training text's class, for texts every example of which has the same intent: a text two
 * intents share says nothing on its own.
 */
export function knownExamples(
  examples: readonly TrainingExampleInput[],
  intents: readonly string[],
): Map<string, number> {
  const classOf = new Map(intents.map((intent, c) => [intent, c]));
  const known = new Map<string, number>();
  const shared = new Set<string>();
  for (const { text, intent } of examples) {
    const key = knownExampleKey(text);
    const c = classOf.get(intent);
    if (!key || c === undefined || shared.has(key)) continue;
    if (known.has(key) && known.get(key) !== c) {
      known.delete(key);
      shared.add(key);
    } else known.set(key, c);
  }
  return known;
}

/** The model, knowing its training examples: the artifact leaves them out (see deserialize). */
export function withKnownExamples(
  model: IntentClassifier,
  examples: readonly TrainingExampleInput[],
): IntentClassifier {
  return { ...model, knownExamples: knownExamples(examples, model.intents) };
}

/**
 * The decision for a message that is one of the model's own training examples: the admin said
 * what it means, so it is answered with certainty (handed off for a handoff intent), first in the
 * ranking whatever the classifier read — or, an out-of-scope example, not answered. The
 * classifier's read of its own examples is softened by regularisation and sometimes fell below
 * the threshold: 14 of the English demo's 308 examples ("do you have a showroom", "menu") and 39 of
 * the Chinese demo's 217 ("谢啦", "晚安") got "I don't know". Any other message is decided as the
 * classifier read it.
 */
export function withKnownExample(
  decided: IntentDecision,
  model: Pick<IntentClassifier, 'intents' | 'outOfScopeIntent' | 'knownExamples'>,
  text: string,
  handoffIntents?: ReadonlySet<string>,
): IntentDecision {
  const c = model.knownExamples.get(knownExampleKey(text));
  if (c === undefined) return decided;
  const intent = model.intents[c];
  if (intent === model.outOfScopeIntent) {
    return {
      ...decided,
      intent: null,
      confidence: 0,
      decision: 'fallback',
      candidates: null,
      knownExample: true,
    };
  }
  const own = decided.ranking.find((ranked) => ranked.intent === intent) ?? {
    intent,
    confidence: 0,
  };
  return {
    intent,
    confidence: 1,
    ranking: [own, ...decided.ranking.filter((ranked) => ranked !== own)],
    decision: handoffIntents?.has(intent) ? 'handoff' : 'answer',
    candidates: null,
    knownExample: true,
  };
}

/** The longest phrase taken off a message's start or end: greetings and thanks are short. */
const KNOWN_PHRASE_MAX_WORDS = 8;

/** Words [from, to) of a message, one of the model's examples of `intent`. */
interface Phrase {
  from: number;
  to: number;
  intent: string;
}

/** A message without the phrases around its request (see withoutKnownPhrases). */
export interface RequestInMessage {
  request: string;
  /** The intents the phrases taken off are examples of. */
  phraseIntents: ReadonlySet<string>;
}

/** A reading of a message or of its request: the decision and its intent. */
interface Reading {
  decision: BotDecision;
  intent: string | null;
}

/**
 * Whether the request is read alone: the whole message was not answered ("hello, where is my
 * order?" deferred), or was answered as a phrase around the request ("运费多少，谢谢" as thanks).
 */
export function readsRequestAlone(around: RequestInMessage, whole: Reading): boolean {
  return !answersVisitor(whole.decision) || requestBeside(around, whole.intent) === undefined;
}

/**
 * Whether the request's reading stands for the message: it answers, with another intent than the
 * phrases'. A request the classifier alone does not answer leaves the whole's reading: the phrase
 * may be the request itself ("I want a refund, how long does it take?").
 */
export function takesRequestReading(around: RequestInMessage, part: Reading): boolean {
  return answersVisitor(part.decision) && requestBeside(around, part.intent) !== undefined;
}

/**
 * The request, when a reading with `intent` leaves the phrases aside: a phrase of the intent
 * answered is part of the request ("refund, how long does it take?"), not words around it.
 */
export function requestBeside(
  around: RequestInMessage | null,
  intent: string | null,
): string | undefined {
  return around && !(intent !== null && around.phraseIntents.has(intent))
    ? around.request
    : undefined;
}

/**
 * The request inside a message that opens or closes with one of the model's in-scope examples as
 * a phrase of its own — a greeting, a thanks: "hi, where is my order?" → "where is my order?",
 * "where is my order? thanks" → "where is my order?"; null when the message is an example itself,
 * has no such phrase, or nothing else. With the greeting, the demo shop's classifier read "hello,
 * where is my order?" as a greeting and deferred it.
 */
export function withoutKnownPhrases(
  text: string,
  model: Pick<IntentClassifier, 'knownExamples' | 'intents' | 'outOfScopeIntent'>,
): RequestInMessage | null {
  const normalized = text.normalize('NFKC');
  const words = exampleWords(normalized);
  // An out-of-scope example is a request of its own ("tell me a joke …"), not words around one.
  const intentOf = (from: number, to: number) => {
    const key = words
      .slice(from, to)
      .map((word) => word.key)
      .join(' ');
    const c = model.knownExamples.get(key);
    const intent = c === undefined ? undefined : model.intents[c];
    return intent === model.outOfScopeIntent ? undefined : intent;
  };
  const whole = words.map((word) => word.key).join(' ');
  if (words.length < 2 || model.knownExamples.has(whole)) return null;
  // The longest known phrase at the start (or the end) of words[start, end), leaving a word for
  // the request: "thank you" before "thank".
  const edgePhrase = (start: number, end: number, atEnd: boolean): Phrase | null => {
    for (let size = Math.min(end - start - 1, KNOWN_PHRASE_MAX_WORDS); size > 0; size--) {
      const [from, to] = atEnd ? [end - size, end] : [start, start + size];
      const intent = intentOf(from, to);
      if (intent !== undefined) return { from, to, intent };
    }
    return null;
  };
  /** Characters from the first of words[from, to) to the last. */
  const length = (from: number, to: number) => words[to - 1].end - words[from].start;
  const phraseIntents = new Set<string>();
  let [start, end] = [0, words.length];
  for (;;) {
    // One phrase at a time, the shorter first: a greeting or a thanks is short, and a request may
    // itself be an example ("what are your opening hours? thank you").
    const phrase = [edgePhrase(start, end, false), edgePhrase(start, end, true)]
      .filter((found) => found !== null)
      .reduce<Phrase | null>(
        (shorter, found) =>
          shorter && shorter.to - shorter.from <= found.to - found.from ? shorter : found,
        null,
      );
    if (!phrase) break;
    const [restStart, restEnd] = phrase.from === start ? [phrase.to, end] : [start, phrase.from];
    // A phrase as long as what it would leave is the request itself: "cancel my order" in
    // "please cancel my order", "track my order please".
    if (length(phrase.from, phrase.to) >= length(restStart, restEnd)) break;
    phraseIntents.add(phrase.intent);
    [start, end] = [restStart, restEnd];
  }
  if (!phraseIntents.size) return null;
  // As written, up to the phrase taken off its end, with the request's question mark but not a
  // comma before that phrase.
  const request = normalized
    .slice(words[start].start, end === words.length ? normalized.length : words[end].start)
    .replace(/[\s,;:、，；：\-–—]+$/u, '');
  return { request, phraseIntents };
}

/** A message of an evaluation decided as classify() decides it: a training example as its intent. */
export function evaluatedWithKnownExample(
  evaluated: EvaluatedExample,
  model: Pick<IntentClassifier, 'intents' | 'outOfScopeIntent' | 'knownExamples'>,
): EvaluatedExample {
  const known = withKnownExample(
    { ...evaluated, ranking: [], candidates: null },
    model,
    evaluated.text,
  );
  if (!known.knownExample) return evaluated;
  const { intent, decision, confidence } = known;
  return { ...evaluated, intent, decision, confidence };
}
