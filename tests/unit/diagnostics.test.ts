/**
 * Diagnostics of MATH §8 against independent oracles: naive Fourier sums, the exact expectation of
 * the H^{−2} distance for i.i.d. samples, brute-force nearest neighbours, closed-form regime lines.
 */
import { describe, expect, it } from 'vitest';
import {
  classifyRegime,
  continuumEnergy,
  convergenceCriterion,
  dipoleStatistics,
  empiricalCoefficients,
  gridEntropy,
  gridMasses,
  gridMin,
  hMinusDistance,
  log10ConvergenceCriterion,
  nearestOppositeDistances,
  regimeLines,
} from '../../src/model/diagnostics';
import { interactionMultiplier } from '../../src/model/kernels/multipliers';
import { coefficientIndex, createPdeSolver } from '../../src/model/pde';
import type { Configuration, ExternalField } from '../../src/model/types';
import { rng } from './testRng';

const TWO_PI = 2 * Math.PI;

/** Inverse CDF on [0,1) of a density with CDF F (increasing, F(0) = 0, F(1) = 1), by bisection. */
function invert(F: (x: number) => number, u: number): number {
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 60; it++) {
    const mid = 0.5 * (lo + hi);
    if (F(mid) < u) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Product densities ρ+ = ½ f₊(x₁) g₊(x₂), ρ− = ½ f₋(x₁) g₋(x₂) with f = 1 + a sin 2πx, g = 1 + b cos 2πy.
 * Exact cell averages, exact Fourier coefficients, and an i.i.d. sampler with n/2 particles per sign.
 */
const dens = {
  plus: { a: 0.5, b: 0.4 },
  minus: { a: -0.3, b: 0.6 },
};
function cellAverages(N: number, a: number, b: number): Float64Array {
  const out = new Float64Array(N * N);
  const s = Math.sin(Math.PI / N) / (Math.PI / N);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++)
      out[j * N + i] =
        0.5 *
        (1 + a * Math.sin((TWO_PI * (i + 0.5)) / N) * s) *
        (1 + b * Math.cos((TWO_PI * (j + 0.5)) / N) * s);
  return out;
}
function sample(n: number, seed: number): Configuration {
  const r = rng(seed);
  const pos = new Float64Array(2 * n);
  const signs = new Int8Array(n);
  for (let p = 0; p < n; p++) {
    const sgn = p < n / 2 ? 1 : -1;
    const { a, b } = sgn > 0 ? dens.plus : dens.minus;
    pos[2 * p] = invert((x) => x + (a * (1 - Math.cos(TWO_PI * x))) / TWO_PI, r());
    pos[2 * p + 1] = invert((y) => y + (b * Math.sin(TWO_PI * y)) / TWO_PI, r());
    signs[p] = sgn;
  }
  return { pos, signs };
}
/** |ρ̂_k / m|² of ½ f g (m = ½): |f̂_{k₁}|²|ĝ_{k₂}|² with |f̂_{±1}| = |a|/2, |ĝ_{±1}| = |b|/2. */
function normalisedPower(a: number, b: number, k1: number, k2: number): number {
  const f = k1 === 0 ? 1 : Math.abs(k1) === 1 ? (a * a) / 4 : 0;
  const g = k2 === 0 ? 1 : Math.abs(k2) === 1 ? (b * b) / 4 : 0;
  return f * g;
}
/**
 * E‖μ − ρ‖²_{H^{−2}} for n/2 i.i.d. samples of weight 1/n from ρ/m: each μ̂_k is unbiased with
 * variance (n/2)/n² (1 − |ρ̂_k/m|²), so the expectation is Σ_k w_k (1/(2n)) (1 − |ρ̂_k/m|²).
 */
function expectedSquared(n: number, a: number, b: number, K = 32): number {
  let s = 0;
  for (let k1 = -K; k1 <= K; k1++)
    for (let k2 = -K; k2 <= K; k2++) {
      const w = (1 + 4 * Math.PI * Math.PI * (k1 * k1 + k2 * k2)) ** -2;
      s += (w * (1 - normalisedPower(a, b, k1, k2))) / (2 * n);
    }
  return s;
}

