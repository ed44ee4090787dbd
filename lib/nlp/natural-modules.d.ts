// Deep imports of `natural`: its index also loads storage adapters that read `.env` and print to stdout.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const porterStemmer: { stem(token: string): string };
  export default porterStemmer;
}

declare module 'natural/lib/natural/util/stopwords.js' {
  const stopwords: { words: string[] };
  export default stopwords;
}

declare module 'natural/lib/natural/util/stopwords_zh.js' {
  const stopwords: { words: string[] };
  export default stopwords;
}

// The European stemmers and stopword lists (lib/nlp/european-languages.ts).
declare module 'natural/lib/natural/stemmers/porter_stemmer_*.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}

declare module 'natural/lib/natural/util/stopwords_*.js' {
  const stopwords: { words: string[] };
  export default stopwords;
}
