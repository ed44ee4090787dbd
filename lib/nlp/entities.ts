import { z } from 'zod';

export const EntityType = z.enum(['email', 'phone', 'orderNumber', 'money', 'date']);
export type EntityType = z.infer<typeof EntityType>;

export const Entity = z.object({
  type: EntityType,
  /** As the visitor wrote it. */
  text: z.string(),
  /** Normalized: lowercased email, +digits phone, uppercase order number, "12.50 USD", "2025-03-12". */
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
}

export const DEFAULT_ORDER_NUMBER_PATTERN = String.raw`#?\b[A-Z]{2,3}-?\d{4,10}\b|#\d{4,12}\b`;

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
const PHONE = /(?<![\w+])\+?\d[\d\s().-]{5,18}\d(?!\w)/g;
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

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const RELATIVE_DAYS: Record<string, number> = {
  today: 0,
  tonight: 0,
  tomorrow: 1,
  yesterday: -1,
  'day after tomorrow': 2,
  今天: 0,
  明天: 1,
  昨天: -1,
  后天: 2,
};
const RELATIVE_DATE =
  /\b(day after tomorrow|today|tonight|tomorrow|yesterday)\b|今天|明天|昨天|后天/gi;
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const DAY_MONTH = new RegExp(String.raw`\b${DAY}\s+(?:of\s+)?${MONTH}\b(?:,?\s+(\d{4}))?`, 'gi');
const MONTH_DAY = new RegExp(String.raw`\b${MONTH}\s+${DAY}\b(?:,?\s+(\d{4}))?`, 'gi');
const DATE_SHAPE = /^\d{4}-\d{1,2}-\d{1,2}$/;
const CHINESE_DATE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]/g;

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function monthNumber(name: string): number {
  return MONTHS.findIndex((month) => month.startsWith(name.toLowerCase().slice(0, 3))) + 1;
}

type Candidate = Omit<Entity, 'text' | 'start' | 'end'> & { match: RegExpExecArray };

function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) yield match;
}

function dates(text: string, now: Date): Candidate[] {
  const found: Candidate[] = [];
  const add = (match: RegExpExecArray, value: string | null) => {
    if (value) found.push({ type: 'date', value, match });
  };
  const year = now.getUTCFullYear();
  for (const match of matches(RELATIVE_DATE, text)) {
    const offset = RELATIVE_DAYS[match[0].toLowerCase()];
    add(match, new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10));
  }
  for (const match of matches(ISO_DATE, text)) {
    add(match, isoDate(Number(match[1]), Number(match[2]), Number(match[3])));
  }
  for (const match of matches(DAY_MONTH, text)) {
    add(match, isoDate(Number(match[3] ?? year), monthNumber(match[2]), Number(match[1])));
  }
  for (const match of matches(MONTH_DAY, text)) {
    add(match, isoDate(Number(match[3] ?? year), monthNumber(match[1]), Number(match[2])));
  }
  for (const match of matches(CHINESE_DATE, text)) {
    add(match, isoDate(Number(match[1] ?? year), Number(match[2]), Number(match[3])));
  }
  return found;
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
      match,
    })),
    ...[...matches(orderNumber, text)].map((match) => ({
      type: 'orderNumber' as const,
      value: match[0].replace(/^#/, '').toUpperCase(),
      match,
    })),
    ...dates(text, options.now ?? new Date()),
    ...[...matches(MONEY_SYMBOL_FIRST, text)].map((match) => ({
      type: 'money' as const,
      value: `${match[2].replace(/,/g, '')} ${CURRENCY_SYMBOL[match[1]]}`,
      match,
    })),
    ...[...matches(MONEY_WORD_AFTER, text)].map((match) => ({
      type: 'money' as const,
      value: `${match[1].replace(/,/g, '')} ${CURRENCY_WORD[match[2].toLowerCase()]}`,
      match,
    })),
    ...[...matches(PHONE, text)]
      .filter((match) => {
        const digits = match[0].replace(/\D/g, '').length;
        // An impossible date such as 2025-02-30 is still a date, not a phone number.
        return digits >= 7 && digits <= 15 && !DATE_SHAPE.test(match[0]);
      })
      .map((match) => ({
        type: 'phone' as const,
        value: (match[0].trim().startsWith('+') ? '+' : '') + match[0].replace(/\D/g, ''),
        match,
      })),
  ];
  const taken: Array<[number, number]> = [];
  const entities: Entity[] = [];
  for (const { type, value, match } of candidates) {
    const start = match.index;
    const end = start + match[0].length;
    if (taken.some(([from, to]) => start < to && end > from)) continue;
    taken.push([start, end]);
    entities.push({ type, text: match[0], value, start, end });
  }
  return entities.sort((a, b) => a.start - b.start);
}
