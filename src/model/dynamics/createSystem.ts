import { gradU, potentialU } from '../external';
import { makeKernel } from '../kernels';
import type { PairKernel } from '../kernels/pairKernel';
import type { ExternalField, InteractionSpec } from '../types';
import type { ParticleSystem } from './particleSystem';

/**
 * The particle system of SPEC §3 with a direct O(n²) pair sum (each pair once: ∇V_δ is odd).
 * Pass a prebuilt kernel to share it between systems (building one costs 0.05–0.7 s).
 */
export function createSystem(
  spec: InteractionSpec,
  field: ExternalField,
  signs: Int8Array,
  kernel: PairKernel = makeKernel(spec),
): ParticleSystem {
  const n = signs.length;
  const slip = spec.geometry === 'slip';
  const g = new Float64Array(2);
  const [fx, fy] = field.force;
  const hasField = field.modes.length > 0;

  function velocities(pos: Float64Array, out: Float64Array): void {
    kernel.accumulate(pos, signs, out);
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

  function energy(pos: Float64Array): number {
    const pairs = kernel.pairEnergy(pos, signs);
    let external = 0;
    if (hasField)
      for (let i = 0; i < n; i++) external += signs[i] * potentialU(field, pos[2 * i], pos[2 * i + 1]);
    return (n * kernel.selfValue + 2 * pairs) / (2 * n * n) + external / n;
  }

  return { n, signs, geometry: spec.geometry, kernel, field, velocities, energy };
}
