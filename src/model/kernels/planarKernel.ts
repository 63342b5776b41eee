import type { Geometry } from '../types';
import type { CoreForms } from './cores';

/**
 * The R² (non-periodic) regularised kernel of one geometry: Φ for `isotropic`,
 * S = ½ + Φ + B·(x₁² − x₂²)/(2r²) for `slip` (MATH §10). The periodic kernel is this on the
 * minimum image plus a smooth remainder (see remainder.ts).
 */
export interface PlanarKernel {
  value(x: number, y: number): number;
  gradient(x: number, y: number, out: Float64Array, o: number): void;
}

export function planarKernel(geometry: Geometry, f: CoreForms): PlanarKernel {
  if (geometry === 'isotropic') {
    return {
      value: (x, y) => f.phi(x * x + y * y),
      gradient: (x, y, out, o) => {
        const a = f.phiA(x * x + y * y);
        out[o] = a * x;
        out[o + 1] = a * y;
      },
    };
  }
  return {
    value: (x, y) => {
      const q = x * x + y * y;
      if (q === 0) return 0.5 + f.phi(0);
      return 0.5 + f.phi(q) + (f.slipBn(q) * (x * x - y * y)) / 2;
    },
    gradient: (x, y, out, o) => {
      const q = x * x + y * y;
      if (q === 0) {
        out[o] = 0;
        out[o + 1] = 0;
        return;
      }
      const a = f.phiA(q);
      const w2 = ((x * x - y * y) / q) * f.slipBq(q); // 2·w·dB/dq
      const bn2 = (2 * f.slipBn(q)) / q;
      out[o] = x * (a + w2 + bn2 * y * y);
      out[o + 1] = y * (a + w2 - bn2 * x * x);
    },
  };
}
