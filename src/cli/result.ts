/**
 * The last check before a result is written: every number in it is finite. JSON has no NaN or
 * ±Infinity (JSON.stringify writes null), so a non-finite value would otherwise leave as a silent
 * `null` with exit code 0.
 */

/** Path and value of the first non-finite number in a JSON-like value, or undefined. */
function firstNonFinite(v: unknown, path: string): [string, number] | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : [path, v];
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      // flat number arrays (densities: up to 2²⁰ cells) without a call per item
      if (typeof item === 'number') {
        if (!Number.isFinite(item)) return [`${path}[${i}]`, item];
        continue;
      }
      const bad = firstNonFinite(item, `${path}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      const bad = firstNonFinite(x, path ? `${path}.${k}` : k);
      if (bad) return bad;
    }
  }
  return undefined;
}

export function assertFiniteResult(result: unknown): void {
  const bad = firstNonFinite(result, '');
  if (bad)
    throw new Error(
      `result: ${bad[0]} = ${bad[1]} (the computation left the range of doubles; no result written)`,
    );
}
