import { coreForms } from '../kernels/cores';
import type { CoreModel, Geometry } from '../types';

/**
 * R² kernel profiles in the form P(x) = f(q) + β(q)·u with q = |x|², u = x₁² − x₂² (β ≡ 0 for
 * `isotropic`), so that ∇P = (x₁(a + b·u + c), x₂(a + b·u − c)) with a = 2f', b = 2β', c = 2β
 * (primes: d/dq). Used once per evaluator to tabulate the smooth part of the near field; accuracy
 * matters here (~1e-15 relative), speed does not.
 */
export interface Profile {
  f: number;
  beta: number;
  a: number;
  b: number;
  c: number;
}

export function zeroProfile(): Profile {
  return { f: 0, beta: 0, a: 0, b: 0, c: 0 };
}

/** P_δ: the closed forms of cores.ts (MATH §2, §10). q > 0 required for b. */
export function coreProfile(
  geometry: Geometry,
  core: CoreModel,
  delta: number,
): (q: number, out: Profile) => void {
  const forms = coreForms(core, delta);
  if (geometry === 'isotropic')
    return (q, out) => {
      out.f = forms.phi(q);
      out.a = forms.phiA(q);
      out.beta = 0;
      out.b = 0;
      out.c = 0;
    };
  return (q, out) => {
    const bn = forms.slipBn(q);
    out.f = 0.5 + forms.phi(q);
    out.a = forms.phiA(q);
    out.beta = bn / 2;
    out.c = bn;
    out.b = (forms.slipBq(q) - bn) / q;
  };
}

/** P₀: the unregularised kernel, −log r (+ ½ + (x₁² − x₂²)/(2r²) for slip). q > 0. */
export function bareProfile(geometry: Geometry): (q: number, out: Profile) => void {
  const slip = geometry === 'slip';
  return (q, out) => {
    out.f = (slip ? 0.5 : 0) - 0.5 * Math.log(q);
    out.a = -1 / q;
    out.beta = slip ? 0.5 / q : 0;
    out.c = slip ? 1 / q : 0;
    out.b = slip ? -1 / (q * q) : 0;
  };
}
