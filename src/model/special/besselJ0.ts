/**
 * Bessel function J₀(x) to ~1e-15 absolute (it is ≤ 1 and oscillates, so absolute accuracy is
 * what a multiplier needs near its zeros). Written here for the same reason as besselK1.ts: no
 * well-kept npm package gives double-precision J₀.
 *  - |x| < 1e-4: 1 − x²/4 + x⁴/64 (next term x⁶/2304 < 1e-27);
 *  - |x| < 25: Miller's backward recurrence J_{k−1} = (2k/x)J_k − J_{k+1} from an order well above
 *    |x| (where J_k is negligible), normalised by 1 = J₀ + 2Σ_{k≥1} J_{2k} (rescaled on the way so
 *    nothing overflows); the recurrence is stable downwards, the error a few ulps times the order;
 *  - |x| ≥ 25: Hankel's expansion J₀ = √(2/(πx))(P cos χ − Q sin χ), χ = x − π/4, summed until its
 *    terms are below 1e-17 (they shrink until order ≈ 2x, so far below that at x ≥ 25); cos χ and
 *    sin χ from cos x and sin x, so no rounded π/4 is subtracted from a large x.
 * Tests: tests/unit/besselJ0.test.ts (trapezoid quadrature of the integral representation, known
 * zero and values).
 */
export function besselJ0(x: number): number {
  const ax = Math.abs(x);
  if (!Number.isFinite(ax)) return Number.isNaN(ax) ? Number.NaN : 0;
  if (ax < 1e-4) {
    const q = ax * ax;
    return 1 - q / 4 + (q * q) / 64;
  }
  return ax < 25 ? millerJ0(ax) : hankelJ0(ax);
}

function millerJ0(x: number): number {
  // start order: even, ≥ x + 40 + 6√x (J_m(x)/J_0 below 1e-20 there for x < 25)
  let m = Math.ceil(x + 40 + 6 * Math.sqrt(x));
  if (m % 2 === 1) m++;
  let next = 0; // J_{k+1}
  let cur = 1e-300; // J_k, arbitrary scale
  let norm = 0; // 2Σ J_{2k}, k ≥ 1, same scale
  const two = 2 / x;
  for (let k = m; k > 0; k--) {
    const prev = k * two * cur - next; // J_{k−1}
    next = cur;
    cur = prev;
    if (k - 1 > 0 && (k - 1) % 2 === 0) norm += 2 * cur;
    if (Math.abs(cur) > 1e250) {
      cur *= 1e-250;
      next *= 1e-250;
      norm *= 1e-250;
    }
  }
  return cur / (cur + norm);
}

function hankelJ0(x: number): number {
  // a_k = ((1·3·…·(2k−1))²)/(k! 8^k); P = Σ (−1)^j a_{2j}/x^{2j}, Q = −Σ (−1)^j a_{2j+1}/x^{2j+1}
  // (A&S 9.2.5 with μ = 4ν² = 0: every factor μ − (2j−1)² is negative)
  let p = 0;
  let q = 0;
  let term = 1; // a_k / x^k
  for (let k = 0; k < 200; k++) {
    if (k > 0) {
      const next = (term * (2 * k - 1) * (2 * k - 1)) / (8 * k * x);
      if (Math.abs(next) > Math.abs(term)) break;
      term = next;
    }
    const sign = (k >> 1) % 2 === 0 ? 1 : -1;
    if (k % 2 === 0) p += sign * term;
    else q -= sign * term;
    if (Math.abs(term) < 1e-17) break;
  }
  const c = Math.cos(x);
  const s = Math.sin(x);
  const cosChi = (c + s) * Math.SQRT1_2;
  const sinChi = (s - c) * Math.SQRT1_2;
  return Math.sqrt(2 / (Math.PI * x)) * (p * cosChi - q * sinChi);
}
