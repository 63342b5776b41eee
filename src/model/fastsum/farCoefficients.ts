import { CORES } from '../kernels/cores';
import { coreMultiplier, kernelMultiplier } from '../kernels/multipliers';
import type { PairKernel } from '../kernels/pairKernel';
import { sampleFarCoefficients } from './farSample';
import { type NearDesign, nearRemainder } from './nearTables';
import { coreProfile, zeroProfile } from './profiles';

/**
 * F̂_k of the far field far = V_δ − near for k₁ = 0..K, |k₂| ≤ K, in the layout
 * fhat[k₁·M + (k₂ mod M)], and the sampled splits' truncation measure (0 when F̂ is exact):
 * - far-only: V̂·m_δ; ewald: V̂·m_T, m_T the screen's multiplier. At k = 0: −∫near, which is
 *   (π/2)(M₂(core) − M₂(screen)) for the isotropic near part P_δ − P_T and 0 for the slip one
 *   (equal second moments).
 * - switched: sampled on the grid (farSample.ts) with far − R = −T on the near support.
 */
export function farCoefficients(
  kernel: PairKernel,
  split: 'far-only' | NearDesign['split'],
  M: number,
  K: number,
  near: NearDesign | null,
): { fhat: Float64Array; tail: number } {
  const { geometry, core, delta } = kernel.spec;
  const fhat = new Float64Array((K + 1) * M);
  const slip = geometry === 'slip';
  if (split === 'switched') {
    const d = near!;
    const rest = nearRemainder(geometry, core, delta, d);
    const pd = coreProfile(geometry, core, delta);
    const t = zeroProfile();
    return sampleFarCoefficients(
      kernel,
      M,
      K,
      d.r2,
      (x, y, q) => {
        rest(q, t);
        return -(t.f + t.beta * (x * x - y * y));
      },
      (x, y, q) => {
        pd(q, t);
        return t.f + t.beta * (x * x - y * y);
      },
    );
  }
  const screen = near?.screen;
  for (let k1 = 0; k1 <= K; k1++)
    for (let k2 = -K; k2 <= K; k2++) {
      const kk = k1 * k1 + k2 * k2;
      let v = 0;
      if (kk === 0)
        v =
          screen && !slip
            ? (Math.PI / 2) * (CORES[core].secondMoment! * delta * delta - screen.secondMoment)
            : 0;
      else if (split === 'far-only') v = kernelMultiplier(geometry, k1, k2) * coreMultiplier(core, delta, kk);
      else v = kernelMultiplier(geometry, k1, k2) * screen!.multiplier(kk);
      fhat[k1 * M + ((k2 + M) % M)] = v;
    }
  return { fhat, tail: 0 };
}
