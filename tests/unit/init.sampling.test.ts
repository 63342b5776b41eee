import { describe, expect, it } from 'vitest';
import { cellAverages } from '../../src/model/init/cellAverages';
import { type DensitySpec, densityMasses } from '../../src/model/init/densities';
import { explicitConfiguration } from '../../src/model/init/explicit';
import { iidSample } from '../../src/model/init/iid';
import { quantiseCells, splitBySign } from '../../src/model/init/quantise';
import { stratifiedSample } from '../../src/model/init/stratified';
import { createRng } from '../../src/model/random';
import type { Configuration } from '../../src/model/types';

type C = [number, number];

/** Analytic Fourier coefficients ρ̂±_k (independent of the sampler and of cellAverages). */
function densityFourier(spec: DensitySpec, sign: 1 | -1, k1: number, k2: number): C {
  const zero = k1 === 0 && k2 === 0;
  switch (spec.kind) {
    case 'uniform':
      return [zero ? 0.5 : 0, 0];
    case 'sine': {
      // ½ a sin θ = (a/4i)(e^{iθ} − e^{−iθ}): coefficient −ia/4 at +(p,q), +ia/4 at −(p,q)
      let im = 0;
      if (k1 === spec.p && k2 === spec.q) im = (-sign * spec.a) / 4;
      if (k1 === -spec.p && k2 === -spec.q) im = (sign * spec.a) / 4;
      return [zero ? 0.5 : 0, im];
    }
    case 'stripes': {
      // the profile depends on x₁ only: 1D periodic trapezoid (spectrally accurate)
      if (k2 !== 0) return [0, 0];
      const M = 20000;
      let re = 0;
      let im = 0;
      for (let i = 0; i < M; i++) {
        const x = i / M;
        const v =
          0.5 *
          (1 +
            sign *
              spec.a *
              (Math.tanh(spec.beta * Math.sin(2 * Math.PI * spec.m * x)) / Math.tanh(spec.beta)));
        re += v * Math.cos(2 * Math.PI * k1 * x);
        im -= v * Math.sin(2 * Math.PI * k1 * x);
      }
      return [re / M, im / M];
    }
    case 'bumps': {
      let z = spec.background;
      for (const b of spec.bumps) z += b.w;
      let re = zero ? spec.background / 2 : 0;
      let im = 0;
      for (const b of spec.bumps) {
        const share = b.s === 0 ? 0.5 : b.s === sign ? 1 : 0;
        const damp = Math.exp(-2 * Math.PI * Math.PI * b.sigma * b.sigma * (k1 * k1 + k2 * k2));
        const ph = -2 * Math.PI * (k1 * b.x + k2 * b.y);
        re += share * b.w * damp * Math.cos(ph);
        im += share * b.w * damp * Math.sin(ph);
      }
      return [re / z, im / z];
    }
    case 'grid': {
      // Σ_cells v·G²/S · ∫_cell e^{−2πi k·x} dx, the integral a product of two 1D closed forms
      const one = (k: number, a: number): C => {
        if (k === 0) return [1 / spec.G, 0];
        const t0 = (-2 * Math.PI * k * a) / spec.G;
        const t1 = (-2 * Math.PI * k * (a + 1)) / spec.G;
        // (e^{i t1} − e^{i t0}) / (−2πik)
        const dr = Math.cos(t1) - Math.cos(t0);
        const di = Math.sin(t1) - Math.sin(t0);
        const w = -2 * Math.PI * k;
        return [di / w, -dr / w];
      };
      const v = sign === 1 ? spec.plus : spec.minus;
      let z = 0;
      for (let c = 0; c < v.length; c++) z += spec.plus[c] + spec.minus[c];
      let re = 0;
      let im = 0;
      for (let b = 0; b < spec.G; b++) {
        const [yr, yi] = one(k2, b);
        for (let a = 0; a < spec.G; a++) {
          const [xr, xi] = one(k1, a);
          const w = (v[b * spec.G + a] * spec.G * spec.G) / z;
          re += w * (xr * yr - xi * yi);
          im += w * (xr * yi + xi * yr);
        }
      }
      return [re, im];
    }
  }
}

/** A painted 8×8 grid: a uniform background, a + blob, a − stripe and an empty cell. */
function paintedGrid(): DensitySpec {
  const G = 8;
  const plus = Array.from({ length: G * G }, () => 2);
  const minus = Array.from({ length: G * G }, () => 2);
  for (const c of [18, 19, 26, 27]) plus[c] = 9;
  for (let b = 0; b < G; b++) minus[b * G + 6] = 7;
  plus[0] = 0;
  minus[0] = 0;
  return { kind: 'grid', G, plus, minus };
}

