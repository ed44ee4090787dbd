import * as chrono from 'chrono-node';
import { findPhoneNumbersInText, isSupportedCountry } from 'libphonenumber-js/max';
import { z } from 'zod';
import { EntityTypeSchema } from '@/lib/schemas/entity';
import type { Language } from './preprocess';

export const Entity = z.object({
  type: EntityTypeSchema,
  /** As the visitor wrote it. */
  text: z.string(),
  /** Normalized: lowercased email, E.164 phone (+442079460958), uppercase order number, "12.50 USD", "2025-03-12". */
  value: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});
export type Entity = z.infer<typeof Entity>;

export interface EntityOptions {
  /** The site's order-number pattern (a RegExp source, matched case-insensitively). */
  orderNumberPattern?: string;
  /** Reference for "today"/"tomorrow" and for dates written without a year (UTC calendar). */
  now?: Date;
  /** The site's language, for dates written in it (English is always read too). */
  language?: Language;
  /**
   * ISO 3166 alpha-2 country of numbers written without a +country code ("020 7946 0958" with GB);
   * without one only international numbers are read.
   */
  phoneCountry?: string;
}

export const DEFAULT_ORDER_NUMBER_PATTERN = String.raw`#?\b[A-Z]{2,3}-?\d{4,10}\b|#\d{4,12}\b`;

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
const CURRENCY_SYMBOL: Record<string, string> = {
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'CNY',
  '￥': 'CNY',
};
const CURRENCY_WORD: Record<string, string> = {
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  gbp: 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
  cny: 'CNY',
  rmb: 'CNY',
  yuan: 'CNY',
  元: 'CNY',
  块: 'CNY',
};
const AMOUNT = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?`;
const MONEY_SYMBOL_FIRST = new RegExp(String.raw`([$€£¥￥])\s?(${AMOUNT})`, 'g');
const MONEY_WORD_AFTER = new RegExp(
  String.raw`(${AMOUNT})\s?(usd|eur|gbp|cny|rmb|dollars?|euros?|pounds?|yuan|元|块)(?![a-z])`,
  'gi',
);

const DATE_SHAPE = /^\d{4}-\d{1,2}-\d{1,2}$/;

/** A found span: where it starts and its text in the message, what it is and means. */
type Candidate = Pick<Entity, 'type' | 'value' | 'start' | 'text'>;

const span = (match: RegExpExecArray) => ({ start: match.index, text: match[0] });

function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) yield match;
}

/** chrono-node's parsers by site language; English too, since visitors mix languages. */
const DATE_PARSERS: Partial<Record<Language, chrono.Chrono>> = {
  en: chrono.en.casual,
  zh: chrono.zh.casual,
  es: chrono.es.casual,
  fr: chrono.fr.casual,
  de: chrono.de.casual,
  pt: chrono.pt.casual,
  it: chrono.it.casual,
};

/**
 * Dates with chrono-node: absolute ("2025-02-28", "12 March", "3月12日") and relative ("tomorrow",
 * "next friday", "in 3 days", "明天"), on the UTC calendar of `now`.
 */
function dates(text: string, now: Date, language: Language): Candidate[] {
  const parsers = new Set([DATE_PARSERS[language], DATE_PARSERS.en]);
  return [...parsers].flatMap((parser) =>
    (parser?.parse(text, { instant: now, timezone: 'UTC' }) ?? []).map((result) => ({
      type: 'date' as const,
      value: result.start.date().toISOString().slice(0, 10),
      start: result.index,
      text: result.text,
    })),
  );
}

const preparedDateParsers = new Set<Language>();

/**
 * Reads a sample message with the language's date parsers once, so that a server's first visitor
 * messages do not pay for it: chrono-node builds its patterns on first use, about 270 ms on this
 * 2-core machine (measured: 44 then 222 ms for the first two messages, 0.3 ms after), which blocked
 * every socket for that long and, at 500 messages/s, took over a second to catch up on.
 */
export function prepareDateParsers(language: Language): void {
  if (preparedDateParsers.has(language)) return;
  preparedDateParsers.add(language);
  for (const sample of ['order 1', 'tomorrow at 5pm, or on 12 March 2026'])
    dates(sample, new Date(), language);
}

/**
 * Phone numbers with libphonenumber-js and its full metadata, which checks each country's number
 * plan: with the minimal one "2025-03-10" read as a Chinese number under CN.
 */
function phoneNumbers(text: string, country: string | undefined): readonly Candidate[] {
  // No number plan has numbers this short: most messages never reach libphonenumber, whose
  // matcher builds an exception for each candidate it rejects ("bench 3", "order 12").
  if ((text.match(DIGIT) ?? []).length < PHONE_MIN_DIGITS) return [];
  const key = `${country ?? ''}\u0000${text}`;
  const known = phonesByText.get(key);
  if (known) {
    // Recently used: kept longest.
    phonesByText.delete(key);
    phonesByText.set(key, known);
    return known;
  }
  const found = findPhones(text, country);
  if (phonesByText.size >= PHONE_CACHE_SIZE) phonesByText.delete(phonesByText.keys().next().value!);
  phonesByText.set(key, found);
  return found;
}

/**
 * The fewest digits a valid number has in any country's plan (libphonenumber's metadata: 4, e.g.
 * Niue, Saint Helena; tested against it). libphonenumber reads only Unicode decimal digits
 * (ASCII, fullwidth, Arabic-Indic), all `\p{Nd}`.
 */
export const PHONE_MIN_DIGITS = 4;
const DIGIT = /\p{Nd}/gu;

/**
 * A turn reads the entities of the conversation's earlier visitor messages too (up to 20), so
 * each text would go through libphonenumber once per later turn: its numbers are kept for the
 * most recent texts (the result depends on the text and the country only).
 */
const PHONE_CACHE_SIZE = 5_000;
const phonesByText = new Map<string, readonly Candidate[]>();

function findPhones(text: string, country: string | undefined): Candidate[] {
  const defaultCountry = country && isSupportedCountry(country) ? country : undefined;
  return findPhoneNumbersInText(text, { defaultCountry }).flatMap((found) => {
    const written = text.slice(found.startsAt, found.endsAt);
    // A date the calendar rejects (2025-02-30) is still no phone number.
    if (DATE_SHAPE.test(written)) return [];
    return [
      { type: 'phone' as const, value: found.number.number, start: found.startsAt, text: written },
    ];
  });
}

/**
 * The entities customer service needs, found in the original message. Earlier kinds win overlaps
 * (an email's digits are not a phone, an order number is not an amount).
 */
export function extractEntities(text: string, options: EntityOptions = {}): Entity[] {
  const orderNumber = new RegExp(options.orderNumberPattern ?? DEFAULT_ORDER_NUMBER_PATTERN, 'gi');
  const candidates: Candidate[] = [
    ...[...matches(EMAIL, text)].map((match) => ({
      type: 'email' as const,
      value: match[0].toLowerCase(),
      ...span(match),
    })),
    ...[...matches(orderNumber, text)].map((match) => ({
      type: 'orderNumber' as const,
      value: match[0].replace(/^#/, '').toUpperCase(),
      ...span(match),
    })),
    ...dates(text, options.now ?? new Date(), options.language ?? 'en'),
    ...[...matches(MONEY_SYMBOL_FIRST, text)].map((match) => ({
      type: 'money' as const,
      value: `${match[2].replace(/,/g, '')} ${CURRENCY_SYMBOL[match[1]]}`,
      ...span(match),
    })),
    ...[...matches(MONEY_WORD_AFTER, text)].map((match) => ({
      type: 'money' as const,
      value: `${match[1].replace(/,/g, '')} ${CURRENCY_WORD[match[2].toLowerCase()]}`,
      ...span(match),
    })),
    // Last: a date or an order number written in digits is not read as a phone number.
    ...phoneNumbers(text, options.phoneCountry),
  ];
  const taken: Array<[number, number]> = [];
  const entities: Entity[] = [];
  for (const { type, value, start, text: found } of candidates) {
    const end = start + found.length;
    if (taken.some(([from, to]) => start < to && end > from)) continue;
    taken.push([start, end]);
    entities.push({ type, text: found, value, start, end });
  }
  return entities.sort((a, b) => a.start - b.start);
}
