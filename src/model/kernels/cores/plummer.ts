import { xBesselK1 } from '../../special/besselK1';
import type { CoreForms, PairConstants } from './forms';

/** The plummer core: Φ = −½ log(r² + δ²), multiplier m_δ(k) = x K₁(x) with x = 2πδ|k|. */
export function plummerMultiplier(delta: number, kSquared: number): number {
  return xBesselK1(2 * Math.PI * delta * Math.sqrt(kSquared));
}

/** (1 − ln(1+u)/u)/u = Σ_{k≥0} (−1)^k u^k/(k+2), stable for small u. */
export function plummerBn(u: number): number {
  if (u > 0.05) return (1 - Math.log1p(u) / u) / u;
  let sum = 0;
  let pow = 1;
  for (let k = 0; k < 14; k++) {
    sum += pow / (k + 2);
    pow *= -u;
  }
  return sum;
}

/** d/du(1 − ln(1+u)/u) = Σ_{k≥0} (−1)^k (k+1) u^k/(k+2), stable for small u. */
export function plummerBq(u: number): number {
  if (u > 0.05) return Math.log1p(u) / (u * u) - 1 / (u * (1 + u));
  let sum = 0;
  let pow = 1;
  for (let k = 0; k < 14; k++) {
    sum += ((k + 1) * pow) / (k + 2);
    pow *= -u;
  }
  return sum;
}

export function plummerForms(delta: number): CoreForms {
  const d2 = delta * delta;
  return {
    core: 'plummer',
    delta,
    phi: (q) => -0.5 * Math.log(q + d2),
    phiA: (q) => -1 / (q + d2),
    phiC: (q) => 2 / ((q + d2) * (q + d2)),
    slipB: (q) => (q / d2) * plummerBn(q / d2),
    slipBn: (q) => plummerBn(q / d2) / d2,
    slipBq: (q) => plummerBq(q / d2) / d2,
  };
}

export function plummerRadialA(q: number, c: PairConstants): number {
  return -1 / (q + c.d2);
}

export function plummerSlip(q: number, c: PairConstants, out: Float64Array): void {
  const u = q * c.invD2;
  out[0] = -1 / (q + c.d2);
  out[1] = plummerBn(u) * c.invD2;
  out[2] = plummerBq(u) * c.invD2;
}