/** max over |k|∞ ≤ K and both signs of |μ̂±_k − ρ̂±_k|, μ± = (1/n)Σ δ. */
function fourierError(conf: Configuration, spec: DensitySpec, K: number): number {
  const n = conf.signs.length;
  let worst = 0;
  for (let k1 = -K; k1 <= K; k1++) {
    for (let k2 = -K; k2 <= K; k2++) {
      for (const sign of [1, -1] as const) {
        let re = 0;
        let im = 0;
        for (let i = 0; i < n; i++) {
          if (conf.signs[i] !== sign) continue;
          const t = -2 * Math.PI * (k1 * conf.pos[2 * i] + k2 * conf.pos[2 * i + 1]);
          re += Math.cos(t);
          im += Math.sin(t);
        }
        const [er, ei] = densityFourier(spec, sign, k1, k2);
        worst = Math.max(worst, Math.hypot(re / n - er, im / n - ei));
      }
    }
  }
  return worst;
}

const SPECS: DensitySpec[] = [
  { kind: 'sine', a: 0.8, p: 1, q: 0 },
  { kind: 'sine', a: -0.6, p: 1, q: 2 },
  { kind: 'stripes', a: 0.9, beta: 4, m: 1 },
  {
    kind: 'bumps',
    background: 0.3,
    bumps: [
      { x: 0.25, y: 0.6, sigma: 0.06, w: 1, s: 1 },
      { x: 0.8, y: 0.15, sigma: 0.1, w: 1.5, s: -1 },
      { x: 0.5, y: 0.5, sigma: 0.04, w: 0.5, s: 0 },
    ],
  },
  paintedGrid(),
];

function countSigns(conf: Configuration): { plus: number; minus: number } {
  let plus = 0;
  let minus = 0;
  for (const s of conf.signs) {
    if (s === 1) plus++;
    else if (s === -1) minus++;
  }
  return { plus, minus };
}

function allInUnitSquare(conf: Configuration): boolean {
  return conf.pos.every((v) => v >= 0 && v < 1);
}

function bitIdentical(a: Configuration, b: Configuration): boolean {
  if (a.pos.length !== b.pos.length || a.signs.length !== b.signs.length) return false;
  for (let i = 0; i < a.pos.length; i++) if (!Object.is(a.pos[i], b.pos[i])) return false;
  for (let i = 0; i < a.signs.length; i++) if (a.signs[i] !== b.signs[i]) return false;
  return true;
}

describe('sign split and cell quantisation', () => {
  it('splits n by the masses with n+ + n− = n', () => {
    expect(splitBySign(1001, 0.5, 0.5)).toEqual({ nPlus: 501, nMinus: 500 });
    expect(splitBySign(10, 0.26, 0.74)).toEqual({ nPlus: 3, nMinus: 7 });
    expect(splitBySign(7, 0, 1)).toEqual({ nPlus: 0, nMinus: 7 });
    expect(splitBySign(7, 1, 0)).toEqual({ nPlus: 7, nMinus: 0 });
  });

  it('gives each cell and each serpentine run its quota to within one, summing exactly', () => {
    const rng = createRng(4);
    for (const [G, total] of [
      [5, 17],
      [13, 160],
      [40, 1600],
      [1, 9],
    ]) {
      const w = new Float64Array(G * G);
      for (let c = 0; c < w.length; c++) w[c] = rng.nextDouble() ** 3;
      let sum = 0;
      for (const v of w) sum += v;
      const counts = quantiseCells(w, G, total, rng);
      let tot = 0;
      let worstCell = 0;
      let lowest = 0;
      for (let c = 0; c < w.length; c++) {
        lowest = Math.min(lowest, counts[c]);
        worstCell = Math.max(worstCell, Math.abs(counts[c] - (total * w[c]) / sum));
        tot += counts[c];
      }
      expect(tot).toBe(total);
      expect(lowest).toBe(0);
      expect(worstCell).toBeLessThan(1);
      let worstRow = 0;
      for (let j = 0; j < G; j++) {
        let cnt = 0;
        let quota = 0;
        for (let i = 0; i < G; i++) {
          cnt += counts[j * G + i];
          quota += (total * w[j * G + i]) / sum;
        }
        worstRow = Math.max(worstRow, Math.abs(cnt - quota));
      }
      expect(worstRow).toBeLessThan(1);
    }
  });
});

