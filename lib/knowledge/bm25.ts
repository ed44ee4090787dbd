/** Okapi BM25 over pre-tokenized documents, with a score normalized to 0..1 per query. */
export class Bm25Index {
  private readonly documentTerms: Map<string, number>[];
  private readonly lengths: number[];
  private readonly averageLength: number;
  private readonly documentFrequency = new Map<string, number>();

  constructor(
    documents: string[][],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.documentTerms = documents.map((terms) => {
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const term of counts.keys()) {
        this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      }
      return counts;
    });
    this.lengths = documents.map((terms) => terms.length);
    this.averageLength =
      this.lengths.reduce((sum, length) => sum + length, 0) / (documents.length || 1);
  }

  get size(): number {
    return this.documentTerms.length;
  }

  /** Rarer terms weigh more; a term no document contains weighs most. */
  idf(term: string): number {
    const n = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.documentTerms.length - n + 0.5) / (n + 0.5));
  }

  /** How many documents contain the term. */
  frequency(term: string): number {
    return this.documentFrequency.get(term) ?? 0;
  }

  /** Every term some document contains. */
  vocabulary(): IterableIterator<string> {
    return this.documentFrequency.keys();
  }

  contains(document: number, term: string): boolean {
    return this.documentTerms[document].has(term);
  }

  /**
   * Each document's score divided by what a document of average length containing every query
   * term once would score, capped at 1: "how much of what the query asks about is here". Query
   * terms no document contains count at full weight, so a query about something the articles never
   * mention scores low everywhere.
   */
  scores(query: string[]): Float64Array {
    const result = new Float64Array(this.documentTerms.length);
    const terms = [...new Set(query)];
    const weights = terms.map((term) => this.idf(term));
    const full = weights.reduce((sum, weight) => sum + weight, 0);
    if (full === 0) return result;
    this.documentTerms.forEach((counts, document) => {
      const lengthNorm = 1 - this.b + (this.b * this.lengths[document]) / (this.averageLength || 1);
      let score = 0;
      terms.forEach((term, i) => {
        const tf = counts.get(term);
        if (tf) score += (weights[i] * tf * (this.k1 + 1)) / (tf + this.k1 * lengthNorm);
      });
      result[document] = Math.min(1, score / full);
    });
    return result;
  }
}
