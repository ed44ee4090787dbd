import { seededRandom } from './random';

/**
 * Exact two-sided McNemar test on paired yes/no outcomes: `onlyFirst` examples went right for the
 * first model alone, `onlySecond` for the second alone. Under "no difference" each such example is
 * a fair coin, so the p-value is a two-sided binomial tail (exact, as the counts are often small).
 */
export function mcNemarExact(onlyFirst: number, onlySecond: number): number {
  const n = onlyFirst + onlySecond;
  if (n === 0) return 1;
  const fewer = Math.min(onlyFirst, onlySecond);
  // log C(n, k) built up term by term, so thousands of discordant pairs neither overflow nor underflow.
  let logChoose = 0;
  const logTerms: number[] = [];
  for (let k = 0; k <= fewer; k++) {
    if (k > 0) logChoose += Math.log(n - k + 1) - Math.log(k);
    logTerms.push(logChoose - n * Math.LN2);
  }
  const largest = Math.max(...logTerms);
  const tail =
    Math.exp(largest) * logTerms.reduce((sum, term) => sum + Math.exp(term - largest), 0);
  return Math.min(1, 2 * tail);
}

export interface BootstrapOptions {
  resamples: number;
  seed: number;
  /** Two-sided coverage of the interval, e.g. 0.95. */
  coverage: number;
}

/**
 * Percentile intervals of several statistics over paired resamples: each stratum's examples are
 * drawn with replacement, the same draw for both models, so what the two share cancels out.
 * `statistics` receives one resample (indices into the examples) and returns one value per measure.
 */
export function pairedBootstrap(
  strata: readonly (readonly number[])[],
  statistics: (sample: Int32Array) => readonly number[],
  { resamples, seed, coverage }: BootstrapOptions,
): Array<{ low: number; high: number }> {
  const random = seededRandom(seed);
  const size = strata.reduce((sum, stratum) => sum + stratum.length, 0);
  const sample = new Int32Array(size);
  const values: number[][] = [];
  for (let r = 0; r < resamples; r++) {
    let at = 0;
    for (const stratum of strata) {
      for (let k = 0; k < stratum.length; k++) {
        sample[at++] = stratum[Math.floor(random() * stratum.length)];
      }
    }
    statistics(sample).forEach((value, m) => (values[m] ??= []).push(value));
  }
  const tail = (1 - coverage) / 2;
  return values.map((draws) => {
    draws.sort((a, b) => a - b);
    const at = (q: number) =>
      draws[Math.min(draws.length - 1, Math.max(0, Math.round(q * (draws.length - 1))))];
    return { low: at(tail), high: at(1 - tail) };
  });
}
