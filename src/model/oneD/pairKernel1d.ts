/**
 * The 1D kernel in the shape the 2D engine takes (PairKernel): positions stay interleaved
 * [x₀, y₀, x₁, y₁, …] with every y ≡ 0 and the geometry `slip` (nothing moves in x₂), so the
 * existing systems, steppers and near-pair Jacobian run the circle unchanged. dy is ignored.
 */
import type { PairKernel } from '../kernels/pairKernel';
import type { CoreModel } from '../types';
import { type Kernel1d, makeKernel1d, PoissonKernel1d } from './kernel1d';

export function pairKernel1d(
  core: CoreModel,
  delta: number,
  k: Kernel1d = makeKernel1d(core, delta),
): PairKernel {
  const closed = core === 'poisson' ? new PoissonKernel1d(delta) : undefined;
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
      if (closed) {
        poissonAccumulate(closed, pos, signs, raw);
        return;
      }
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

/** Below this separation the pair's sines are taken directly, not by angle addition. */
const NEAR = 1e-3;

/**
 * The `poisson` pair loop without trigonometry per pair: sin π(x_i − x_j) and cos π(x_i − x_j) by
 * angle addition from per-particle sin πx, cos πx (absolute error ~2e-16, i.e. ≤ 1e-13 relative
 * beyond NEAR); closer pairs (short dipoles) take their sines from the reduced separation itself.
 */
function poissonAccumulate(p: PoissonKernel1d, pos: Float64Array, signs: Int8Array, raw: Float64Array): void {
  const n = signs.length;
  const c = new Float64Array(n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    c[i] = Math.cos(Math.PI * pos[2 * i]);
    s[i] = Math.sin(Math.PI * pos[2 * i]);
  }
  const { q, a2 } = p;
  const twoPiQ = 2 * Math.PI * q;
  raw.fill(0, 0, 2 * n);
  for (let i = 0; i < n; i++) {
    const xi = pos[2 * i];
    const ci = c[i];
    const si = s[i];
    const bi = signs[i];
    let acc = raw[2 * i];
    for (let j = i + 1; j < n; j++) {
      let d = xi - pos[2 * j];
      d -= Math.round(d);
      let sn: number;
      let s2: number;
      if (Math.abs(d) < NEAR) {
        sn = Math.sin(Math.PI * d);
        s2 = Math.sin(2 * Math.PI * d);
      } else {
        sn = si * c[j] - ci * s[j];
        s2 = 2 * sn * (ci * c[j] + si * s[j]);
      }
      const f = (bi * signs[j] * -twoPiQ * s2) / (a2 + 4 * q * sn * sn);
      acc -= f;
      raw[2 * j] += f;
    }
    raw[2 * i] = acc;
  }
}
