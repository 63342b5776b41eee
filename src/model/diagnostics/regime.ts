/**
 * Where a scenario (n, δ, T) sits relative to the theorems of the paper (MATH §6).
 *
 *  - Convergence (Thm 3.3 isotropic, Thm 3.9 slip): exp(3 λ_δ T)·n^{−1/2} → 0 (Remark 3.4). As a
 *    point test we use criterion < 1; with λ_δ = 1/(2δ²) (gaussian isotropic) this is exactly
 *    δ > √(3T / log n), the line drawn on the map.
 *  - Non-convergence with short dipoles: isotropic Thm 4.4 (n²δ → 0), sharpened by Remark 4.5 to
 *    n^{5/4}δ → 0; slip Thm 4.6 (n²δ → 0). Point tests δ ≤ n^{−2}, δ ≤ n^{−5/4}.
 *  - Otherwise the question is open. δ = n^{−1/2} (the typical spacing) is drawn for orientation.
 * These are asymptotic statements; the classification of a single (n, δ) only says which side of
 * the lines it is on.
 */
import { type CoreModel, type Geometry, PAPER_CORE_MODELS } from '../types';

/** exp(3 λ T)·n^{−1/2} (may overflow to Infinity; see log10ConvergenceCriterion). */
export function convergenceCriterion(lambda: number, T: number, n: number): number {
  return Math.exp(3 * lambda * T) / Math.sqrt(n);
}

/** log₁₀ of exp(3 λ T)·n^{−1/2}, finite where the criterion itself overflows. */
export function log10ConvergenceCriterion(lambda: number, T: number, n: number): number {
  return (3 * lambda * T) / Math.LN10 - 0.5 * Math.log10(n);
}

export interface RegimeLines {
  /** δ = √(3T / log n): above it the gaussian criterion is < 1. NaN for n ≤ 1. */
  convergence: number;
  /** δ = n^{−5/4} (Remark 4.5). */
  remark45: number;
  /** δ = n^{−2} (Thm 4.4 / 4.6). */
  thm44: number;
  /** δ = n^{−1/2}, the typical interparticle spacing. */
  spacing: number;
}

/** The four lines of the regime map at a given n (and horizon T). */
export function regimeLines(n: number, T: number): RegimeLines {
  return {
    convergence: n > 1 ? Math.sqrt((3 * T) / Math.log(n)) : Number.NaN,
    remark45: n ** -1.25,
    thm44: n ** -2,
    spacing: n ** -0.5,
  };
}

/** 'outside': a core the paper's assumptions exclude (ring, outside (V1)): no theorem applies. */
export type RegimeKind = 'convergent' | 'non-convergent' | 'open' | 'outside';

export interface RegimeClassification {
  kind: RegimeKind;
  /** e.g. "convergent (Thm 3.3)", "non-convergent with short dipoles (Thm 4.4)", "open". */
  label: string;
  /** exp(3λT)·n^{−1/2} and its log₁₀. */
  criterion: number;
  log10Criterion: number;
  lines: RegimeLines;
}

export function classifyRegime(args: {
  geometry: Geometry;
  n: number;
  delta: number;
  T: number;
  /** λ_δ = ‖D²V_δ‖_∞ from the kernel. */
  lambda: number;
  /** Default gaussian; a core outside the paper's assumptions is classified 'outside'. */
  core?: CoreModel;
}): RegimeClassification {
  const { geometry, n, delta, T, lambda } = args;
  const lines = regimeLines(n, T);
  const log10Criterion = log10ConvergenceCriterion(lambda, T, n);
  const criterion = convergenceCriterion(lambda, T, n);
  if (args.core && !PAPER_CORE_MODELS.includes(args.core))
    return {
      kind: 'outside',
      label: 'outside the paper’s assumption (V1): no theorem applies',
      criterion,
      log10Criterion,
      lines,
    };
  const iso = geometry === 'isotropic';
  let kind: RegimeKind = 'open';
  let label = 'open (between the theorems)';
  if (log10Criterion < 0) {
    kind = 'convergent';
    label = iso ? 'convergent (Thm 3.3)' : 'convergent (Thm 3.9)';
  } else if (delta <= lines.thm44) {
    kind = 'non-convergent';
    label = iso
      ? 'non-convergent with short dipoles (Thm 4.4)'
      : 'non-convergent with short dipoles (Thm 4.6)';
  } else if (iso && delta <= lines.remark45) {
    kind = 'non-convergent';
    label = 'non-convergent with short dipoles (Thm 4.4, Remark 4.5)';
  }
  return { kind, label, criterion, log10Criterion, lines };
}
