// Deep import of `natural`: its index also loads storage adapters that read `.env` and print to stdout.
declare module 'natural/lib/natural/sentiment/SentimentAnalyzer.js' {
  export default class SentimentAnalyzer {
    constructor(language: string, stemmer: { stem(token: string): string } | null, type: string);
    /** Average word score; negative is negative. */
    getSentiment(words: string[]): number;
  }
}
