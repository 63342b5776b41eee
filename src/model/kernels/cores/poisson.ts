import type { CoreForms, PairConstants } from './forms';

/** The poisson core: Φ = −log(δ + √(r² + δ²)), multiplier m_δ(k) = exp(−2πδ|k|). */
export function poissonMultiplier(delta: number, kSquared: number): number {
  return Math.exp(-2 * Math.PI * delta * Math.sqrt(kSquared));
}

export function poissonForms(delta: number): CoreForms {
  const d2 = delta * delta;
  return {
    core: 'poisson',
    delta,
    phi: (q) => -Math.log(delta + Math.sqrt(q + d2)),
    phiA: (q) => {
      const rho = Math.sqrt(q + d2);
      return -1 / (rho * (delta + rho));
    },
    phiC: (q) => {
      const rho = Math.sqrt(q + d2);
      const dr = delta + rho;
      return (delta + 2 * rho) / (rho * rho * rho * dr * dr);
    },
    slipB: (q) => {
      const dr = delta + Math.sqrt(q + d2);
      return q / (dr * dr);
    },
    slipBn: (q) => {
      const dr = delta + Math.sqrt(q + d2);
      return 1 / (dr * dr);
    },
    slipBq: (q) => {
      const rho = Math.sqrt(q + d2);
      const dr = delta + rho;
      return delta / (rho * dr * dr);
    },
  };
}

export function poissonRadialA(q: number, c: PairConstants): number {
  const rho = Math.sqrt(q + c.d2);
  return -1 / (rho * (c.delta + rho));
}

export function poissonSlip(q: number, c: PairConstants, out: Float64Array): void {
  const rho = Math.sqrt(q + c.d2);
  const dr = c.delta + rho;
  out[0] = -1 / (rho * dr);
  out[1] = 1 / (dr * dr);
  out[2] = c.delta / (rho * dr * dr);
}
