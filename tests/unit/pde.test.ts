/**
 * Finite-volume Groma–Balogh solver: closed forms, conservation laws and convergence.
 * Oracles here are independent of the scheme: direct Fourier sums of the multiplier, the
 * linearised mode-by-mode solution, ±½ΔU at t = 0, exact invariants of the slip geometry, and
 * self-convergence under grid refinement.
 */
import { describe, expect, it } from 'vitest';
import { interactionMultiplier } from '../../src/model/kernels/multipliers';
import { coefficientIndex, createPdeSolver } from '../../src/model/pde';
import type { CoreModel, ExternalField, Geometry } from '../../src/model/types';
import { smoothCase } from '../bench/pde';
import { l1 } from './pdeGrids';

const TWO_PI = 2 * Math.PI;
const sinc = (s: number) => (s === 0 ? 1 : Math.sin(s) / s);

/** Exact cell averages on an N-grid of f(x) = c + Σ a cos(2π(p x₁ + q x₂) − φ). */
function trigCells(
  N: number,
  c: number,
  modes: { a: number; p: number; q: number; phi: number }[],
): Float64Array {
  const out = new Float64Array(N * N);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) {
      const x = (i + 0.5) / N;
      const y = (j + 0.5) / N;
      let v = c;
      for (const m of modes)
        v +=
          m.a *
          Math.cos(TWO_PI * (m.p * x + m.q * y) - m.phi) *
          sinc((Math.PI * m.p) / N) *
          sinc((Math.PI * m.q) / N);
      out[j * N + i] = v;
    }
  return out;
}

describe('potential ξ = V_δ∗κ + U at the cell centres', () => {
  const cases: { geometry: Geometry; core: CoreModel; delta: number | 'limit' }[] = [
    { geometry: 'isotropic', core: 'gaussian', delta: 0.05 },
    { geometry: 'slip', core: 'gaussian', delta: 0.05 },
    { geometry: 'isotropic', core: 'plummer', delta: 0.02 },
    { geometry: 'slip', core: 'poisson', delta: 0.03 },
    { geometry: 'isotropic', core: 'gaussian', delta: 'limit' },
  ];
  for (const c of cases) {
    it(`equals the direct Fourier sum for a trigonometric κ (${c.geometry}, ${c.core}, δ = ${c.delta})`, () => {
      const N = 32;
      // κ = 0.3 cos 2π(x₁ + 2x₂) + 0.15 cos(2π(3x₁ − x₂) − 0.7) + 0.1 cos(2π·15x₂) (k₂ = 15 near Nyquist)
      const modes = [
        { a: 0.3, p: 1, q: 2, phi: 0 },
        { a: 0.15, p: 3, q: -1, phi: 0.7 },
        { a: 0.1, p: 0, q: 15, phi: 0.2 },
      ];
      const half = modes.map((m) => ({ ...m, a: m.a / 2 }));
      const field: ExternalField = { modes: [{ a: 0.2, p: 2, q: 1, phi: 0.1 }], force: [0, 0] };
      const s = createPdeSolver({
        ...c,
        field,
        N,
        rhoPlus: trigCells(N, 0.5, half),
        rhoMinus: trigCells(
          N,
          0.5,
          half.map((m) => ({ ...m, a: -m.a })),
        ),
      });
      const spec = { geometry: c.geometry, core: c.core, delta: c.delta === 'limit' ? 0 : c.delta };
      let err = 0;
      for (let j = 0; j < N; j++)
        for (let i = 0; i < N; i++) {
          const x = (i + 0.5) / N;
          const y = (j + 0.5) / N;
          let v = 0.2 * Math.cos(TWO_PI * (2 * x + y) - 0.1);
          for (const m of modes)
            v += m.a * interactionMultiplier(spec, m.p, m.q) * Math.cos(TWO_PI * (m.p * x + m.q * y) - m.phi);
          err = Math.max(err, Math.abs(v - s.potential[j * N + i]));
        }
      expect(err).toBeLessThan(1e-14);
      if (c.delta === 'limit') expect(s.label).toBe('δ → 0 (grid resolution 1/32)');
    });
  }
});