describe('empirical Fourier coefficients μ̂±', () => {
  it('direct recurrence and NUFFT agree with naive sums of e^{−2πik·x}', () => {
    const cfg = sample(300, 7);
    for (const K of [8, 32]) {
      const direct = empiricalCoefficients(cfg, K, 'direct');
      const nufft = empiricalCoefficients(cfg, K, 'nufft');
      let err = 0;
      let errNu = 0;
      for (const k1 of [-K, -5, -1, 0, 1, 3, K])
        for (const k2 of [-K, -2, 0, 1, 7, K]) {
          let pr = 0;
          let pi = 0;
          let mr = 0;
          let mi = 0;
          for (let p = 0; p < 300; p++) {
            const ph = -TWO_PI * (k1 * cfg.pos[2 * p] + k2 * cfg.pos[2 * p + 1]);
            if (cfg.signs[p] > 0) {
              pr += Math.cos(ph) / 300;
              pi += Math.sin(ph) / 300;
            } else {
              mr += Math.cos(ph) / 300;
              mi += Math.sin(ph) / 300;
            }
          }
          const o = coefficientIndex(K, k1, k2);
          err = Math.max(err, Math.abs(direct.plus.re[o] - pr), Math.abs(direct.plus.im[o] - pi));
          err = Math.max(err, Math.abs(direct.minus.re[o] - mr), Math.abs(direct.minus.im[o] - mi));
          errNu = Math.max(errNu, Math.abs(nufft.plus.re[o] - pr), Math.abs(nufft.plus.im[o] - pi));
          errNu = Math.max(errNu, Math.abs(nufft.minus.re[o] - mr), Math.abs(nufft.minus.im[o] - mi));
        }
      expect(err).toBeLessThan(1e-14);
      expect(errNu).toBeLessThan(1e-12);
    }
  });

  it('NUFFT equals the direct sums on all |k|∞ ≤ 32 for n = 5000 (odd sign split)', () => {
    const r = rng(3);
    const n = 5000;
    const cfg: Configuration = {
      pos: new Float64Array(2 * n).map(() => r()),
      signs: new Int8Array(n).map((_, p) => (p % 3 === 0 ? -1 : 1)),
    };
    const a = empiricalCoefficients(cfg, 32, 'direct');
    const b = empiricalCoefficients(cfg, 32, 'nufft');
    let err = 0;
    for (const s of ['plus', 'minus'] as const)
      for (let q = 0; q < a[s].re.length; q++)
        err = Math.max(err, Math.abs(a[s].re[q] - b[s].re[q]), Math.abs(a[s].im[q] - b[s].im[q]));
    expect(err).toBeLessThan(1e-12);
  });
});

describe('H^{−2} distance between particles and grid densities', () => {
  const N = 128;
  const rp = cellAverages(N, dens.plus.a, dens.plus.b);
  const rm = cellAverages(N, dens.minus.a, dens.minus.b);

  it('matches the exact expectation for i.i.d. samples (n = 1000, 40 seeds)', () => {
    let sp = 0;
    let sm = 0;
    const seeds = 40;
    for (let seed = 0; seed < seeds; seed++) {
      const d = hMinusDistance(sample(1000, 100 + seed), N, rp, rm);
      sp += d.plus ** 2 / seeds;
      sm += d.minus ** 2 / seeds;
    }
    // the squared norm is dominated by ~8 low modes (≈ χ² with ~8 dof): one sample has relative
    // spread ≈ 0.5, the mean of 40 ≈ 0.08; ±30% is > 3.5σ
    expect(sp / expectedSquared(1000, dens.plus.a, dens.plus.b)).toBeGreaterThan(0.7);
    expect(sp / expectedSquared(1000, dens.plus.a, dens.plus.b)).toBeLessThan(1.3);
    expect(sm / expectedSquared(1000, dens.minus.a, dens.minus.b)).toBeGreaterThan(0.7);
    expect(sm / expectedSquared(1000, dens.minus.a, dens.minus.b)).toBeLessThan(1.3);
  });

  it('decreases like n^{−1/2} (log–log slope over n = 1e2 … 1e4, 8 seeds each) and is ≈ 0 for n = 1e5', () => {
    const ns = [100, 300, 1000, 3000, 10000];
    const xs: number[] = [];
    const ys: number[] = [];
    for (const n of ns) {
      let s = 0;
      for (let seed = 0; seed < 8; seed++) {
        const d = hMinusDistance(sample(n, 1000 * n + seed), N, rp, rm);
        s += (d.plus ** 2 + d.minus ** 2) / 8;
      }
      xs.push(Math.log(n));
      ys.push(0.5 * Math.log(s));
    }
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    let num = 0;
    let den = 0;
    for (let t = 0; t < xs.length; t++) {
      num += (xs[t] - mx) * (ys[t] - my);
      den += (xs[t] - mx) ** 2;
    }
    const slope = num / den;
    console.log(`H^-2 distance: fitted slope ${slope.toFixed(3)} (expected −0.5)`);
    expect(slope).toBeGreaterThan(-0.6);
    expect(slope).toBeLessThan(-0.4);
    // n = 1e5: within 3× the expected RMS, and small in absolute terms
    const big = hMinusDistance(sample(100000, 5), N, rp, rm);
    expect(big.plus).toBeLessThan(3 * Math.sqrt(expectedSquared(100000, dens.plus.a, dens.plus.b)));
    expect(big.minus).toBeLessThan(3 * Math.sqrt(expectedSquared(100000, dens.minus.a, dens.minus.b)));
    expect(big.plus).toBeLessThan(1e-3);
  });

  it('grids coarser than the cut-off: modes the grid cannot resolve count as zero', () => {
    // ρ is a trigonometric polynomial of degree 1, so N = 32 (|k| ≤ 15) loses nothing
    const cfg = sample(2000, 11);
    const a = hMinusDistance(
      cfg,
      32,
      cellAverages(32, dens.plus.a, dens.plus.b),
      cellAverages(32, dens.minus.a, dens.minus.b),
    );
    const b = hMinusDistance(cfg, N, rp, rm);
    expect(Math.abs(a.plus - b.plus)).toBeLessThan(1e-12);
    expect(Math.abs(a.minus - b.minus)).toBeLessThan(1e-12);
  });
});

