/**
 * The cluster ODE of the multirate method (integrate/clusterOde.ts) against direct formulas: its
 * right side against p(τ) − b∇U − Σ b_i b_j ∇V_δ/n written out per particle, and its solve
 * against Gaussian elimination of the explicitly assembled matrix
 * I/(γh) + Σ_k blockdiag((b_k D²U)₊) + Σ pairs [[M₊, −M₊], [−M₊, M₊]]. Covers the unrolled path
 * of a dipole (2 particles, 1 pair, both member orders) and the generic dense path (3 particles).
 */
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import { gradU, hessianU } from '../../src/model/external';
import { ClusterOde } from '../../src/model/integrate/clusterOde';
import { Clusters } from '../../src/model/integrate/clusters';
import { positivePart2 } from '../../src/model/integrate/nearPairJacobian';
import { makeKernel } from '../../src/model/kernels';
import type { ExternalField } from '../../src/model/types';

const DELTA = 1e-3;
const field: ExternalField = { modes: [{ a: 0.7, p: 1, q: 2, phi: 0.3 }], force: [0, 0] };

function setup(pos: number[], signs: number[], pairs: [number, number][]) {
  const n = signs.length;
  const spec = { geometry: 'isotropic' as const, core: 'gaussian' as const, delta: DELTA };
  const system = createSystem(spec, field, Int8Array.from(signs), makeKernel(spec));
  const clusters = new Clusters(n);
  clusters.reset();
  for (const [i, j] of pairs) clusters.union(i, j);
  clusters.finish();
  const ode = new ClusterOde(system, clusters, 2);
  ode.grow(2 * n);
  ode.pi = Int32Array.from(pairs.map((p) => p[0]));
  ode.pj = Int32Array.from(pairs.map((p) => p[1]));
  ode.pairStart = Int32Array.from([0, pairs.length]);
  // the cluster's unknowns in member order
  const m = clusters.start[1];
  const v = new Float64Array(2 * m);
  for (let k = 0; k < m; k++) {
    const i = clusters.members[k];
    v[2 * k] = pos[2 * i];
    v[2 * k + 1] = pos[2 * i + 1];
  }
  return { system, clusters, ode, v, m, n };
}

