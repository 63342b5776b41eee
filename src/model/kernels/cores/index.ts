/**
 * The core models in one place: everything that differs between cores (the multiplier m_δ that
 * defines them, their R² closed forms, the hot-path pair profiles and what the fast sum needs to
 * know about them) is registered here, one module per core. Adding a core means its module, an
 * entry in CORES, a case in the two hot-path dispatchers below, and its name in types.ts.
 */
import type { CoreModel, Geometry } from '../../types';
import type { CoreForms, PairConstants } from './forms';
import { gaussianForms, gaussianMultiplier, gaussianRadialA, gaussianSlip } from './gaussian';
import { plummerForms, plummerMultiplier, plummerRadialA, plummerSlip } from './plummer';
import { poissonForms, poissonMultiplier, poissonRadialA, poissonSlip } from './poisson';
import { ringForms, ringMultiplier, ringRadialA, ringSlip, ringTailBound } from './ring';
import { RING_SECOND_MOMENT } from './ringProfile';

export type { CoreForms, PairConstants } from './forms';
export { integralI } from './forms';

interface CoreModelEntry {
  /** Index used by the hot-path dispatchers (pairRadialA, pairSlip). */
  readonly code: number;
  /** m_δ(k) as a function of |k|² (MATH §2): the definition of the regularisation. */
  multiplier(delta: number, kSquared: number): number;
  /** sup of |m_δ(k)| over |k|² ≥ kSquared (the multiplier itself where it is positive, decreasing). */
  tailBound(delta: number, kSquared: number): number;
  forms(delta: number): CoreForms;
  /**
   * M₂/δ² (M₂ = ∫|x|²g_δ) when the core density g_δ decays faster than any power (gaussian,
   * ring): the fast sum's screen then takes the core's second moment and its near part P_δ − P_T
   * is compact without a switch (the 'ewald' split). null for the algebraic cores (switched).
   */
  readonly secondMoment: number | null;
  /**
   * Intervals per δ² of q that a degree-7 table of the whole near profile needs for ~1e-14 (the
   * scale on which the core varies in q: 2δ² gaussian, δ²/2 ring; the algebraic cores have a
   * singularity at q = −δ²).
   */
  readonly tablePerD2: number;
  /**
   * The isotropic P_δ − P₀ decays faster than any power of δ/r (a compact core density): the
   * periodic remainder needs no far-image tail.
   */
  readonly compactIsotropic: boolean;
  /**
   * Measured ns per near-field pair evaluated with the closed forms (fast-sum cost model; node 20,
   * one thread of the reference machine): slip plummer pays two log1p per pair; the isotropic
   * gaussian's pairs run in WebAssembly (fastsum/nearWasm.ts).
   */
  readonly pairNs: Record<Geometry, number>;
}

export const CORES: Record<CoreModel, CoreModelEntry> = {
  gaussian: {
    code: 0,
    multiplier: gaussianMultiplier,
    tailBound: gaussianMultiplier,
    forms: gaussianForms,
    secondMoment: 2,
    tablePerD2: 2,
    compactIsotropic: true,
    pairNs: { isotropic: 16, slip: 42 },
  },
  plummer: {
    code: 1,
    multiplier: plummerMultiplier,
    tailBound: plummerMultiplier,
    forms: plummerForms,
    secondMoment: null,
    tablePerD2: 16,
    compactIsotropic: false,
    pairNs: { isotropic: 20, slip: 80 },
  },
  poisson: {
    code: 2,
    multiplier: poissonMultiplier,
    tailBound: poissonMultiplier,
    forms: poissonForms,
    secondMoment: null,
    tablePerD2: 16,
    compactIsotropic: false,
    pairNs: { isotropic: 20, slip: 32 },
  },
  // outside (V1): m_δ changes sign (ring.ts); the profiles come from a universal table
  ring: {
    code: 3,
    multiplier: ringMultiplier,
    tailBound: ringTailBound,
    forms: ringForms,
    secondMoment: RING_SECOND_MOMENT,
    tablePerD2: 8,
    compactIsotropic: true,
    // the gaussian's, scaled by the direct sums' measured ring/gaussian time (1.00, 1.05; bench ring)
    pairNs: { isotropic: 25, slip: 44 },
  },
};

/** m_δ(k) as a function of |k|²; δ = 0 gives 1 (the unregularised kernel). */
export function coreMultiplier(core: CoreModel, delta: number, kSquared: number): number {
  return delta === 0 ? 1 : CORES[core].multiplier(delta, kSquared);
}

/** sup_{|k'|² ≥ kSquared} |m_δ(k')|: what a truncation of the multiplier at |k|² neglects. */
export function coreTailBound(core: CoreModel, delta: number, kSquared: number): number {
  return delta === 0 ? 1 : CORES[core].tailBound(delta, kSquared);
}

export function coreForms(core: CoreModel, delta: number): CoreForms {
  if (!(delta > 0)) throw new Error(`core radius δ must be > 0, got ${delta}`);
  return CORES[core].forms(delta);
}

export function pairConstants(core: CoreModel, delta: number): PairConstants {
  const d2 = delta * delta;
  return { code: CORES[core].code, delta, d2, inv2d2: 1 / (2 * d2), invD2: 1 / d2 };
}

/**
 * Φ'(r)/r at q = r² > 0 (the isotropic pair gradient is this times the displacement). The pair
 * loops call this per pair: a switch on a loop-invariant code, which V8 inlines and predicts
 * (calling forms.phiA through a closure ran ~30× slower).
 */
export function pairRadialA(q: number, c: PairConstants): number {
  switch (c.code) {
    case 0:
      return gaussianRadialA(q, c);
    case 1:
      return plummerRadialA(q, c);
    case 2:
      return poissonRadialA(q, c);
    default:
      return ringRadialA(q, c);
  }
}

/** The slip profile at q = r² > 0: [Φ'/r, B/q, dB/dq] into out[0..2]. */
export function pairSlip(q: number, c: PairConstants, out: Float64Array): void {
  switch (c.code) {
    case 0:
      gaussianSlip(q, c, out);
      return;
    case 1:
      plummerSlip(q, c, out);
      return;
    case 2:
      poissonSlip(q, c, out);
      return;
    default:
      ringSlip(q, c, out);
  }
}