describe('nearest opposite-sign distances and dipole statistics', () => {
  const brute = (cfg: Configuration) => {
    const n = cfg.signs.length;
    const out = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        if (cfg.signs[i] === cfg.signs[j]) continue;
        let dx = cfg.pos[2 * j] - cfg.pos[2 * i];
        let dy = cfg.pos[2 * j + 1] - cfg.pos[2 * i + 1];
        dx -= Math.round(dx);
        dy -= Math.round(dy);
        out[i] = Math.min(out[i], Math.hypot(dx, dy));
      }
    return out;
  };

  it('the tree search equals brute force (uniform, clustered, a band, lopsided sign ratios, minimum image)', () => {
    const r = rng(42);
    const configs: Configuration[] = [];
    for (const [n, fracPlus] of [
      [2000, 0.5],
      [1500, 0.9],
      [7, 0.5],
    ] as const) {
      configs.push({
        pos: new Float64Array(2 * n).map(() => r()),
        signs: new Int8Array(n).map(() => (r() < fracPlus ? 1 : -1)),
      });
    }
    // clustered: + in a small square near the corner (wrapping), − spread out sparsely
    const n = 1200;
    const pos = new Float64Array(2 * n);
    const signs = new Int8Array(n);
    for (let p = 0; p < n; p++) {
      const plus = p < 1000;
      signs[p] = plus ? 1 : -1;
      pos[2 * p] = plus ? (0.98 + 0.04 * r()) % 1 : r();
      pos[2 * p + 1] = plus ? (0.99 + 0.03 * r()) % 1 : r();
    }
    configs.push({ pos, signs });
    // a band across x = 0 (as U = cos 2πx₁ gathers them), duplicates included, unwrapped coordinates
    const nb = 1000;
    const band = new Float64Array(2 * nb);
    for (let p = 0; p < nb; p++) {
      band[2 * p] = p % 50 === 0 ? 0.003 : 0.006 * (r() - 0.5) + (p % 3) - 1;
      band[2 * p + 1] = p % 50 === 0 ? 0.25 : r() * 3 - 1;
    }
    configs.push({ pos: band, signs: new Int8Array(nb).map((_, p) => (p % 2 ? 1 : -1)) });
    for (const cfg of configs) {
      const a = nearestOppositeDistances(cfg);
      const b = brute(cfg);
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-15);
    }
  });

  it('across the boundary, and +∞ without particles of the opposite sign', () => {
    const d = nearestOppositeDistances({
      pos: Float64Array.from([0.001, 0.5, 0.999, 0.5]),
      signs: Int8Array.from([1, -1]),
    });
    expect(d[0]).toBeCloseTo(0.002, 14);
    const e = nearestOppositeDistances({
      pos: Float64Array.from([0.1, 0.1, 0.2, 0.2]),
      signs: Int8Array.from([1, 1]),
    });
    expect(e[0]).toBe(Number.POSITIVE_INFINITY);
  });

  it('bound fraction and histogram of a constructed configuration (50 short dipoles + 100 loose)', () => {
    const delta = 0.01;
    const pos: number[] = [];
    const signs: number[] = [];
    // 50 dipoles of width 0.5δ on a 5×10 lattice in x₁ ∈ [0.05, 0.35]
    for (let a = 0; a < 5; a++)
      for (let b = 0; b < 10; b++) {
        const cx = 0.05 + 0.07 * a;
        const cy = 0.05 + 0.1 * b;
        pos.push(cx - 0.25 * delta, cy, cx + 0.25 * delta, cy);
        signs.push(1, -1);
      }
    // loose: + on x₁ = 0.6, − on x₁ = 0.9 (nearest opposite ≥ 0.25 away)
    for (let b = 0; b < 50; b++) {
      pos.push(0.6, 0.01 + 0.02 * b, 0.9, 0.01 + 0.02 * b);
      signs.push(1, -1);
    }
    const st = dipoleStatistics({ pos: Float64Array.from(pos), signs: Int8Array.from(signs) }, delta, {
      bins: 30,
    });
    expect(st.boundCount).toBe(100);
    expect(st.boundFraction).toBeCloseTo(0.5, 15);
    expect(st.counts.reduce((x, y) => x + y, 0)).toBe(200);
    expect(st.edges.length).toBe(31);
    for (let b = 0; b < 30; b++)
      expect(st.edges[b + 1] / st.edges[b]).toBeCloseTo(st.edges[1] / st.edges[0], 10);
    // the 100 dipole members sit in the bin containing 0.5δ
    const bin = st.edges.findIndex((e, b) => b < 30 && e <= 0.5 * delta && 0.5 * delta < st.edges[b + 1]);
    expect(st.counts[bin]).toBe(100);
    // all loose particles are > 0.1 from the other sign; geometric mean over all 200 distances
    for (let i = 100; i < 200; i++) expect(st.distances[i]).toBeGreaterThan(0.1);
    const logs = Array.from(st.distances, Math.log);
    expect(st.geometricMean).toBeCloseTo(Math.exp(logs.reduce((x, y) => x + y) / 200), 12);
    expect(st.median).toBeGreaterThan(0.5 * delta);
  });

  it('bound means closer than min(3δ, ¼n^{−1/2}): with δ as large as the spacing, neighbours are not dipoles', () => {
    // a 20×20 checkerboard of alternating signs: every nearest opposite neighbour at spacing 0.05
    const pos: number[] = [];
    const signs: number[] = [];
    for (let a = 0; a < 20; a++)
      for (let b = 0; b < 20; b++) {
        pos.push((a + 0.5) / 20, (b + 0.5) / 20);
        signs.push((a + b) % 2 === 0 ? 1 : -1);
      }
    const cfg = { pos: Float64Array.from(pos), signs: Int8Array.from(signs) };
    // 3δ = 0.06 > 0.05, but ¼/√400 = 0.0125 < 0.05: nobody is bound
    const wide = dipoleStatistics(cfg, 0.02);
    expect(wide.boundRadius).toBeCloseTo(0.0125, 15);
    expect(wide.boundFraction).toBe(0);
    expect(wide.median).toBeCloseTo(0.05, 12);
    // move one − onto its + neighbour's side at 0.2δ: exactly that pair is bound
    pos[2 * 1 + 1] = pos[1] + 0.004;
    const one = dipoleStatistics({ pos: Float64Array.from(pos), signs: cfg.signs }, 0.02);
    expect(one.boundCount).toBe(2);
  });
});

