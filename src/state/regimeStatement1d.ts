import { regimeLines1d } from '../model/oneD/regime1d';
import { resolveDelta } from '../model/scenario/delta';
import type { Scenario } from '../model/scenario/types';
import type { RegimeStatement } from './regimeStatement';

/**
 * The regime line on the circle (MATH §12), saying only what is true: Thm 4.1 (non-convergence for
 * short dipoles when n³δ → 0; Remark 4.3: n^{3/2}δ → 0 for the model potential, our `poisson` core)
 * is proved in 1D; the convergence line δ > √(3T/log n) is the stability criterion of the 2D
 * estimate, which the paper proves on T² only.
 */
export function regimeStatement1d(s: Scenario): RegimeStatement {
  const delta = resolveDelta(s);
  const l = regimeLines1d(s.n, s.T);
  const kind = s.initial.kind;
  const forced = s.field.force[0] !== 0;
  const noU = s.field.modes.length === 0 || s.field.modes.every((m) => m.a === 0);
  const problems: string[] = [];
  if (forced) problems.push('F ≠ 0 is outside the theorem (no periodic potential)');
  if (s.core === 'ring')
    return {
      parameters: 'ring core: outside the paper’s assumption (V1), no theorem applies',
      assumes: 'm_δ changes sign, so the uniform state is unstable at some wavelengths',
      thisRun: null,
      applies: false,
    };
  const remark = s.core === 'poisson' && delta <= l.remark43 && delta > l.thm41;
  if (delta <= l.thm41 || remark) {
    if (kind !== 'dipoles')
      problems.push(
        kind === 'explicit'
          ? 'an explicit list, not a family of short dipoles'
          : 'particles at the quantiles, not short dipoles: the theorem says nothing here',
      );
    if (noU) problems.push('U = 0: nothing moves the limit density either');
    return {
      parameters: remark
        ? 'circle: parameters in the Thm 4.1 regime with Remark 4.3 (δ ≤ n^−3/2, model potential)'
        : 'circle: parameters in the Thm 4.1 regime (δ ≤ n^−3, n³δ → 0)',
      assumes: 'proved for short-dipole initial data under a non-constant U (and F = 0)',
      thisRun: problems.length > 0 ? problems.join('; ') : 'this run: short dipoles under a non-constant U ✓',
      applies: problems.length === 0,
    };
  }
  if (delta >= l.convergence) {
    if (kind === 'dipoles') problems.push('short-dipole data are not well-prepared data');
    return {
      parameters:
        'circle: δ above the stability criterion √(3T/log n) (the 2D estimate with λ_δ = 1/δ², W ~ 1/n)',
      assumes:
        'the paper proves convergence on T² only; on the circle this line is the criterion, not a theorem',
      thisRun: problems.length > 0 ? problems.join('; ') : null,
      applies: false,
    };
  }
  return {
    parameters: 'circle: parameters between the lines',
    assumes: `neither is proved for these (n, δ, T): δ is above n^−3${s.core === 'poisson' ? ' and n^−3/2' : ''} and below √(3T/log n)`,
    thisRun: problems.length > 0 ? problems[0] : null,
    applies: false,
  };
}
