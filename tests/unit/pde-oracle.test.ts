/**
 * The public PDE oracle cases (independent pseudo-spectral reference on 256², exact convolution):
 * run the finite-volume solver to T and compare the low Fourier coefficients (|k|∞ ≤ 8) of ρ±,
 * read from the cell averages per MATH §11, with `expected`.
 *
 * Bound: for a second-order scheme the coefficient error is C·h²; the oracle README says "within a
 * few 1e-3" on 64². With the default MC limiter (θ = 2) we measure 3.1e-4 (iso) and 1.1e-4 (slip);
 * we assert 1e-3 (plain minmod, θ = 1, lands at 1.0e-3 on the iso case, first-order upwinding ~10×
 * worse per MATH §11). Refinement: 128² must reduce the error at least 2.5× (the iso case is
 * pre-asymptotic at 64², observed order 1.5), and 256² must show order ≥ 1.6 (observed 1.8–1.9).
 * Along the way each run checks positivity, separate mass conservation and energy monotonicity at
 * every step.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { coefficientIndex, createPdeSolver, resampleCellAverages } from '../../src/model/pde';
import type { ExternalField, Geometry } from '../../src/model/types';

interface PdeCase {
  geometry: Geometry;
  core: 'gaussian';
  delta: number;
  U: ExternalField;
  density: { grid: number; rhoPlus: number[]; rhoMinus: number[] };
  expected: {
    T: number;
    kmax: number;
    coeffPlus: [number[][], number[][]];
    coeffMinus: [number[][], number[][]];
  };
}

const dir = fileURLToPath(new URL('../oracle-cases', import.meta.url));
const load = (name: string): PdeCase => JSON.parse(readFileSync(`${dir}/${name}`, 'utf8'));

function runCase(c: PdeCase, N: number) {
  const N0 = c.density.grid;
  const rhoPlus = N === N0 ? c.density.rhoPlus : resampleCellAverages(c.density.rhoPlus, N0, N);
  const rhoMinus = N === N0 ? c.density.rhoMinus : resampleCellAverages(c.density.rhoMinus, N0, N);
  const s = createPdeSolver({
    geometry: c.geometry,
    core: c.core,
    delta: c.delta,
    field: c.U,
    N,
    rhoPlus,
    rhoMinus,
  });
  const [mp0, mm0] = s.masses();
  let E = s.energy();
  let maxRise = Number.NEGATIVE_INFINITY;
  let minRho = s.minRho();
  let maxMassErr = 0;
  while (s.t < c.expected.T) {
    s.step(c.expected.T - s.t);
    const e = s.energy();
    maxRise = Math.max(maxRise, (e - E) / Math.abs(E));
    E = e;
    minRho = Math.min(minRho, s.minRho());
    const [mp, mm] = s.masses();
    maxMassErr = Math.max(maxMassErr, Math.abs(mp / mp0 - 1), Math.abs(mm / mm0 - 1));
  }
  const K = c.expected.kmax;
  const cp = s.coefficients(K, 'plus');
  const cm = s.coefficients(K, 'minus');
  let err = 0;
  for (let k1 = -K; k1 <= K; k1++)
    for (let k2 = -K; k2 <= K; k2++) {
      const o = coefficientIndex(K, k1, k2);
      const ep = Math.hypot(
        cp.re[o] - c.expected.coeffPlus[0][k1 + K][k2 + K],
        cp.im[o] - c.expected.coeffPlus[1][k1 + K][k2 + K],
      );
      const em = Math.hypot(
        cm.re[o] - c.expected.coeffMinus[0][k1 + K][k2 + K],
        cm.im[o] - c.expected.coeffMinus[1][k1 + K][k2 + K],
      );
      err = Math.max(err, ep, em);
    }
  return { err, maxRise, minRho, maxMassErr, steps: s.steps, rejected: s.rejected };
}

describe('PDE oracle cases (independent spectral reference)', () => {
  for (const file of ['pub_pde_iso_gaussian_d0.04_T0.15.json', 'pub_pde_slip_gaussian_d0.04_T0.15.json']) {
    it(file, () => {
      const c = load(file);
      const r64 = runCase(c, 64);
      const r128 = runCase(c, 128);
      const r256 = runCase(c, 256);
      console.log(
        `${file}: max |Δρ̂_k| (|k|∞≤8) 64²: ${r64.err.toExponential(3)} (${r64.steps} steps), ` +
          `128²: ${r128.err.toExponential(3)} (${r128.steps} steps), 256²: ${r256.err.toExponential(3)}, ` +
          `orders ${Math.log2(r64.err / r128.err).toFixed(2)}, ${Math.log2(r128.err / r256.err).toFixed(2)}`,
      );
      expect(r64.err).toBeLessThan(1e-3);
      expect(r128.err).toBeLessThan(r64.err / 2.5);
      expect(r256.err).toBeLessThan(r128.err / 2 ** 1.6);
      for (const r of [r64, r128, r256]) {
        expect(r.minRho).toBeGreaterThanOrEqual(0);
        expect(r.maxMassErr).toBeLessThan(1e-12);
        expect(r.maxRise).toBeLessThanOrEqual(1e-12);
      }
    });
  }
});