describe('ClusterOde', () => {
  for (const [name, pos, signs, pairs] of [
    ['dipole', [0.3, 0.6, 0.3 + 0.7 * DELTA, 0.6 - 0.4 * DELTA], [1, -1], [[0, 1]]],
    ['dipole, pair listed as (j, i)', [0.3, 0.6, 0.3 + 0.7 * DELTA, 0.6 - 0.4 * DELTA], [1, -1], [[1, 0]]],
    [
      'three particles, two pairs',
      [0.3, 0.6, 0.3 + 0.7 * DELTA, 0.6 - 0.4 * DELTA, 0.3 - DELTA, 0.6 + 2 * DELTA],
      [1, -1, 1],
      [
        [0, 1],
        [1, 2],
      ],
    ],
  ] as [string, number[], number[], [number, number][]][]) {
    it(`${name}: right side and solve match the direct formulas`, () => {
      const { system, clusters, ode, v, m, n } = setup(pos, signs, pairs);
      const len = 2 * m;
      // forcing p(τ) = c0 + c1 τ + c2 τ², different per coordinate
      const coef = [0, 1, 2].map((e) =>
        Float64Array.from({ length: 2 * n }, (_, q) => Math.sin(q + 3 * e + 1)),
      );
      const tau = 0.37;
      const gh = 2.5e-4;
      ode.factor(0, v, v, gh);
      const rhs = new Float64Array(len);
      const psum = new Float64Array(2);
      ode.rhs(0, v, v, tau, coef, rhs, psum);
      // direct right side
      const want = new Float64Array(len);
      const local = (i: number) => Array.from(clusters.members.subarray(0, m)).indexOf(i);
      const g = new Float64Array(2);
      const wantSum = [0, 0];
      for (let k = 0; k < m; k++) {
        const i = clusters.members[k];
        for (let d = 0; d < 2; d++) {
          const q = 2 * i + d;
          const p = coef[0][q] + coef[1][q] * tau + coef[2][q] * tau * tau;
          want[2 * k + d] = p;
          wantSum[d] += p;
        }
        gradU(field, v[2 * k], v[2 * k + 1], g, 0);
        want[2 * k] -= signs[i] * g[0];
        want[2 * k + 1] -= signs[i] * g[1];
      }
      const A = Array.from({ length: len }, (_, r) =>
        Array.from({ length: len }, (_, c) => (r === c ? 1 / gh : 0)),
      );
      const h = new Float64Array(3);
      for (let k = 0; k < m; k++) {
        const b = signs[clusters.members[k]];
        hessianU(field, v[2 * k], v[2 * k + 1], h, 0);
        positivePart2(b * h[0], b * h[1], b * h[2], h);
        A[2 * k][2 * k] += h[0];
        A[2 * k][2 * k + 1] += h[1];
        A[2 * k + 1][2 * k] += h[1];
        A[2 * k + 1][2 * k + 1] += h[2];
      }
      for (const [i, j] of pairs) {
        const li = local(i);
        const lj = local(j);
        const dx = v[2 * li] - v[2 * lj];
        const dy = v[2 * li + 1] - v[2 * lj + 1];
        const s = (signs[i] * signs[j]) / n;
        system.kernel.gradient(dx, dy, g, 0);
        for (let d = 0; d < 2; d++) {
          want[2 * li + d] -= s * g[d];
          want[2 * lj + d] += s * g[d];
        }
        system.kernel.hessian(dx, dy, h, 0);
        positivePart2(s * h[0], s * h[1], s * h[2], h);
        const M = [
          [h[0], h[1]],
          [h[1], h[2]],
        ];
        for (let a = 0; a < 2; a++)
          for (let b = 0; b < 2; b++) {
            A[2 * li + a][2 * li + b] += M[a][b];
            A[2 * lj + a][2 * lj + b] += M[a][b];
            A[2 * li + a][2 * lj + b] -= M[a][b];
            A[2 * lj + a][2 * li + b] -= M[a][b];
          }
      }
      const scale = Math.max(...want.map(Math.abs));
      for (let k = 0; k < len; k++) expect(Math.abs(rhs[k] - want[k])).toBeLessThan(1e-12 * scale);
      for (let d = 0; d < 2; d++) expect(psum[d]).toBeCloseTo(wantSum[d], 12);
      // solve against Gaussian elimination with partial pivoting on the assembled matrix
      const x = Float64Array.from(rhs);
      ode.solve(x, len);
      const Ab = A.map((row, r) => [...row, rhs[r]]);
      for (let c = 0; c < len; c++) {
        let piv = c;
        for (let r = c + 1; r < len; r++) if (Math.abs(Ab[r][c]) > Math.abs(Ab[piv][c])) piv = r;
        [Ab[c], Ab[piv]] = [Ab[piv], Ab[c]];
        for (let r = c + 1; r < len; r++) {
          const f = Ab[r][c] / Ab[c][c];
          for (let k = c; k <= len; k++) Ab[r][k] -= f * Ab[c][k];
        }
      }
      const sol = new Array<number>(len).fill(0);
      for (let r = len - 1; r >= 0; r--) {
        let s = Ab[r][len];
        for (let k = r + 1; k < len; k++) s -= Ab[r][k] * sol[k];
        sol[r] = s / Ab[r][r];
      }
      const xs = Math.max(...sol.map(Math.abs));
      // the pair block is ~1/(nδ²) ≫ 1/(γh): a conditioned solve, relative error ~ κ·ε
      for (let k = 0; k < len; k++) expect(Math.abs(x[k] - sol[k])).toBeLessThan(1e-9 * xs);
    });
  }
});