describe('regime map (MATH §6)', () => {
  it('lines and the convergence criterion', () => {
    const l = regimeLines(1e4, 1);
    expect(l.convergence).toBeCloseTo(Math.sqrt(3 / Math.log(1e4)), 14);
    expect(l.remark45).toBeCloseTo(1e-5, 18);
    expect(l.thm44).toBeCloseTo(1e-8, 20);
    expect(l.spacing).toBeCloseTo(1e-2, 16);
    // with λ = 1/(2δ²) (gaussian isotropic) the criterion is exactly 1 on the convergence line
    const T = 0.7;
    const n = 5e5;
    const d = regimeLines(n, T).convergence;
    expect(log10ConvergenceCriterion(1 / (2 * d * d), T, n)).toBeCloseTo(0, 12);
    expect(convergenceCriterion(1 / (2 * d * d), T, n)).toBeCloseTo(1, 12);
    expect(convergenceCriterion(10, 0.1, 100)).toBeCloseTo(Math.exp(3) / 10, 12);
  });

  it('classifies sample points', () => {
    const lam = (d: number) => 1 / (2 * d * d);
    const at = (geometry: 'isotropic' | 'slip', n: number, delta: number, T = 1) =>
      classifyRegime({ geometry, n, delta, T, lambda: lam(delta) });
    expect(at('isotropic', 1e4, 0.8).label).toBe('convergent (Thm 3.3)');
    expect(at('slip', 1e4, 0.8).label).toBe('convergent (Thm 3.9)');
    expect(at('isotropic', 1e4, 1e-9).label).toBe('non-convergent with short dipoles (Thm 4.4)');
    expect(at('slip', 1e4, 1e-9).label).toBe('non-convergent with short dipoles (Thm 4.6)');
    expect(at('isotropic', 1e4, 1e-6).label).toBe('non-convergent with short dipoles (Thm 4.4, Remark 4.5)');
    expect(at('slip', 1e4, 1e-6).kind).toBe('open');
    expect(at('isotropic', 1e4, 1e-3).kind).toBe('open');
    // just above / below the convergence line
    const dc = regimeLines(1e4, 1).convergence;
    expect(at('isotropic', 1e4, dc * 1.001).kind).toBe('convergent');
    expect(at('isotropic', 1e4, dc * 0.999).kind).toBe('open');
    // huge λ: finite log criterion, Infinity criterion
    const c = at('isotropic', 1e4, 1e-6);
    expect(c.criterion).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isFinite(c.log10Criterion)).toBe(true);
  });
});

