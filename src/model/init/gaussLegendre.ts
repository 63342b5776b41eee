/** Gauss–Legendre rule on [−1, 1]: nodes and weights, exact for polynomials of degree ≤ 2m − 1. */
export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

const cache = new Map<number, QuadratureRule>();

/**
 * m-point Gauss–Legendre rule, computed once by Newton's method on P_m (three-term recurrence),
 * rather than typed-in tables, so any m is available and the digits cannot be mistyped.
 */
export function gaussLegendre(m: number): QuadratureRule {
  const hit = cache.get(m);
  if (hit) return hit;
  const nodes = new Float64Array(m);
  const weights = new Float64Array(m);
  for (let i = 0; i < Math.ceil(m / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (m + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= m; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      if (m === 1) p0 = 1;
      // P_m'(x) = m (x P_m − P_{m−1}) / (x² − 1)
      dp = (m * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    // Recompute the derivative at the converged node for the weight.
    let p0 = 1;
    let p1 = x;
    for (let k = 2; k <= m; k++) {
      const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
      p0 = p1;
      p1 = p2;
    }
    dp = (m * (x * p1 - p0)) / (x * x - 1);
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[i] = -x;
    nodes[m - 1 - i] = x;
    weights[i] = w;
    weights[m - 1 - i] = w;
  }
  if (m % 2 === 1) nodes[(m - 1) / 2] = 0;
  const rule = { nodes, weights };
  cache.set(m, rule);
  return rule;
}
