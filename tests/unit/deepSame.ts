/** Deep equality with Object.is on numbers (so −0 vs 0 and 0.1+0.2 vs 0.3 are told apart). */
export function deepSame(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.join() !== kb.join()) return false;
  return ka.every((k) => deepSame((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
