import porterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import SentimentAnalyzer from 'natural/lib/natural/sentiment/SentimentAnalyzer.js';
import type { SiteLanguage } from '@/lib/schemas/site';

/** Average AFINN score per word at or below which a message reads as upset ("this is unacceptable"). */
const UPSET_SCORE = -0.5;

let analyzer: SentimentAnalyzer | undefined;

/**
 * True for clearly negative messages, which go to a human. English only (AFINN word scores, with
 * negation handling); other languages rely on the complaint intent.
 */
export function soundsUpset(text: string, language: SiteLanguage): boolean {
  if (language !== 'en') return false;
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  if (words.length === 0) return false;
  analyzer ??= new SentimentAnalyzer('English', porterStemmer, 'afinn');
  return analyzer.getSentiment(words) <= UPSET_SCORE;
}
