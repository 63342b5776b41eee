import { gradU, potentialU } from '../external';
import { createFastSum, type FastSum, fastSumPays } from '../fastsum';
import { makeKernel } from '../kernels';
import type { PairKernel } from '../kernels/pairKernel';
import type { ExternalField, InteractionSpec } from '../types';
import type { ParticleSystem } from './particleSystem';

/** What a fast pair sum provides (the 2D FastSum, or the circle's FastSum1d). */
export type PairSums = Pick<FastSum, 'accumulate' | 'pairEnergy' | 'accumulateWithEnergy'>;

/** How the pair sums are done: the direct O(n²) loop, the O(n log n) fast sum, or by n. */
export type Summation = 'auto' | 'direct' | 'fast';

/**
 * The particle system of MATH §3. Pair sums by the direct loop (each pair once: ∇V_δ is odd) for
 * small n and by the near/far fast sum (src/model/fastsum) from its measured crossover on; the two
 * agree to ~1e-8. Pass a prebuilt kernel to share it between systems (building one costs 0.05–0.7 s).
 */
export function createSystem(
  spec: InteractionSpec,
  field: ExternalField,
  signs: Int8Array,
  kernel: PairKernel = makeKernel(spec),
  summation: Summation = 'auto',
  fastPays: (n: number) => boolean = fastSumPays,
  makeFast: (kernel: PairKernel, n: number) => PairSums = createFastSum,
): ParticleSystem {
  const n = signs.length;
  const useFast = summation === 'fast' || (summation === 'auto' && fastPays(n));
  let fast: PairSums | undefined;
  const fastSum = () => {
    fast ??= makeFast(kernel, n);
    return fast;
  };
  const slip = spec.geometry === 'slip';
  const g = new Float64Array(2);
  const [fx, fy] = field.force;
  const hasField = field.modes.length > 0;

  function velocities(pos: Float64Array, out: Float64Array, during?: () => void): void {
    if (useFast) fastSum().accumulate(pos, signs, out, during);
    else kernel.accumulate(pos, signs, out);
    addExternal(pos, out);
  }

  /** out holds the raw pair sums (kernel.accumulate's contract): scale by 1/n and add −b∇U + bF. */
  function addExternal(pos: Float64Array, out: Float64Array): void {
    const inv = 1 / n;
    for (let i = 0; i < n; i++) {
      const b = signs[i];
      let ux = 0;
      let uy = 0;
      if (hasField) {
        gradU(field, pos[2 * i], pos[2 * i + 1], g);
        ux = g[0];
        uy = g[1];
      }
      out[2 * i] = out[2 * i] * inv - b * ux + b * fx;
      out[2 * i + 1] = slip ? 0 : out[2 * i + 1] * inv - b * uy + b * fy;
    }
  }

  function energy(pos: Float64Array, during?: () => void): number {
    // Σ_i Σ_j b_i b_j V_δ(x_i − x_j): the fast sum includes the diagonal, the direct loop is i < j
    const doubleSum = useFast
      ? fastSum().pairEnergy(pos, signs, during)
      : n * kernel.selfValue + 2 * kernel.pairEnergy(pos, signs);
    return energyFrom(doubleSum, pos);
  }

  function energyFrom(doubleSum: number, pos: Float64Array): number {
    let external = 0;
    if (hasField)
      for (let i = 0; i < n; i++) external += signs[i] * potentialU(field, pos[2 * i], pos[2 * i + 1]);
    return doubleSum / (2 * n * n) + external / n;
  }

  /** Both at once: the fast sum shares its far-field transform between them. */
  function velocitiesAndEnergy(pos: Float64Array, out: Float64Array): number {
    const doubleSum = fastSum().accumulateWithEnergy(pos, signs, out);
    addExternal(pos, out);
    return energyFrom(doubleSum, pos);
  }

  return {
    n,
    signs,
    geometry: spec.geometry,
    kernel,
    field,
    velocities,
    energy,
    velocitiesAndEnergy: useFast ? velocitiesAndEnergy : undefined,
  };
}
