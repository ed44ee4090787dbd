import germanStemmer from 'natural/lib/natural/stemmers/porter_stemmer_de.js';
import spanishStemmer from 'natural/lib/natural/stemmers/porter_stemmer_es.js';
import frenchStemmer from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import italianStemmer from 'natural/lib/natural/stemmers/porter_stemmer_it.js';
import portugueseStemmer from 'natural/lib/natural/stemmers/porter_stemmer_pt.js';
import spanishStopwords from 'natural/lib/natural/util/stopwords_es.js';
import frenchStopwords from 'natural/lib/natural/util/stopwords_fr.js';
import italianStopwords from 'natural/lib/natural/util/stopwords_it.js';
import portugueseStopwords from 'natural/lib/natural/util/stopwords_pt.js';

/** Languages written with spaces between words, stemmed by natural's Snowball-style stemmers. */
export const EUROPEAN_LANGUAGES = ['es', 'fr', 'de', 'pt', 'it'] as const;
export type EuropeanLanguage = (typeof EUROPEAN_LANGUAGES)[number];

export const EUROPEAN_STEMMERS: Record<EuropeanLanguage, { stem(token: string): string }> = {
  es: spanishStemmer,
  fr: frenchStemmer,
  de: germanStemmer,
  pt: portugueseStemmer,
  it: italianStemmer,
};

// natural ships no German list: the most frequent function words, written here.
const GERMAN_STOPWORDS = (
  'der die das den dem des ein eine einen einem einer eines und oder aber auch als am an auf aus ' +
  'bei bin bist ist sind war waren wird werden wurde hat habe haben hatte es er sie ihr ich du wir ' +
  'mir mich dir dich uns euch sich mein meine meinen meinem meiner dein deine sein seine ihre ihren ' +
  'zu zum zur im in vom von mit für über unter um so da dann denn doch ja noch schon sehr mal bitte ' +
  'dass daß man hier dort dies diese dieser dieses jetzt nur etwas'
).split(' ');

/** Negations and question words carry the intent ("no llegó", "wie lange"): never dropped. */
export const EUROPEAN_KEPT_WORDS: Record<EuropeanLanguage, string[]> = {
  es: 'no ni nunca sin cómo como qué que dónde donde cuándo cuando cuánto cuanto cuál por para más'.split(
    ' ',
  ),
  // "n'" is what is left of "ne" after an elision ("je n'ai pas").
  fr: 'ne n pas ni jamais sans comment quoi quel quelle où quand combien pourquoi plus'.split(' '),
  de: 'nicht kein keine keinen nie ohne wie was wo wann warum wieviel welche mehr'.split(' '),
  pt: 'não nem nunca sem como que quê onde quando quanto qual por para mais'.split(' '),
  it: 'non né mai senza come che cosa dove dov quando quanto quale perché più'.split(' '),
};

export const EUROPEAN_STOPWORDS: Record<EuropeanLanguage, string[]> = {
  es: spanishStopwords.words,
  fr: frenchStopwords.words,
  de: GERMAN_STOPWORDS,
  pt: portugueseStopwords.words,
  it: italianStopwords.words,
};
