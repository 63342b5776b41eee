import { describe, expect, it } from 'vitest';
import { cellAverages } from '../../src/model/init/cellAverages';
import type { DensitySpec } from '../../src/model/init/densities';
import { type DipoleOptions, SLIP_MIN_SIN, shortDipoles } from '../../src/model/init/dipoles';
import type { Configuration } from '../../src/model/types';

const mi = (d: number) => d - Math.round(d);

const BUMPY: DensitySpec = {
  kind: 'bumps',
  background: 1,
  bumps: [
    { x: 0.3, y: 0.4, sigma: 0.1, w: 1, s: 0 },
    { x: 0.75, y: 0.8, sigma: 0.07, w: 0.5, s: 1 },
  ],
};

function base(over: Partial<DipoleOptions>): DipoleOptions {
  return {
    density: { kind: 'uniform' },
    n: 400,
    delta: 1e-3,
    gamma: 0.5,
    orientation: 'random',
    seed: 1,
    geometry: 'isotropic',
    ...over,
  };
}

/** Partner separations x+ − x− (minimum image) and midpoints, pairs at (2k, 2k+1). */
function pairs(conf: Configuration): { sep: Float64Array; mid: Float64Array } {
  const K = conf.signs.length / 2;
  const sep = new Float64Array(2 * K);
  const mid = new Float64Array(2 * K);
  for (let k = 0; k < K; k++) {
    for (let d = 0; d < 2; d++) {
      const s = mi(conf.pos[4 * k + d] - conf.pos[4 * k + 2 + d]);
      sep[2 * k + d] = s;
      mid[2 * k + d] = conf.pos[4 * k + 2 + d] + s / 2;
    }
  }
  return { sep, mid };
}

function minDistance(pts: Float64Array): number {
  let best = Number.POSITIVE_INFINITY;
  const K = pts.length / 2;
  for (let a = 0; a < K; a++) {
    for (let b = a + 1; b < K; b++) {
      const dx = mi(pts[2 * a] - pts[2 * b]);
      const dy = mi(pts[2 * a + 1] - pts[2 * b + 1]);
      best = Math.min(best, dx * dx + dy * dy);
    }
  }
  return Math.sqrt(best);
}

describe('short dipoles (paper §4.1)', () => {
  it('pairs + at z+d with − at z−d, |d| = γδ: every partner is exactly 2γδ apart', () => {
    for (const orientation of ['horizontal', 'vertical', 'random'] as const) {
      for (const delta of [1e-8, 1e-5, 0.02]) {
        for (const gamma of [0.5, 0.3]) {
          const conf = shortDipoles(base({ orientation, delta, gamma, n: 200 }));
          const { sep } = pairs(conf);
          let worst = 0;
          for (let k = 0; k < 100; k++) {
            worst = Math.max(worst, Math.abs(Math.hypot(sep[2 * k], sep[2 * k + 1]) - 2 * gamma * delta));
            if (orientation === 'horizontal') expect(sep[2 * k + 1]).toBe(0);
            if (orientation === 'vertical') expect(sep[2 * k]).toBe(0);
          }
          expect(worst).toBeLessThan(1e-15);
          for (let i = 0; i < 200; i++) expect(conf.signs[i]).toBe(i % 2 === 0 ? 1 : -1);
          expect(conf.pos.every((v) => v >= 0 && v < 1)).toBe(true);
        }
      }
    }
  });

  it('in slip geometry every dipole straddles two slip planes (d·e₂ ≠ 0)', () => {
    const conf = shortDipoles(base({ geometry: 'slip', n: 2000, delta: 1e-4 }));
    const { sep } = pairs(conf);
    let worst = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 1000; k++)
      worst = Math.min(worst, Math.abs(sep[2 * k + 1]) / Math.hypot(sep[2 * k], sep[2 * k + 1]));
    expect(worst).toBeGreaterThanOrEqual(SLIP_MIN_SIN - 1e-9);
  });

  it('random directions are isotropic (mean of e^{2iθ} ≈ 0)', () => {
    const conf = shortDipoles(base({ n: 20000, delta: 1e-3 }));
    const { sep } = pairs(conf);
    let c = 0;
    let s = 0;
    for (let k = 0; k < 10000; k++) {
      const th = Math.atan2(sep[2 * k + 1], sep[2 * k]);
      c += Math.cos(2 * th);
      s += Math.sin(2 * th);
    }
    expect(Math.hypot(c, s) / 10000).toBeLessThan(5 / Math.sqrt(10000));
  });

  it('keeps centres on a lattice: uniform ρ◦ gives spacing 1/⌈√(n/2)⌉ ≥ 1/√n', () => {
    for (const n of [2, 8, 50, 398, 2000]) {
      const { mid } = pairs(shortDipoles(base({ n })));
      if (n === 2) continue;
      const G = Math.ceil(Math.sqrt(n / 2));
      expect(minDistance(mid)).toBeGreaterThanOrEqual(1 / G - 1e-12);
      expect(minDistance(mid)).toBeGreaterThanOrEqual(1 / Math.sqrt(n));
    }
  });

  it('adapts the lattice to a non-uniform ρ◦ and keeps centres ≥ 0.5/√(n·max ρ◦) apart', () => {
    const n = 3000;
    const conf = shortDipoles(base({ n, density: BUMPY }));
    const { mid } = pairs(conf);
    const G = Math.ceil(Math.sqrt(n / 2));
    const avg = cellAverages(BUMPY, G);
    let maxRho = 0;
    for (let c = 0; c < G * G; c++) maxRho = Math.max(maxRho, avg.rhoPlus[c] + avg.rhoMinus[c]);
    const d = minDistance(mid);
    expect(d).toBeGreaterThanOrEqual(1 / (G * Math.ceil(Math.sqrt(Math.ceil(maxRho) + 1))) - 1e-12);
    expect(d).toBeGreaterThanOrEqual(0.5 / Math.sqrt(n * maxRho));
    // centres follow ρ◦ = ½(ρ+ + ρ−) of the density: within one dipole per cell
    const counts = new Int32Array(G * G);
    for (let k = 0; k < n / 2; k++) counts[Math.floor(mid[2 * k + 1] * G) * G + Math.floor(mid[2 * k] * G)]++;
    let worst = 0;
    for (let c = 0; c < G * G; c++) {
      const quota = ((n / 2) * (avg.rhoPlus[c] + avg.rhoMinus[c])) / (G * G);
      worst = Math.max(worst, Math.abs(counts[c] - quota));
    }
    expect(worst).toBeLessThan(1 + 1e-9);
  });

  it('has n+ = n− = n/2 and rejects odd n and horizontal dipoles in slip geometry', () => {
    const conf = shortDipoles(base({ n: 10 }));
    expect(conf.signs.reduce((a, b) => a + b, 0)).toBe(0);
    expect(() => shortDipoles(base({ n: 11 }))).toThrow(/n/);
    expect(() => shortDipoles(base({ geometry: 'slip', orientation: 'horizontal' }))).toThrow(/orientation/);
    expect(() => shortDipoles(base({ geometry: 'slip', orientation: 'vertical' }))).not.toThrow();
  });

  it('is bit-identical for equal input and changes with the seed', () => {
    const a = shortDipoles(base({ density: BUMPY, seed: 5 }));
    const b = shortDipoles(base({ density: BUMPY, seed: 5 }));
    const c = shortDipoles(base({ density: BUMPY, seed: 6 }));
    expect(a.pos.every((v, i) => Object.is(v, b.pos[i]))).toBe(true);
    expect(a.pos.some((v, i) => v !== c.pos[i])).toBe(true);
  });
});
