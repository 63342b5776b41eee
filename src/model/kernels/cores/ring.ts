import { besselJ0 } from '../../special/besselJ0';
import type { CoreForms, PairConstants } from './forms';
import {
  RING_DEGREE,
  RING_SECOND_MOMENT,
  RING_STRIDE,
  RING_X_MAX,
  ringTable,
  ringTableDerivative,
  ringTableValue,
} from './ringProfile';

/**
 * The ring core: m_δ(k) = J₀(2πδ|k|)·exp(−π²δ²|k|²/2), the transform of a ring of radius δ
 * blurred by a gaussian of standard deviation δ/2. OUTSIDE THE PAPER'S ASSUMPTION (V1),
 * [V̂_δ]_k ≥ 0 (its (V2)–(V4) hold; MATH §2a): m_δ is negative for 2πδ|k| between the first two
 * zeros of J₀ (2.405…5.520), so V_δ is not positive definite and the continuum energy is not convex; the uniform state is linearly unstable
 * at those wavelengths (tests/unit/pde.ring.test.ts measures the growth).
 */
export function ringMultiplier(delta: number, kSquared: number): number {
  const a = Math.PI * delta;
  return besselJ0(2 * a * Math.sqrt(kSquared)) * Math.exp(-0.5 * a * a * kSquared);
}

/**
 * sup of |m_δ| over |k|² ≥ kSquared: |J₀(z)| ≤ min(1, √(2/πz)) (√(πz/2)·√(J₀² + Y₀²) increases
 * to 1), times the decreasing gaussian. m_δ itself can vanish at a zero of J₀ and is no bound.
 */
export function ringTailBound(delta: number, kSquared: number): number {
  const a = Math.PI * delta;
  const z = 2 * a * Math.sqrt(kSquared);
  return Math.min(1, Math.sqrt(2 / (Math.PI * z))) * Math.exp(-0.5 * a * a * kSquared);
}

/** Shown wherever the ring core is offered or used. */
export const RING_LABEL = 'ring J₀(2πδ|k|)·exp(−π²δ²|k|²/2) — outside the paper’s assumption (V1)';

/**
 * R² forms from the universal profile table (ringProfile.ts), in x = 2q/δ² (q = r²): Φ'/r =
 * −(2/δ²)·(M/x), B/q = (2/δ²)·(B/x), dB/dq = (2/δ²)·(M − B)/x, Φ = −log δ + φ(x); beyond X_MAX
 * the bare forms with B = 1 − 1.5δ²/q.
 */
export function ringForms(delta: number): CoreForms {
  const t = ringTable();
  const d2 = delta * delta;
  const s = 2 / d2; // x per unit q
  const m2 = RING_SECOND_MOMENT * d2;
  const logDelta = Math.log(delta);
  return {
    core: 'ring',
    delta,
    phi: (q) => {
      const x = q * s;
      return x < RING_X_MAX ? ringTableValue(t, x, 3) - logDelta : -0.5 * Math.log(q);
    },
    phiA: (q) => {
      const x = q * s;
      return x < RING_X_MAX ? -s * ringTableValue(t, x, 0) : -1 / q;
    },
    // (Φ'' − Φ'/r)/r² = 2 d(Φ'/r)/dq
    phiC: (q) => {
      const x = q * s;
      return x < RING_X_MAX ? -2 * s * s * ringTableDerivative(t, x, 0) : 2 / (q * q);
    },
    slipB: (q) => {
      const x = q * s;
      return x < RING_X_MAX ? x * ringTableValue(t, x, 1) : 1 - m2 / q;
    },
    slipBn: (q) => {
      const x = q * s;
      return x < RING_X_MAX ? s * ringTableValue(t, x, 1) : (1 - m2 / q) / q;
    },
    slipBq: (q) => {
      const x = q * s;
      return x < RING_X_MAX ? s * ringTableValue(t, x, 2) : m2 / (q * q);
    },
  };
}

// Hot paths: one table lookup, Horner inlined (a call per function cost ~2× here).
const C = RING_DEGREE + 1;

/** Hot path Φ'(r)/r = −M/q. */
export function ringRadialA(q: number, c: PairConstants): number {
  const x = 2 * q * c.invD2;
  if (x >= RING_X_MAX) return -1 / q;
  const t = ringTable();
  const k = Math.floor(x);
  const u = 2 * (x - k) - 1;
  const o = k * RING_STRIDE;
  let m = t[o + C - 1];
  for (let i = C - 2; i >= 0; i--) m = m * u + t[o + i];
  return -2 * c.invD2 * m;
}

/** Hot path slip profile: [Φ'/r, B/q, dB/dq] into out. */
export function ringSlip(q: number, c: PairConstants, out: Float64Array): void {
  const s = 2 * c.invD2;
  const x = q * s;
  if (x >= RING_X_MAX) {
    const m2 = RING_SECOND_MOMENT * c.d2;
    out[0] = -1 / q;
    out[1] = (1 - m2 / q) / q;
    out[2] = m2 / (q * q);
    return;
  }
  const t = ringTable();
  const k = Math.floor(x);
  const u = 2 * (x - k) - 1;
  const o = k * RING_STRIDE;
  let m = t[o + C - 1];
  let b = t[o + 2 * C - 1];
  let d = t[o + 3 * C - 1];
  for (let i = C - 2; i >= 0; i--) {
    m = m * u + t[o + i];
    b = b * u + t[o + C + i];
    d = d * u + t[o + 2 * C + i];
  }
  out[0] = -s * m;
  out[1] = s * b;
  out[2] = s * d;
}
