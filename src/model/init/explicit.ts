import type { Configuration } from '../types';
import { wrap01 } from './torus';

/** One user-given particle [x, y, b], b ∈ {+1, −1}. */
export type ExplicitParticle = [number, number, number];

/** A Configuration from an explicit list, positions wrapped to [0, 1)², order kept. */
export function explicitConfiguration(particles: readonly ExplicitParticle[]): Configuration {
  const n = particles.length;
  const pos = new Float64Array(2 * n);
  const signs = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const [x, y, b] = particles[i];
    if (!Number.isFinite(x) || !Number.isFinite(y) || (b !== 1 && b !== -1)) {
      throw new RangeError(`explicit particle ${i} is not [x, y, ±1]`);
    }
    pos[2 * i] = wrap01(x);
    pos[2 * i + 1] = wrap01(y);
    signs[i] = b;
  }
  return { pos, signs };
}
