import { createHash } from 'node:crypto';
import { markdownToPlainText } from './plain-text';

export interface ArticleChunkDraft {
  position: number;
  /** Plain text, led by its section heading ("Costs: Standard shipping is free…"). */
  text: string;
  /** Of the text the indexes see (title included), so an unchanged chunk keeps its embedding. */
  contentHash: string;
}

/** Chunks longer than this are split at paragraphs, then sentences. */
const MAX_CHUNK_CHARS = 700;

/** "Costs: ", "退款时间：": a section's heading before each of its pieces. */
function headingLabel(heading: string): string {
  const label = markdownToPlainText(heading).replace(/[.。]$/, '');
  return /\p{Script=Han}$/u.test(label) ? `${label}：` : `${label}: `;
}

/** One chunk per section (split when long): small enough to quote, whole enough to answer. */
export function chunkArticle(article: { title: string; body: string }): ArticleChunkDraft[] {
  const texts: string[] = [];
  for (const section of sections(article.body)) {
    const heading =
      section.heading && !sameText(section.heading, article.title) ? section.heading : null;
    for (const piece of splitLong(section.paragraphs.map(markdownToPlainText).filter(Boolean))) {
      texts.push(heading ? `${headingLabel(heading)}${piece}` : piece);
    }
  }
  return texts.map((text, position) => ({
    position,
    text,
    contentHash: chunkHash(article.title, text),
  }));
}

/** What both indexes read for a chunk: the article title gives every section its topic. */
export function indexedText(title: string, chunkText: string): string {
  return `${title}\n${chunkText}`;
}

export function chunkHash(title: string, text: string): string {
  return createHash('sha256').update(indexedText(title, text)).digest('hex');
}

/** Must match the SQL in site-index.ts that finds articles changed since they were indexed. */
export function articleHash(article: { title: string; body: string }): string {
  return createHash('md5').update(`${article.title}\n${article.body}`).digest('hex');
}

interface Section {
  heading: string | null;
  paragraphs: string[];
}

function sections(markdown: string): Section[] {
  const result: Section[] = [{ heading: null, paragraphs: [] }];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length) result[result.length - 1].paragraphs.push(paragraph.join('\n'));
    paragraph = [];
  };
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      endParagraph();
      result.push({ heading: heading[1], paragraphs: [] });
    } else if (line.trim() === '') {
      endParagraph();
    } else {
      paragraph.push(line);
    }
  }
  endParagraph();
  return result.filter((section) => section.paragraphs.length > 0);
}

function splitLong(paragraphs: string[]): string[] {
  const pieces: string[] = [];
  let current = '';
  const units = paragraphs.flatMap((paragraph) =>
    paragraph.length <= MAX_CHUNK_CHARS ? [paragraph] : sentences(paragraph),
  );
  for (const unit of units) {
    if (current && current.length + unit.length + 1 > MAX_CHUNK_CHARS) {
      pieces.push(current);
      current = '';
    }
    current = current ? `${current} ${unit}` : unit;
  }
  if (current) pieces.push(current);
  return pieces;
}

function sentences(text: string): string[] {
  const parts = text.match(/[^.!?]+[.!?]+(\s|$)|[^.!?]+$/g) ?? [text];
  // A single sentence longer than a chunk is cut at a word boundary.
  return parts.flatMap((part) => {
    const sentence = part.trim();
    if (sentence.length <= MAX_CHUNK_CHARS) return [sentence];
    const words = sentence.split(' ');
    const cut: string[] = [];
    let line = '';
    for (const word of words) {
      if (line && line.length + word.length + 1 > MAX_CHUNK_CHARS) {
        cut.push(line);
        line = '';
      }
      line = line ? `${line} ${word}` : word;
    }
    if (line) cut.push(line);
    return cut;
  });
}

function sameText(a: string, b: string): boolean {
  const simple = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return simple(a) === simple(b);
}
