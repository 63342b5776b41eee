import type { Rng } from '../random';

/**
 * Largest-remainder rounding: non-negative integers c_i with Σ c_i = total and |c_i − q_i| < 1,
 * q_i = total·w_i/Σw. Equal remainders (e.g. a uniform density) are ordered by random keys from
 * `rng` when given, so the spare units land in random cells rather than in the first rows.
 */
export function apportion(weights: ArrayLike<number>, total: number, rng?: Rng): Int32Array {
  const len = weights.length;
  const counts = new Int32Array(len);
  if (total === 0) return counts;
  let sum = 0;
  for (let i = 0; i < len; i++) {
    if (!(weights[i] >= 0)) throw new RangeError(`apportion: weight ${i} is ${weights[i]}`);
    sum += weights[i];
  }
  if (!(sum > 0)) throw new RangeError('apportion: all weights are zero');
  const frac = new Float64Array(len);
  let assigned = 0;
  for (let i = 0; i < len; i++) {
    const q = (total * weights[i]) / sum;
    const f = Math.floor(q);
    counts[i] = f;
    frac[i] = q - f;
    assigned += f;
  }
  let rest = total - assigned;
  if (rest === 0) return counts;
  const keys = new Uint32Array(len);
  if (rng) for (let i = 0; i < len; i++) keys[i] = rng.nextUint32();
  const order = new Int32Array(len);
  for (let i = 0; i < len; i++) order[i] = i;
  // rest > 0 is the normal case; rest < 0 only if Σq rounded above `total`: take back from the
  // smallest remainders instead.
  const sign = rest > 0 ? 1 : -1;
  order.sort((a, b) => sign * (frac[b] - frac[a]) || keys[a] - keys[b] || a - b);
  for (let k = 0; rest !== 0 && k < len; k++) {
    const i = order[k];
    if (sign < 0 && counts[i] === 0) continue;
    counts[i] += sign;
    rest -= sign;
  }
  return counts;
}

/**
 * n+ and n− from the masses (SPEC §7): n+ = round(n·m+) (halves round up), n− = n − n+, so the
 * split is deterministic and always sums to n.
 */
export function splitBySign(
  n: number,
  massPlus: number,
  massMinus: number,
): { nPlus: number; nMinus: number } {
  const share = massPlus / (massPlus + massMinus);
  const nPlus = Math.min(n, Math.max(0, Math.round(n * share)));
  return { nPlus, nMinus: n - nPlus };
}
