import { seededRandom } from './random';

/** A sparse matrix in compressed sparse rows. */
export interface SparseMatrix {
  rows: number;
  columns: number;
  rowStarts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** Dense matrices below are column-major: entry (row, column) at [column * rows + row]. */

/** Y = X·M for M (columns × k): rows × k. */
function multiply(x: SparseMatrix, m: Float64Array, k: number): Float64Array {
  const y = new Float64Array(x.rows * k);
  for (let row = 0; row < x.rows; row++) {
    for (let p = x.rowStarts[row]; p < x.rowStarts[row + 1]; p++) {
      const column = x.indices[p];
      const value = x.values[p];
      for (let j = 0; j < k; j++) y[j * x.rows + row] += value * m[j * x.columns + column];
    }
  }
  return y;
}

/** Z = Xᵀ·Y for Y (rows × k): columns × k. */
function multiplyTransposed(x: SparseMatrix, y: Float64Array, k: number): Float64Array {
  const z = new Float64Array(x.columns * k);
  for (let row = 0; row < x.rows; row++) {
    for (let p = x.rowStarts[row]; p < x.rowStarts[row + 1]; p++) {
      const column = x.indices[p];
      const value = x.values[p];
      for (let j = 0; j < k; j++) z[j * x.columns + column] += value * y[j * x.rows + row];
    }
  }
  return z;
}

/** Modified Gram-Schmidt, twice for stability; dependent columns become zero. */
function orthonormalizeColumns(m: Float64Array, rows: number, k: number): void {
  for (let j = 0; j < k; j++) {
    const column = m.subarray(j * rows, (j + 1) * rows);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        const previous = m.subarray(i * rows, (i + 1) * rows);
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += column[r] * previous[r];
        for (let r = 0; r < rows; r++) column[r] -= dot * previous[r];
      }
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += column[r] * column[r];
    const scale = norm > 1e-20 ? 1 / Math.sqrt(norm) : 0;
    for (let r = 0; r < rows; r++) column[r] *= scale;
  }
}

/** Eigenvalues and eigenvectors (column i = vector i) of a symmetric n × n matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(
  matrix: Float64Array,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += a[i] * a[i];
  for (let sweep = 0; sweep < 50; sweep++) {
    let offDiagonal = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) offDiagonal += a[p * n + q] ** 2;
    if (offDiagonal <= 1e-24 * scale) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
          const vkp = v[p * n + k];
          const vkq = v[q * n + k];
          v[p * n + k] = c * vkp - s * vkq;
          v[q * n + k] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => a[i * n + i]), vectors: v };
}

/**
 * The top `dimensions` right singular vectors of X, each scaled by its singular value to the power
 * `power`, as column vectors (X's columns × dimensions, row-major). Randomized range finder with
 * power iterations (Halko, Martinsson & Tropp 2011): exact enough for a few dozen dimensions of
 * a text matrix, in one or two seconds for ten thousand texts.
 */
export function topRightSingularVectors(
  x: SparseMatrix,
  dimensions: number,
  options: { seed: number; power?: number; iterations?: number },
): Float32Array {
  const power = options.power ?? 0.5;
  const k = dimensions + 10; // oversampling
  const random = seededRandom(options.seed);
  const start = Float64Array.from({ length: x.columns * k }, () => random() * 2 - 1);
  let range = multiply(x, start, k);
  orthonormalizeColumns(range, x.rows, k);
  for (let iteration = 0; iteration < (options.iterations ?? 2); iteration++) {
    const back = multiplyTransposed(x, range, k);
    orthonormalizeColumns(back, x.columns, k);
    range = multiply(x, back, k);
    orthonormalizeColumns(range, x.rows, k);
  }
  // B = Qᵀ·X is small (k × columns); its right singular vectors are X's.
  const bTransposed = multiplyTransposed(x, range, k);
  const gram = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let sum = 0;
      for (let r = 0; r < x.columns; r++) {
        sum += bTransposed[i * x.columns + r] * bTransposed[j * x.columns + r];
      }
      gram[i * k + j] = sum;
      gram[j * k + i] = sum;
    }
  }
  const { values, vectors } = symmetricEigen(gram, k);
  const order = Array.from({ length: k }, (_, i) => i)
    .sort((a, b) => values[b] - values[a])
    .slice(0, dimensions);
  const result = new Float32Array(x.columns * dimensions);
  order.forEach((eigen, d) => {
    const sigma = Math.sqrt(Math.max(values[eigen], 0));
    // v = Bᵀ·u / σ, then scaled by σ^power.
    const scale = sigma > 1e-12 ? sigma ** power / sigma : 0;
    const u = vectors.subarray(eigen * k, (eigen + 1) * k);
    for (let r = 0; r < x.columns; r++) {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += bTransposed[j * x.columns + r] * u[j];
      result[r * dimensions + d] = sum * scale;
    }
  });
  return result;
}
