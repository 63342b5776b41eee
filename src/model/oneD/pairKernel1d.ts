/**
 * The 1D kernel in the shape the 2D engine takes (PairKernel): positions stay interleaved
 * [x₀, y₀, x₁, y₁, …] with every y ≡ 0 and the geometry `slip` (nothing moves in x₂), so the
 * existing systems, steppers and near-pair Jacobian run the circle unchanged. dy is ignored.
 */
import type { PairKernel } from '../kernels/pairKernel';
import type { CoreModel } from '../types';
import { type Kernel1d, makeKernel1d } from './kernel1d';

export function pairKernel1d(
  core: CoreModel,
  delta: number,
  k: Kernel1d = makeKernel1d(core, delta),
): PairKernel {
  return {
    spec: { geometry: 'slip', core, delta },
    value: (dx) => k.value(dx),
    gradient(dx, _dy, out, o) {
      out[o] = k.derivative(dx);
      out[o + 1] = 0;
    },
    hessian(dx, _dy, out, o) {
      out[o] = k.second(dx);
      out[o + 1] = 0;
      out[o + 2] = 0;
    },
    selfValue: k.selfValue,
    lambda: k.lambda,
    accumulate(pos, signs, raw) {
      const n = signs.length;
      raw.fill(0, 0, 2 * n);
      for (let i = 0; i < n; i++) {
        const xi = pos[2 * i];
        const bi = signs[i];
        let acc = raw[2 * i];
        for (let j = i + 1; j < n; j++) {
          // V' is odd: the pair's force on j is minus that on i
          const f = bi * signs[j] * k.derivative(xi - pos[2 * j]);
          acc -= f;
          raw[2 * j] += f;
        }
        raw[2 * i] = acc;
      }
    },
    pairEnergy(pos, signs) {
      const n = signs.length;
      let e = 0;
      for (let i = 0; i < n; i++) {
        const xi = pos[2 * i];
        let row = 0;
        for (let j = i + 1; j < n; j++) row += signs[j] * k.value(xi - pos[2 * j]);
        e += signs[i] * row;
      }
      return e;
    },
  };
}
