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
import { ringForms, ringMultiplier } from './ring';

export type { CoreForms, PairConstants } from './forms';
export { integralI } from './forms';

interface CoreModelEntry {
  /** Index used by the hot-path dispatchers (pairRadialA, pairSlip). */
  readonly code: number;
  /** m_δ(k) as a function of |k|² (MATH §2): the definition of the regularisation. */
  multiplier(delta: number, kSquared: number): number;
  forms(delta: number): CoreForms;
  /** m_δ is a gaussian, so m_δ·m_τ = m_σ: the fast sum's Ewald split is exact (no switch). */
  readonly gaussianMultiplier: boolean;
  /**
   * The isotropic P_δ − P₀ decays faster than any power of δ/r (a compact core density): the
   * periodic remainder needs no far-image tail.
   */
  readonly compactIsotropic: boolean;
  /**
   * Measured ns per near-field pair evaluated with the closed forms (fast-sum cost model; node 20,
   * one thread of the reference machine): slip plummer pays two log1p per pair.
   */
  readonly pairNs: Record<Geometry, number>;
}

export const CORES: Record<CoreModel, CoreModelEntry> = {
  gaussian: {
    code: 0,
    multiplier: gaussianMultiplier,
    forms: gaussianForms,
    gaussianMultiplier: true,
    compactIsotropic: true,
    pairNs: { isotropic: 25, slip: 42 },
  },
  plummer: {
    code: 1,
    multiplier: plummerMultiplier,
    forms: plummerForms,
    gaussianMultiplier: false,
    compactIsotropic: false,
    pairNs: { isotropic: 20, slip: 80 },
  },
  poisson: {
    code: 2,
    multiplier: poissonMultiplier,
    forms: poissonForms,
    gaussianMultiplier: false,
    compactIsotropic: false,
    pairNs: { isotropic: 20, slip: 32 },
  },
  // outside (V3): multiplier only (PDE); ringForms throws, so no particle kernel is ever built
  ring: {
    code: 3,
    multiplier: ringMultiplier,
    forms: ringForms,
    gaussianMultiplier: false,
    compactIsotropic: false,
    pairNs: { isotropic: 20, slip: 32 },
  },
};

/** m_δ(k) as a function of |k|²; δ = 0 gives 1 (the unregularised kernel). */
export function coreMultiplier(core: CoreModel, delta: number, kSquared: number): number {
  return delta === 0 ? 1 : CORES[core].multiplier(delta, kSquared);
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
    default:
      return poissonRadialA(q, c);
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
    default:
      poissonSlip(q, c, out);
  }
}
