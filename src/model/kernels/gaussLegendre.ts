/** Rules computed so far, by n: kernel and fast-sum builds ask for the same few (600 nodes cost ~15 ms). */
const rules = new Map<number, { nodes: Float64Array; weights: Float64Array }>();

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton on P_n; exact to round-off). Fresh arrays. */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  let rule = rules.get(n);
  if (!rule) {
    rule = computeRule(n);
    rules.set(n, rule);
  }
  return { nodes: Float64Array.from(rule.nodes), weights: Float64Array.from(rule.weights) };
}

function computeRule(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}
