/**
 * The 1D cluster factorisation (integrate/nearPairJacobian.ts choleskyLaplacian) where the plain
 * Cholesky loses the diagonal 1/(γh) next to pair weights 2/(nδ²) ~ 1e18: against the closed
 * form of the inverse of dI + a·uuᵀ (Sherman–Morrison), against the plain Cholesky where that
 * one is accurate, against the identity 1ᵀSx = Σ e_i x_i = 1ᵀr (the Laplacian's column sums
 * vanish), and the stiff method on 1D short dipoles with δ = n^{−3.5} at n = 1000, where it threw.
 */
import { describe, expect, it } from 'vitest';
import { integrate } from '../../src/model/integrate';
import { cholesky, choleskyLaplacian, choleskySolve } from '../../src/model/integrate/nearPairJacobian';
import { shortDipoles1d, sineCumulative } from '../../src/model/oneD/init1d';
import { createSystem1d, embed1d, project1d } from '../../src/model/oneD/system1d';
import type { ExternalField } from '../../src/model/types';
import { rng } from './testRng';

/** S = diag(e) + L(w) for the weighted edges (i, j, w). */
function assemble(m: number, e: number[], edges: Array<[number, number, number]>): Float64Array {
  const s = new Float64Array(m * m);
  for (let k = 0; k < m; k++) s[k * m + k] = e[k];
  for (const [i, j, w] of edges) {
    s[i * m + i] += w;
    s[j * m + j] += w;
    s[i * m + j] -= w;
    s[j * m + i] -= w;
  }
  return s;
}

function solveLaplacian(
  m: number,
  e: number[],
  edges: Array<[number, number, number]>,
  r: number[],
): Float64Array {
  const a = assemble(m, e, edges);
  choleskyLaplacian(a, 0, m, Float64Array.from(e), 0);
  const x = Float64Array.from(r);
  choleskySolve(a, 0, m, x);
  return x;
}

describe('choleskyLaplacian', () => {
  it('a dipole with weight 1e18 next to 1/(γh) = 1e3: the closed form (Sherman–Morrison)', () => {
    const d = 1e3;
    const a = 1e18;
    const x = solveLaplacian(2, [d, d], [[0, 1, a]], [1, 0.25]);
    // (dI + a uuᵀ)⁻¹ r = (r − a u (uᵀr)/(d + 2a))/d, u = (1, −1)
    const ur = 1 - 0.25;
    const exact = [(1 - (a * ur) / (d + 2 * a)) / d, (0.25 + (a * ur) / (d + 2 * a)) / d];
    expect(Math.abs(x[0] - exact[0]) / exact[0]).toBeLessThan(1e-12);
    expect(Math.abs(x[1] - exact[1]) / exact[1]).toBeLessThan(1e-12);
  });

  it('equals the plain Cholesky on moderate random clusters', () => {
    const r = rng(5);
    for (let trial = 0; trial < 20; trial++) {
      const m = 2 + Math.floor(r() * 7);
      const e = Array.from({ length: m }, () => 0.5 + r());
      const edges: Array<[number, number, number]> = [];
      for (let k = 1; k < m; k++) edges.push([Math.floor(r() * k), k, 10 * r()]);
      const rhs = Array.from({ length: m }, () => r() - 0.5);
      const x = solveLaplacian(m, e, edges, rhs);
      const a = assemble(m, e, edges);
      cholesky(a, 0, m);
      const y = Float64Array.from(rhs);
      choleskySolve(a, 0, m, y);
      for (let k = 0; k < m; k++) expect(Math.abs(x[k] - y[k])).toBeLessThan(1e-13);
    }
  });

  it('weights 1e18 on random trees: Σ e_i x_i = Σ r_i and x ≈ its mean', () => {
    const r = rng(9);
    for (let trial = 0; trial < 20; trial++) {
      const m = 2 + Math.floor(r() * 7);
      const e = Array.from({ length: m }, () => 1e3 * (0.5 + r()));
      const edges: Array<[number, number, number]> = [];
      for (let k = 1; k < m; k++) edges.push([Math.floor(r() * k), k, 1e18 * (0.5 + r())]);
      const rhs = Array.from({ length: m }, () => r() - 0.5);
      const x = solveLaplacian(m, e, edges, rhs);
      let ex = 0;
      let sr = 0;
      let se = 0;
      for (let k = 0; k < m; k++) {
        ex += e[k] * x[k];
        sr += rhs[k];
        se += e[k];
      }
      expect(Math.abs(ex - sr)).toBeLessThan(1e-12 * (Math.abs(sr) + 1e-3));
      // the cluster moves as one: x_k = Σr/Σe + O(e/w)
      for (let k = 0; k < m; k++) expect(Math.abs(x[k] - sr / se)).toBeLessThan(1e-12);
    }
  });

  it('the stiff method on 1D short dipoles, n = 1000, δ = n^{−3.5}: runs, pairs stay trapped', () => {
    const n = 1000;
    const delta = n ** -3.5;
    const U: ExternalField = { modes: [{ a: 1, p: 1, q: 0, phi: 0 }], force: [0, 0] };
    const p = shortDipoles1d(n, sineCumulative(0.5), delta, 0);
    const sys = createSystem1d('poisson', delta, U, p.signs);
    const r = integrate(sys, embed1d(p.x), 0.1, { method: 'stiff', rtol: 1e-9, atol: 1e-12, h0: 1e-6 });
    const x = project1d(r.pos);
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const d = x[i] - p.x[i];
      moved = Math.max(moved, Math.abs(d - Math.round(d)));
    }
    expect(moved).toBeLessThan(1e-6 / n);
  });
});
