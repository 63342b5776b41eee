import type { ParticleFrame } from './displayFrames';

/** Minimum-image difference b − a on the unit torus. */
export function periodicDelta(a: number, b: number): number {
  const d = b - a;
  return d - Math.round(d);
}

/** The nearest particle of the opposite sign to particle i (minimum image), or −1. O(n). */
export function partnerOf(f: ParticleFrame, i: number): number {
  const { pos, signs } = f;
  let best = -1;
  let best2 = Number.POSITIVE_INFINITY;
  for (let j = 0; j < signs.length; j++) {
    if (signs[j] === signs[i]) continue;
    const dx = periodicDelta(pos[2 * i], pos[2 * j]);
    const dy = periodicDelta(pos[2 * i + 1], pos[2 * j + 1]);
    const d2 = dx * dx + dy * dy;
    if (d2 < best2) {
      best2 = d2;
      best = j;
    }
  }
  return best;
}

/**
 * The next particle of a bound dipole after `after` (in index order, wrapping), taking the positive
 * end of each pair: "Zoom to a dipole" steps through the dipoles one by one. −1 if there is none.
 */
export function nextBoundParticle(f: ParticleFrame, after: number | null): number {
  const n = f.signs.length;
  if (f.near.length !== n) return -1;
  const start = after === null ? 0 : after + 1;
  for (let s = 0; s < n; s++) {
    const i = (start + s) % n;
    if (f.signs[i] > 0 && f.near[i] < f.boundRadius) return i;
  }
  return -1;
}

/** How many particles of the frame belong to a bound dipole. */
export function boundCount(f: ParticleFrame | null): number {
  if (!f || f.near.length !== f.signs.length) return 0;
  let c = 0;
  for (let i = 0; i < f.near.length; i++) if (f.near[i] < f.boundRadius) c++;
  return c;
}

/** A scale bar k·δ, k = 1, 2 or 5 × 10^m, the one nearest (in ratio) to 30 % of `span` (world units): 19–47 %. */
export function scaleBar(delta: number, span: number): { k: number; length: number } {
  const target = 0.3 * span;
  const m = Math.floor(Math.log10(target / delta));
  let best = { k: 10 ** m, length: 10 ** m * delta };
  for (const f of [1, 2, 5, 10]) {
    const k = f * 10 ** m;
    if (Math.abs(Math.log(k * delta) - Math.log(target)) < Math.abs(Math.log(best.length) - Math.log(target)))
      best = { k, length: k * delta };
  }
  return best;
}