describe('∂tρ± = ±½ΔU at t = 0 for ρ± = ½ (MATH §6)', () => {
  for (const geometry of ['isotropic', 'slip'] as Geometry[]) {
    it(`${geometry}: U = cos 2πx₁, semi-discrete right-hand side vs the analytic cell averages (order 2)`, () => {
      const errs: number[] = [];
      for (const N of [64, 128]) {
        const half = new Float64Array(N * N).fill(0.5);
        const s = createPdeSolver({
          geometry,
          delta: 0.05,
          N,
          rhoPlus: half,
          rhoMinus: half,
          field: { modes: [{ a: 1, p: 1, q: 0, phi: 0 }], force: [0, 0] },
        });
        const dp = new Float64Array(N * N);
        const dm = new Float64Array(N * N);
        s.rhs(dp, dm);
        let err = 0;
        let scale = 0;
        for (let j = 0; j < N; j++)
          for (let i = 0; i < N; i++) {
            // ½ΔU = −2π² cos 2πx₁, its cell average carries sinc(π/N)
            const exact = -2 * Math.PI * Math.PI * Math.cos((TWO_PI * (i + 0.5)) / N) * sinc(Math.PI / N);
            err = Math.max(err, Math.abs(dp[j * N + i] - exact), Math.abs(dm[j * N + i] + exact));
            scale = Math.max(scale, Math.abs(exact));
          }
        errs.push(err / scale);
      }
      expect(errs[0]).toBeLessThan(1e-3);
      expect(errs[0] / errs[1]).toBeGreaterThan(3.5);
    });
  }

  it('U = cos 2πx₂: isotropic gives ±½ΔU, slip gives exactly nothing (flux only along x₁)', () => {
    const N = 64;
    const half = new Float64Array(N * N).fill(0.5);
    const field: ExternalField = { modes: [{ a: 1, p: 0, q: 1, phi: 0 }], force: [0, 0.8] };
    for (const geometry of ['isotropic', 'slip'] as Geometry[]) {
      const s = createPdeSolver({
        geometry,
        delta: 0.05,
        N,
        rhoPlus: half,
        rhoMinus: half,
        field: { ...field, force: [0, 0] },
      });
      const dp = new Float64Array(N * N);
      const dm = new Float64Array(N * N);
      s.rhs(dp, dm);
      const exact = (j: number) =>
        -2 * Math.PI * Math.PI * Math.cos((TWO_PI * (j + 0.5)) / N) * sinc(Math.PI / N);
      let err = 0;
      for (let j = 0; j < N; j++)
        for (let i = 0; i < N; i++) {
          const e = geometry === 'isotropic' ? exact(j) : 0;
          err = Math.max(err, Math.abs(dp[j * N + i] - e), Math.abs(dm[j * N + i] + e));
        }
      expect(err).toBeLessThan(geometry === 'isotropic' ? 2e-2 : 1e-12);
    }
    // and the x₂ component of F is ignored by slip
    const s = createPdeSolver({ geometry: 'slip', delta: 0.05, N, rhoPlus: half, rhoMinus: half, field });
    const dp = new Float64Array(N * N);
    const dm = new Float64Array(N * N);
    s.rhs(dp, dm);
    expect(Math.max(...dp.map(Math.abs), ...dm.map(Math.abs))).toBeLessThan(1e-12);
  });
});

describe('semi-discrete energy dissipation (F = 0)', () => {
  it('dE/dt = h²Σ ξ (dρ+/dt − dρ−/dt) ≤ 0 for random non-negative data, both geometries, all cores', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 4294967296;
    };
    const N = 32;
    for (let trial = 0; trial < 12; trial++) {
      const geometry: Geometry = trial % 2 === 0 ? 'isotropic' : 'slip';
      const core: CoreModel = (['gaussian', 'plummer', 'poisson'] as CoreModel[])[trial % 3];
      const rp = new Float64Array(N * N).map(() => (rnd() < 0.2 ? 0 : rnd()));
      const rm = new Float64Array(N * N).map(() => (rnd() < 0.2 ? 0 : rnd()));
      const s = createPdeSolver({
        geometry,
        core,
        delta: trial < 6 ? 0.03 : 'limit',
        N,
        rhoPlus: rp,
        rhoMinus: rm,
        field: { modes: [{ a: rnd(), p: 1, q: 2, phi: rnd() }], force: [0, 0] },
      });
      const dp = new Float64Array(N * N);
      const dm = new Float64Array(N * N);
      s.rhs(dp, dm);
      let dE = 0;
      let scale = 0;
      const xi = s.potential;
      for (let q = 0; q < N * N; q++) {
        dE += xi[q] * (dp[q] - dm[q]);
        scale += Math.abs(xi[q] * (dp[q] - dm[q]));
      }
      expect(dE).toBeLessThan(1e-13 * scale);
      expect(dE).toBeLessThan(0);
    }
  });
});

