import type { SiteLanguage } from '@/lib/schemas/site';

/** Generated replies stop here (tokens) and are cut to whole sentences within this many characters. */
export const MAX_REPLY_TOKENS = 160;
export const MAX_REPLY_CHARS = 800;

const ENGLISH_RULES = [
  "You are the shop's customer-service assistant.",
  "Answer the visitor's last message using only the documents below and the conversation.",
  'If they do not contain the answer, say that you do not know and offer to connect the visitor with a person.',
  'Never make up order details, order status, prices, fees, dates, delivery times, discounts or promises: state only numbers that appear in the documents.',
  'You cannot see or change orders, payments or accounts.',
  'Reply in plain text (no HTML, no markdown), in at most three short sentences.',
].join('\n');

const RULES: Record<SiteLanguage, string> = {
  en: ENGLISH_RULES,
  zh: [
    '你是这家店的客服助手。',
    '只根据下面的文档和对话内容回答访客的最后一条消息。',
    '如果文档中没有答案，就说你不知道，并提出为访客转接人工客服。',
    '绝不编造订单信息、订单状态、价格、费用、日期、配送时间、折扣或承诺：只说文档中出现过的数字。',
    '你无法查看或修改订单、付款或账户。',
    '用纯文本回答（不要 HTML 或 markdown），最多三句话。',
  ].join('\n'),
  // The other languages keep the English rules and ask for a reply in the visitor's language.
  es: `${ENGLISH_RULES}\nReply in Spanish.`,
  fr: `${ENGLISH_RULES}\nReply in French.`,
  de: `${ENGLISH_RULES}\nReply in German.`,
  pt: `${ENGLISH_RULES}\nReply in Portuguese.`,
  it: `${ENGLISH_RULES}\nReply in Italian.`,
};

const REPHRASE_RULES: Record<SiteLanguage, string> = {
  en: 'Rewrite the answer below so it fits the conversation. Keep every fact, number and link exactly as written and add nothing. Plain text, at most three short sentences.',
  zh: '根据对话改写下面的回答。所有事实、数字和链接必须保持原样，不要添加任何内容。纯文本，最多三句话。',
  es: 'Rewrite the answer below so it fits the conversation, in Spanish. Keep every fact, number and link exactly as written and add nothing. Plain text, at most three short sentences.',
  fr: 'Rewrite the answer below so it fits the conversation, in French. Keep every fact, number and link exactly as written and add nothing. Plain text, at most three short sentences.',
  de: 'Rewrite the answer below so it fits the conversation, in German. Keep every fact, number and link exactly as written and add nothing. Plain text, at most three short sentences.',
  pt: 'Rewrite the answer below so it fits the conversation, in Portuguese. Keep every fact, number and link exactly as written and add nothing. Plain text, at most three short sentences.',
  it: 'Rewrite the answer below so it fits the conversation, in Italian. Keep every fact, number and link exactly as written and add nothing. Plain text, at most three short sentences.',
};

/** The system prompt for a knowledge-base answer: the rules, then the numbered documents. */
export function documentsPrompt(
  language: SiteLanguage,
  documents: { title: string; text: string }[],
): string {
  const numbered = documents.map((document, i) => `[${i + 1}] ${document.title}\n${document.text}`);
  const heading = language === 'zh' ? '文档：' : 'Documents:';
  return `${RULES[language]}\n\n${heading}\n${numbered.join('\n\n')}`;
}

/** The system prompt for rephrasing an intent's fixed answer in context. */
export function rephrasePrompt(language: SiteLanguage, answer: string): string {
  const heading = language === 'zh' ? '回答：' : 'Answer:';
  return `${REPHRASE_RULES[language]}\n\n${heading}\n${answer}`;
}

const NUMBER = /\d+(?:[.,]\d+)*/g;
/** A figure at the very end of the text so far may still grow ("$1" → "$15"): hold it back. */
const GROWING_FIGURE = /[$€£¥]?\d[\d.,:/-]*$|[$€£¥]$/;
const FIGURE = /[$€£¥]?\d[\d.,:/-]*/g;

/** Every number in a text, as values ("$1,200.50" → 1200.5; "3-5" → 3 and 5). */
export function numbersIn(text: string): number[] {
  return (text.match(NUMBER) ?? []).map((match) =>
    Number(match.replace(/,(?=\d{3}\b)/g, '').replace(',', '.')),
  );
}

/**
 * Passes generated text through as it streams, but stops at the first number (price, order
 * number, date, delay…) that is not in the sources: the model must not invent order data or
 * prices, and the visitor never sees one it did. Works without spaces between words (Chinese).
 */
export class GroundedStream {
  private readonly allowed: Set<number>;
  private pending = '';
  private passed = '';
  violation: string | null = null;

  constructor(
    sources: string[],
    private readonly forward: (text: string) => void,
    private readonly onViolation: (figure: string) => void,
  ) {
    this.allowed = new Set(sources.flatMap(numbersIn));
  }

  /** The text let through so far. */
  get text(): string {
    return this.passed;
  }

  push(piece: string): void {
    if (this.violation !== null) return;
    this.pending += piece;
    const cut = GROWING_FIGURE.exec(this.pending)?.index ?? this.pending.length;
    this.release(this.pending.slice(0, cut));
    this.pending = this.pending.slice(cut);
  }

  /** Lets the rest through, if it is grounded too. */
  end(): void {
    if (this.violation === null) this.release(this.pending);
    this.pending = '';
  }

  private release(text: string): void {
    if (text === '') return;
    const invented = (text.match(FIGURE) ?? []).find((figure) =>
      numbersIn(figure).some((value) => !this.allowed.has(value)),
    );
    if (invented !== undefined) {
      this.violation = invented;
      this.onViolation(invented);
      return;
    }
    this.passed += text;
    this.forward(text);
  }
}

/** Text only: no HTML tags or markdown markup, whatever the model wrote. */
export function toPlainReply(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\*\*|__|`|^#+\s*/gm, '')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * At most `max` characters, cut after the last whole sentence; `complete: false` (stopped by the
 * token limit) also drops an unfinished last sentence, and returns '' when no sentence is whole.
 */
export function limitReply(text: string, { max = MAX_REPLY_CHARS, complete = true } = {}): string {
  if (complete && text.length <= max) return text;
  const head = text.slice(0, max);
  if (head.length === text.length && /[.!?。！？]$/.test(head)) return head;
  const lastEnd = [...head.matchAll(/[.!?](?=\s)|[。！？]/g)].at(-1)?.index;
  if (lastEnd !== undefined) return head.slice(0, lastEnd + 1).trim();
  return complete ? `${head.slice(0, head.lastIndexOf(' ')).trim()}…` : '';
}