describe('grid diagnostics: masses, min, entropy, continuum energy', () => {
  it('closed forms for simple densities', () => {
    const N = 32;
    const half = new Float64Array(N * N).fill(0.5);
    expect(gridEntropy(N, half) + gridEntropy(N, half)).toBeCloseTo(Math.log(0.5), 12);
    const zero = new Float64Array(N * N);
    expect(gridEntropy(N, zero)).toBe(0);
    const [a, b] = gridMasses(N, cellAverages(N, 0.5, 0.4), cellAverages(N, -0.3, 0.6));
    expect(a).toBeCloseTo(0.5, 14);
    expect(b).toBeCloseTo(0.5, 14);
    expect(gridMin(N, half, cellAverages(N, 0.5, 0.4))).toBeLessThan(0.5);
  });

  it('continuum energy: equals the solver’s E_h, and ½Σ M_k|κ̂_k|² + Σ Û_k κ̂_k* to O(h²) for single modes', () => {
    const N = 64;
    const delta = 0.05;
    // κ = 0.4 cos 2π(x₁ + 2x₂), U = 0.3 cos 2π(x₁ + 2x₂) + 0.2 cos 2πx₂ (orthogonal to κ)
    const field: ExternalField = {
      modes: [
        { a: 0.3, p: 1, q: 2, phi: 0 },
        { a: 0.2, p: 0, q: 1, phi: 0 },
      ],
      force: [0, 0],
    };
    const s1 = Math.sin(Math.PI / N) / (Math.PI / N);
    const s2 = Math.sin((2 * Math.PI) / N) / ((2 * Math.PI) / N);
    const rp = new Float64Array(N * N);
    const rm = new Float64Array(N * N);
    for (let j = 0; j < N; j++)
      for (let i = 0; i < N; i++) {
        const k = 0.4 * Math.cos((TWO_PI * (i + 0.5 + 2 * (j + 0.5))) / N) * s1 * s2;
        rp[j * N + i] = 0.5 + k / 2;
        rm[j * N + i] = 0.5 - k / 2;
      }
    for (const geometry of ['isotropic', 'slip'] as const) {
      const E = continuumEnergy({ geometry, delta, field, N }, rp, rm);
      const solver = createPdeSolver({ geometry, delta, field, N, rhoPlus: rp, rhoMinus: rm });
      expect(Math.abs(E - solver.energy())).toBeLessThan(1e-15);
      const M = interactionMultiplier({ geometry, core: 'gaussian', delta }, 1, 2);
      const exact = 0.5 * ((0.4 * 0.4) / 2) * M + (0.4 * 0.3) / 2;
      expect(Math.abs(E / exact - 1)).toBeLessThan((3 * ((TWO_PI * 2) / N) ** 2) / 12);
    }
  });
});