describe('energy guard', () => {
  it('without the rate cap, too long steps are rejected (energy would rise) and halved; E stays monotone', () => {
    const N = 32;
    // near-uniform state with a high-frequency κ: tiny velocities (huge CFL step) but κ relaxes at
    // rate ≈ 2π/sinc² — explicit RK3 is unstable for dt·rate > 2.5
    const eta = [{ a: 1e-3, p: 13, q: 11, phi: 0 }];
    const s = createPdeSolver({
      geometry: 'isotropic',
      delta: 'limit',
      N,
      rhoPlus: trigCells(N, 0.5, eta),
      rhoMinus: trigCells(
        N,
        0.5,
        eta.map((m) => ({ ...m, a: -m.a })),
      ),
      rateCap: Number.POSITIVE_INFINITY,
      dtMax: 2,
    });
    let E = s.energy();
    const E0 = E;
    // while E is far above its round-off floor (κ ≳ 1e-10 ≫ ε), it must decrease at every step
    while (E > 1e-12 * E0) {
      s.step();
      expect(s.energy()).toBeLessThanOrEqual(E + 1e-12 * Math.abs(E));
      E = s.energy();
    }
    expect(s.rejectedEnergy).toBeGreaterThan(0);
    expect(s.energyWarnings).toBe(0);
    expect(s.minRho()).toBeGreaterThanOrEqual(0);
  });
});

describe('linearised regime about ρ± = ½, U = 0 (MATH §10)', () => {
  // ρ± = ½ ± ε η, κ = 2εη: ∂tκ = div(½·2 ∇(V_δ∗κ)) + O(ε²) (isotropic; ∂₁ only for slip), so
  // κ̂_k(t) = κ̂_k(0) e^{−r_k t} with r_k = 4π²|k|² V̂_k m_δ(k) (isotropic) and
  // r_k = 4π² k₁² V̂_k m_δ(k) (slip); ρ+ + ρ− changes only at O(ε²).
  const closedForm = (geometry: Geometry, k1: number, k2: number, delta: number) => {
    const kk = k1 * k1 + k2 * k2;
    const m = Math.exp(-2 * Math.PI * Math.PI * delta * delta * kk);
    return geometry === 'isotropic' ? TWO_PI * m : (4 * Math.PI * k1 * k1 * k2 * k2 * m) / (kk * kk);
  };
  const modesOf: Record<Geometry, [number, number][]> = {
    isotropic: [
      [1, 2],
      [3, 0],
      [0, 1],
    ],
    slip: [
      [1, 1],
      [2, 1],
      [1, 0], // k₂ = 0: V̂ = 0, no decay
      [0, 2], // k₁ = 0: no flux along x₁, no decay
    ],
  };
  for (const geometry of ['isotropic', 'slip'] as Geometry[]) {
    it(`${geometry}: each mode of κ decays at 4π²|k|²V̂_k m_δ(k) (closed form ${geometry === 'isotropic' ? '2π m_δ' : '4π k₁²k₂²/|k|⁴ m_δ'})`, () => {
      const N = 128;
      const delta = 0.05;
      const eps = 1e-5;
      const T = 0.25;
      const modes = modesOf[geometry];
      const etaModes = modes.map(([p, q], n) => ({ a: eps * (1 + n), p, q, phi: 0.3 * n }));
      const s = createPdeSolver({
        geometry,
        delta,
        N,
        rhoPlus: trigCells(N, 0.5, etaModes),
        rhoMinus: trigCells(
          N,
          0.5,
          etaModes.map((m) => ({ ...m, a: -m.a })),
        ),
        dtMax: 0.01,
      });
      const sum0 = s.rhoPlus.map((v, q) => v + s.rhoMinus[q]);
      const K = 3;
      const c0 = s.kappaHat(K);
      s.advanceTo(T);
      const c1 = s.kappaHat(K);
      for (const [p, q] of modes) {
        const rate =
          4 *
          Math.PI *
          Math.PI *
          (geometry === 'isotropic' ? p * p + q * q : p * p) *
          interactionMultiplier({ geometry, core: 'gaussian', delta }, p, q);
        expect(Math.abs(rate - closedForm(geometry, p, q, delta))).toBeLessThan(1e-12 * (1 + rate));
        const o = coefficientIndex(K, p, q);
        const decay = Math.exp(-rate * T);
        const rel =
          Math.hypot(c1.re[o] - decay * c0.re[o], c1.im[o] - decay * c0.im[o]) /
          Math.hypot(c0.re[o], c0.im[o]);
        // the discrete symbol is r_k·(1 − (πk/N)²/6 + …) per direction (centred differences of
        // centre values that carry 1/sinc): amplitude error ≈ r_k T (π|k|∞/N)²/6; allow 1.5× that
        const tol = (1.5 * rate * T * ((Math.PI * Math.max(Math.abs(p), Math.abs(q))) / N) ** 2) / 6 + 2e-5;
        expect(rel / decay).toBeLessThan(tol);
      }
      let dsum = 0;
      for (let q = 0; q < N * N; q++) dsum = Math.max(dsum, Math.abs(s.rhoPlus[q] + s.rhoMinus[q] - sum0[q]));
      expect(dsum).toBeLessThan(100 * eps * eps);
    });
  }
});

