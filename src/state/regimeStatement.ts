import type { RegimeClassification } from '../model/diagnostics/regime';
import { ringInstability } from '../model/kernels/cores/ringBand';
import { resolveDelta } from '../model/scenario/delta';
import { resolveTemperature } from '../model/scenario/noise';
import type { Scenario } from '../model/scenario/types';

const SUPERSCRIPTS: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
};

/** A number to 3 significant digits, large ones as m×10ᵏ (readable from the back of a room). */
export function threeDigits(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e4 || a < 1e-3)) {
    const [m, e] = x.toExponential(2).split('e');
    const exp = String(Number(e))
      .split('')
      .map((ch) => SUPERSCRIPTS[ch] ?? ch)
      .join('');
    return `${m}×10${exp}`;
  }
  return String(Number(x.toPrecision(3))).replace('-', '−');
}

/**
 * The convergence criterion exp(3λ_δT)·n^{−1/2} as text: the number itself when it is of
 * moderate size, else 10 to a power given to 3 significant digits ("10^(3.26×10¹³)").
 */
export function criterionText(log10Criterion: number): string {
  if (!Number.isFinite(log10Criterion)) return '…';
  if (Math.abs(log10Criterion) < 3) return threeDigits(10 ** log10Criterion);
  const x = threeDigits(log10Criterion);
  return x.includes('×') ? `10^(${x})` : `10^${x}`;
}

export interface RegimeStatement {
  /** Where the parameters (n, δ, T) sit: which theorem's regime, with the theorem's name. */
  parameters: string;
  /** What that theorem assumes besides the parameters. */
  assumes: string;
  /** Whether this run's data meet those assumptions (null: nothing to check). */
  thisRun: string | null;
  /** The theorem's conclusion applies to this run as it is set up. */
  applies: boolean;
}

/**
 * The regime line, saying only what is true: the classification is of the parameters; each
 * theorem is proved for particular data (Thm 3.3/3.9: initial particles approximating ρ±◦;
 * Thm 4.4/4.6: short dipoles), with a smooth potential U and no applied force F.
 */
export function regimeStatement(r: RegimeClassification, s: Scenario): RegimeStatement {
  const iso = s.geometry === 'isotropic';
  const forced = s.field.force.some((f) => f !== 0);
  const kind = s.initial.kind;
  const noU = s.field.modes.length === 0 || s.field.modes.every((m) => m.a === 0);
  const problems: string[] = [];
  if (forced) problems.push('F ≠ 0 is outside the theorem (no periodic potential)');
  if (resolveTemperature(s) > 0) problems.push('θ > 0: the theorems are proved for the noiseless flow');
  if (r.kind === 'outside') return outsideStatement(s);
  if (r.kind === 'convergent') {
    const thm = iso ? 'Thm 3.3' : 'Thm 3.9';
    if (kind === 'dipoles') problems.push('short-dipole data are not the well-prepared data it assumes');
    if (kind === 'explicit') problems.push('an explicit list: n → ∞ is not in view');
    return {
      parameters: `parameters in the ${thm} regime (exp(3λ_δT)·n^−½ < 1)`,
      assumes: 'proved for initial particles whose ± measures approximate ρ±◦, a smooth U and F = 0',
      thisRun:
        problems.length > 0
          ? problems.join('; ')
          : `this run: ${kind === 'sample' ? 'sampled from ρ±◦' : kind} ✓`,
      applies: problems.length === 0,
    };
  }
  if (r.kind === 'non-convergent') {
    const remark = iso && r.label.includes('Remark');
    const thm = iso ? (remark ? 'Thm 4.4 with Remark 4.5' : 'Thm 4.4') : 'Thm 4.6';
    if (kind !== 'dipoles')
      problems.push(
        kind === 'explicit'
          ? 'an explicit list, not a family of short dipoles'
          : 'sampled particles, not short dipoles: the theorem says nothing here',
      );
    if (noU) problems.push('U = 0: nothing moves the limit density either');
    return {
      parameters: `parameters in the ${thm} regime (δ ≤ n^${remark ? '−5/4' : '−2'})`,
      assumes: 'proved for short-dipole initial data under a non-constant U (and F = 0)',
      thisRun: problems.length > 0 ? problems.join('; ') : 'this run: short dipoles under a non-constant U ✓',
      applies: problems.length === 0,
    };
  }
  return {
    parameters: 'parameters between the theorems',
    assumes: 'neither convergence nor non-convergence is proved for these (n, δ, T)',
    thisRun: forced ? problems[0] : null,
    applies: false,
  };
}

/** The ring core (outside V1): no theorem; what the sign change of m_δ does instead (MATH §2a). */
function outsideStatement(s: Scenario): RegimeStatement {
  const r = ringInstability(resolveDelta(s), s.dimension === 1 ? '1d' : s.geometry);
  const rate = r.fastestRate;
  return {
    parameters: 'ring core: outside the paper’s assumption (V1), no theorem applies',
    assumes: `m_δ < 0 for ${threeDigits(r.band[0])} < |k| < ${threeDigits(r.band[1])}, so the uniform state is unstable there (fastest growth e^(${threeDigits(rate)}·t) at |k| ≈ ${threeDigits(r.fastestK)}${s.geometry === 'slip' && s.dimension !== 1 ? ', 45° to the glide direction' : ''}) and like signs aggregate`,
    thisRun: null,
    applies: false,
  };
}