describe('stratified sampling (Lemma 2.4)', () => {
  it('has exact sign counts and per-cell counts within one of the cell quotas', () => {
    for (const spec of SPECS) {
      const n = 3001;
      const conf = stratifiedSample(spec, n, 11);
      const m = densityMasses(spec);
      const { nPlus, nMinus } = splitBySign(n, m.plus, m.minus);
      expect(countSigns(conf)).toEqual({ plus: nPlus, minus: nMinus });
      expect(nPlus + nMinus).toBe(n);
      expect(allInUnitSquare(conf)).toBe(true);
      for (const [sign, k] of [
        [1, nPlus],
        [-1, nMinus],
      ] as const) {
        const G = Math.ceil(Math.sqrt(k));
        const avg = cellAverages(spec, G);
        const w = sign === 1 ? avg.rhoPlus : avg.rhoMinus;
        let sum = 0;
        for (const v of w) sum += v;
        const counts = new Int32Array(G * G);
        for (let i = 0; i < n; i++) {
          if (conf.signs[i] !== sign) continue;
          counts[Math.floor(conf.pos[2 * i + 1] * G) * G + Math.floor(conf.pos[2 * i] * G)]++;
        }
        let worst = 0;
        for (let c = 0; c < G * G; c++) worst = Math.max(worst, Math.abs(counts[c] - (k * w[c]) / sum));
        expect(worst).toBeLessThan(1);
      }
    }
  });

  it('matches the low Fourier modes of the density to O(1/n), far below the i.i.d. noise n^{-1/2}', () => {
    for (const spec of SPECS) {
      for (const n of [500, 20000]) {
        const err = fourierError(stratifiedSample(spec, n, 3), spec, 3);
        // observed 10–25/n (cell jitter ≈ 5/n plus the ±1 count errors along rows)
        expect(err).toBeLessThan(60 / n);
        // i.i.d. samples sit at ≈ 1.2/√n here
        if (n === 20000) expect(err).toBeLessThan(0.4 / Math.sqrt(n));
      }
    }
  });

  it('is bit-identical for equal input and changes with the seed', () => {
    const spec = SPECS[3];
    expect(bitIdentical(stratifiedSample(spec, 777, 5), stratifiedSample(spec, 777, 5))).toBe(true);
    expect(bitIdentical(stratifiedSample(spec, 777, 5), stratifiedSample(spec, 777, 6))).toBe(false);
  });

  it('handles a density with a single sign and tiny n', () => {
    const spec: DensitySpec = {
      kind: 'bumps',
      background: 0,
      bumps: [{ x: 0.5, y: 0.5, sigma: 0.1, w: 1, s: -1 }],
    };
    const conf = stratifiedSample(spec, 5, 1);
    expect(countSigns(conf)).toEqual({ plus: 0, minus: 5 });
    const two = stratifiedSample({ kind: 'uniform' }, 2, 1);
    expect(countSigns(two)).toEqual({ plus: 1, minus: 1 });
    expect(allInUnitSquare(two)).toBe(true);
  });
});

describe('i.i.d. sampling', () => {
  it('uses the deterministic sign split and matches the Fourier modes to sampling accuracy', () => {
    for (const spec of SPECS) {
      const n = 20000;
      const conf = iidSample(spec, n, 9);
      const m = densityMasses(spec);
      const { nPlus, nMinus } = splitBySign(n, m.plus, m.minus);
      expect(countSigns(conf)).toEqual({ plus: nPlus, minus: nMinus });
      expect(allInUnitSquare(conf)).toBe(true);
      // each coefficient is a mean of n± unit-modulus terms divided by n: sd ≤ 1/√n; 5 sd margin
      const err = fourierError(conf, spec, 2);
      expect(err).toBeLessThan(5 / Math.sqrt(n));
    }
  });

  it('actually samples (errors are of the i.i.d. size, unlike the stratified sampler)', () => {
    const spec = SPECS[0];
    const n = 8000;
    expect(fourierError(iidSample(spec, n, 1), spec, 3)).toBeGreaterThan(0.3 / Math.sqrt(n));
  });

  it('narrow bumps are sampled as wrapped normals (second moment about the centre)', () => {
    const spec: DensitySpec = {
      kind: 'bumps',
      background: 0,
      bumps: [{ x: 0.98, y: 0.01, sigma: 0.02, w: 1, s: 1 }],
    };
    const conf = iidSample(spec, 20000, 2);
    let s2 = 0;
    for (let i = 0; i < 20000; i++) {
      const dx = conf.pos[2 * i] - 0.98 - Math.round(conf.pos[2 * i] - 0.98);
      const dy = conf.pos[2 * i + 1] - 0.01 - Math.round(conf.pos[2 * i + 1] - 0.01);
      s2 += dx * dx + dy * dy;
    }
    expect(Math.abs(s2 / 20000 / (2 * 0.02 * 0.02) - 1)).toBeLessThan(0.05);
  });

  it('is bit-identical for equal input and changes with the seed', () => {
    for (const spec of SPECS) {
      expect(bitIdentical(iidSample(spec, 300, 5), iidSample(spec, 300, 5))).toBe(true);
      expect(bitIdentical(iidSample(spec, 300, 5), iidSample(spec, 300, 6))).toBe(false);
    }
  });
});

describe('explicit particle lists', () => {
  it('wraps positions to [0,1) and keeps order and signs', () => {
    const conf = explicitConfiguration([
      [1.25, -0.25, 1],
      [0.5, 0.999, -1],
      [-1e-17, 3, 1],
    ]);
    expect(Array.from(conf.pos)).toEqual([0.25, 0.75, 0.5, 0.999, 0, 0]);
    expect(Array.from(conf.signs)).toEqual([1, -1, 1]);
    expect(allInUnitSquare(conf)).toBe(true);
  });

  it('rejects bad entries', () => {
    expect(() => explicitConfiguration([[0.1, 0.2, 0]])).toThrow();
    expect(() => explicitConfiguration([[Number.NaN, 0.2, 1]])).toThrow();
  });
});
