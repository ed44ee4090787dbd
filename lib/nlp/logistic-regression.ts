/**
 * Weighted logistic regression by Newton's method with step halving, an L2 penalty on the weights
 * (not the intercept). Small problems only: a handful of features, up to tens of thousands of rows.
 */
export function fitLogisticRegression(
  rows: readonly (readonly number[])[],
  labels: readonly (0 | 1)[],
  options: { ridge: number; weights?: readonly number[]; start?: readonly number[] },
): { weights: number[]; intercept: number } {
  const d = rows[0]?.length ?? 0;
  const sampleWeights = options.weights ?? rows.map(() => 1);
  const { ridge } = options;
  // Parameters: d weights, then the intercept.
  const linear = (theta: number[], i: number) =>
    theta[d] + rows[i].reduce((sum, value, j) => sum + theta[j] * value, 0);
  const loss = (theta: number[]) => {
    let sum = 0;
    for (let j = 0; j < d; j++) sum += (ridge / 2) * theta[j] ** 2;
    rows.forEach((_, i) => {
      const z = linear(theta, i);
      // log(1 + e^z) - y·z without overflow.
      sum +=
        sampleWeights[i] * (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - labels[i] * z);
    });
    return sum;
  };
  let theta = options.start ? [...options.start] : new Array<number>(d + 1).fill(0);
  let current = loss(theta);
  for (let iteration = 0; iteration < 100; iteration++) {
    const gradient = theta.map((value, j) => (j < d ? ridge * value : 0));
    const hessian = theta.map((_, j) => theta.map((__, k) => (j === k && j < d ? ridge : 0)));
    rows.forEach((row, i) => {
      const p = 1 / (1 + Math.exp(-linear(theta, i)));
      const extended = [...row, 1];
      const residual = sampleWeights[i] * (p - labels[i]);
      const curvature = sampleWeights[i] * p * (1 - p);
      for (let j = 0; j <= d; j++) {
        gradient[j] += residual * extended[j];
        for (let k = 0; k <= d; k++) hessian[j][k] += curvature * extended[j] * extended[k];
      }
    });
    const step = solve(hessian, gradient);
    let size = 1;
    let next = theta.map((value, j) => value - step[j]);
    let nextLoss = loss(next);
    while (nextLoss > current && size > 1e-6) {
      size /= 2;
      next = theta.map((value, j) => value - size * step[j]);
      nextLoss = loss(next);
    }
    if (nextLoss > current) break;
    const improvement = current - nextLoss;
    theta = next;
    current = nextLoss;
    if (improvement < 1e-10 * (1 + current)) break;
  }
  return { weights: theta.slice(0, d), intercept: theta[d] };
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is small and well conditioned). */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]]);
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++) {
      if (Math.abs(a[row][column]) > Math.abs(a[pivot][column])) pivot = row;
    }
    [a[column], a[pivot]] = [a[pivot], a[column]];
    const lead = a[column][column] || 1e-12;
    for (let row = column + 1; row < n; row++) {
      const factor = a[row][column] / lead;
      for (let k = column; k <= n; k++) a[row][k] -= factor * a[column][k];
    }
  }
  const solution = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = a[row][n];
    for (let k = row + 1; k < n; k++) sum -= a[row][k] * solution[k];
    solution[row] = sum / (a[row][row] || 1e-12);
  }
  return solution;
}
