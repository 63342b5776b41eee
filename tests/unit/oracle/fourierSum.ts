/**
 * Test oracle: V_δ, ∇V_δ and whole-configuration velocities/energy as DIRECT Fourier sums of the
 * multiplier V̂_k·m_δ(k) over |k|∞ ≤ K (MATH §1–3). Deliberately naive and independent of the
 * production kernel (no closed forms, no tables, no image sums).
 */

import { gradU, potentialU } from '../../../src/model/external';
import { coreMultiplier, kernelMultiplier } from '../../../src/model/kernels/multipliers';
import type { ExternalField, InteractionSpec } from '../../../src/model/types';

/** K with multiplier tails below ~1e-12·(leading term): MATH §2 guidance. */
export function oracleCutoff(spec: InteractionSpec): number {
  const d = spec.delta;
  // gaussian: e^{−2π²δ²K²} ≈ e^{−33}; ring: e^{−π²δ²K²/2} ≈ e^{−33} (times |J₀| ≤ 1);
  // plummer/poisson: m ≈ e^{−2πδK} ≈ e^{−25} (·√x for plummer)
  const k = spec.core === 'gaussian' ? 1.3 / d : spec.core === 'ring' ? 2.6 / d : 4.0 / d;
  return Math.ceil(k);
}

/** Multiplier table over the half plane (k1 > 0, or k1 = 0 and k2 > 0) — cosine sums double it. */
function halfPlane(spec: InteractionSpec, K: number) {
  const side = 2 * K + 1;
  const mult = new Float64Array((K + 1) * side);
  const core = new Float64Array(2 * K * K + 1).fill(Number.NaN); // m_δ depends on |k|² only
  for (let k1 = 0; k1 <= K; k1++)
    for (let k2 = -K; k2 <= K; k2++) {
      if (k1 === 0 && k2 <= 0) continue;
      const kk = k1 * k1 + k2 * k2;
      if (Number.isNaN(core[kk])) core[kk] = coreMultiplier(spec.core, spec.delta, kk);
      mult[k1 * side + k2 + K] = kernelMultiplier(spec.geometry, k1, k2) * core[kk];
    }
  return mult;
}

/** [V, ∂₁V, ∂₂V] at one displacement. */
export function fourierPair(spec: InteractionSpec, dx: number, dy: number, K = oracleCutoff(spec)): number[] {
  const mult = halfPlane(spec, K);
  const side = 2 * K + 1;
  let v = 0;
  let gx = 0;
  let gy = 0;
  const tp = 2 * Math.PI;
  for (let k1 = 0; k1 <= K; k1++)
    for (let k2 = -K; k2 <= K; k2++) {
      const m = mult[k1 * side + k2 + K];
      if (m === 0) continue;
      const arg = tp * (k1 * dx + k2 * dy);
      v += 2 * m * Math.cos(arg);
      const s = -2 * m * tp * Math.sin(arg);
      gx += s * k1;
      gy += s * k2;
    }
  return [v, gx, gy];
}

/** Velocities (MATH §3) and E_n by structure factors S(k) = Σ_j b_j e^{−2πik·x_j}. */
export function fourierVelocities(
  spec: InteractionSpec,
  field: ExternalField,
  particles: number[][],
  K = oracleCutoff(spec),
): { velocities: number[][]; energy: number } {
  const n = particles.length;
  const mult = halfPlane(spec, K);
  const side = 2 * K + 1;
  // 1D phase tables e^{2πi k x_j} for k = 0..K (x) and −K..K (y)
  const cx = new Float64Array(n * (K + 1));
  const sx = new Float64Array(n * (K + 1));
  const cy = new Float64Array(n * side);
  const sy = new Float64Array(n * side);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k <= K; k++) {
      cx[j * (K + 1) + k] = Math.cos(2 * Math.PI * k * particles[j][0]);
      sx[j * (K + 1) + k] = Math.sin(2 * Math.PI * k * particles[j][0]);
    }
    for (let k = -K; k <= K; k++) {
      cy[j * side + k + K] = Math.cos(2 * Math.PI * k * particles[j][1]);
      sy[j * side + k + K] = Math.sin(2 * Math.PI * k * particles[j][1]);
    }
  }
  const vx = new Float64Array(n);
  const vy = new Float64Array(n);
  const re = new Float64Array(n); // e^{2πik·x_j} for the current k
  const im = new Float64Array(n);
  let pairEnergy = 0;
  for (let k1 = 0; k1 <= K; k1++)
    for (let k2 = -K; k2 <= K; k2++) {
      const m = mult[k1 * side + k2 + K];
      if (m === 0) continue;
      let sRe = 0;
      let sIm = 0;
      for (let j = 0; j < n; j++) {
        const a = cx[j * (K + 1) + k1];
        const b = sx[j * (K + 1) + k1];
        const c = cy[j * side + k2 + K];
        const d = sy[j * side + k2 + K];
        re[j] = a * c - b * d;
        im[j] = a * d + b * c;
        const bj = particles[j][2];
        sRe += bj * re[j];
        sIm += bj * im[j];
      }
      pairEnergy += 2 * m * (sRe * sRe + sIm * sIm);
      // ∇(V∗Σ b_j δ_{x_j})(x_i) = Σ_k 2πik m S(−k)… : Re[2πi k m e^{2πik·x_i} conj(S)] doubled
      for (let i = 0; i < n; i++) {
        const t = -2 * m * 2 * Math.PI * (im[i] * sRe - re[i] * sIm);
        vx[i] += t * k1;
        vy[i] += t * k2;
      }
    }
  const g = new Float64Array(2);
  const velocities: number[][] = [];
  let uEnergy = 0;
  for (let i = 0; i < n; i++) {
    const [x, y, b] = particles[i];
    gradU(field, x, y, g);
    let ux = (-b * vx[i]) / n - b * g[0] + b * field.force[0];
    let uy = (-b * vy[i]) / n - b * g[1] + b * field.force[1];
    if (spec.geometry === 'slip') uy = 0;
    if (Object.is(ux, -0)) ux = 0;
    velocities.push([ux, uy]);
    uEnergy += b * potentialU(field, x, y);
  }
  return { velocities, energy: pairEnergy / (2 * n * n) + uEnergy / n };
}