describe('slip: nothing moves in x₂', () => {
  it('a density varying only in x₂ stays put (U depending on x₂ only, F₂ ≠ 0 ignored)', () => {
    const N = 64;
    const rp = trigCells(N, 0.5, [{ a: 0.3, p: 0, q: 1, phi: 0 }]);
    const rm = trigCells(N, 0.5, [{ a: 0.2, p: 0, q: 2, phi: 1 }]);
    const s = createPdeSolver({
      geometry: 'slip',
      delta: 0.05,
      N,
      rhoPlus: rp,
      rhoMinus: rm,
      field: { modes: [{ a: 0.5, p: 0, q: 1, phi: 0.2 }], force: [0, 0.9] },
      dtMax: 0.02,
    });
    s.advanceTo(0.3);
    let d = 0;
    for (let q = 0; q < N * N; q++)
      d = Math.max(d, Math.abs(s.rhoPlus[q] - rp[q]), Math.abs(s.rhoMinus[q] - rm[q]));
    expect(d).toBeLessThan(1e-12); // round-off of the FFT, amplified by 1/h in the flux difference
  });

  it('generic 2D data: the sums along x₁ (each row j) are invariant while the densities move', () => {
    const N = 64;
    const { rhoPlus, rhoMinus } = smoothCase(N);
    const field: ExternalField = {
      modes: [
        { a: 0.4, p: 1, q: 1, phi: 0.3 },
        { a: 0.2, p: 2, q: -1, phi: 0 },
      ],
      force: [0.3, 0.5],
    };
    const s = createPdeSolver({ geometry: 'slip', delta: 0.04, N, rhoPlus, rhoMinus, field });
    const rowSums = (f: Float64Array) => {
      const r = new Float64Array(N);
      for (let j = 0; j < N; j++) for (let i = 0; i < N; i++) r[j] += f[j * N + i];
      return r;
    };
    const p0 = rowSums(rhoPlus);
    const m0 = rowSums(rhoMinus);
    s.advanceTo(0.2);
    const p1 = rowSums(s.rhoPlus);
    const m1 = rowSums(s.rhoMinus);
    for (let j = 0; j < N; j++) {
      expect(Math.abs(p1[j] / p0[j] - 1)).toBeLessThan(1e-13);
      expect(Math.abs(m1[j] / m0[j] - 1)).toBeLessThan(1e-13);
    }
    expect(l1(s.rhoPlus, rhoPlus)).toBeGreaterThan(1e-2);
  });
});
