/**
 * The circle (MATH §12) in the shapes the app's two engines (model/engines) already carry, so the
 * workers stay thin and the state/plots need no 1D branch:
 *  - particles stay interleaved [x, 0] (pairKernel1d.ts), the system is the 1D one;
 *  - spectra are the 2D FourierBlock with only the k₂ = 0 row filled, so the H⁻² distance of MATH §8
 *    computed from two such blocks is exactly the 1D distance of sobolev1d.ts (the weights
 *    (1 + 4π²k₁²)^{−2} at k₂ = 0);
 *  - the PDE is Pde1d behind the part of the PdeSolver interface the PDE engine uses; its cell
 *    averages are N values (not N×N): the reply's N with dimension 1 says so.
 */
import { coefficientIndex, type FourierBlock } from '../pde/grid';
import type { PdeSolver } from '../pde/types';
import { resolveDelta, resolvePdeDelta } from '../scenario/delta';
import { resolveTemperature } from '../scenario/noise';
import type { Scenario } from '../scenario/types';
import type { Configuration } from '../types';
import { Pde1d } from './pde1d';
import { initialCells1d, initialParticles1d } from './scenario1d';
import { type Coefficients1d, cellCoefficients1d, empiricalCoefficients1d } from './sobolev1d';
import { createSystem1d, embed1d, project1d } from './system1d';

export const isCircle = (s: Pick<Scenario, 'dimension'>) => s.dimension === 1;

/** The scenario's particles on the circle, interleaved [x, 0]. */
export function initialConfiguration1d(s: Scenario): Configuration {
  const p = initialParticles1d(s);
  return { pos: embed1d(p.x), signs: p.signs };
}

export function buildSystem1d(s: Scenario, signs: Int8Array) {
  return createSystem1d(s.core, resolveDelta(s), s.field, signs);
}

/**
 * The stepper's first trial step on the circle: its own estimate (≤ 0.5/λ_δ, λ_δ = 1/δ²) falls
 * below its step-size floor when dipoles are as short as Thm 4.1 wants; the error control takes it
 * from here (as `run` does in 1D, cli/commands/oneD.ts).
 */
export const firstStep1d = (s: Scenario) => Math.min(1e-6, s.T / 100);

/** A 1D coefficient list as the k₂ = 0 row of a 2D block (other entries 0). */
export function asBlock(c: Coefficients1d): FourierBlock {
  const K = c.K;
  const W = 2 * K + 1;
  const re = new Float64Array(W * W);
  const im = new Float64Array(W * W);
  for (let k = -K; k <= K; k++) {
    re[coefficientIndex(K, k, 0)] = c.re[k + K];
    im[coefficientIndex(K, k, 0)] = c.im[k + K];
  }
  return { K, re, im };
}

/** μ̂± of interleaved positions (x₂ ignored). */
export function particleSpectrum1d(pos: ArrayLike<number>, signs: Int8Array, K: number) {
  const x = project1d(pos);
  return {
    plus: asBlock(empiricalCoefficients1d(x, signs, 1, K)),
    minus: asBlock(empiricalCoefficients1d(x, signs, -1, K)),
  };
}

/** ρ̂± of N cell averages per species. */
export function cellSpectrum1d(rhoPlus: ArrayLike<number>, rhoMinus: ArrayLike<number>, K: number) {
  return { plus: asBlock(cellCoefficients1d(rhoPlus, K)), minus: asBlock(cellCoefficients1d(rhoMinus, K)) };
}

/** What the PDE engine asks of a solver. */
export type EngineSolver = Pick<
  PdeSolver,
  | 'N'
  | 'delta'
  | 'label'
  | 't'
  | 'rhoPlus'
  | 'rhoMinus'
  | 'steps'
  | 'lastDt'
  | 'step'
  | 'advanceTo'
  | 'energy'
  | 'masses'
  | 'minRho'
  | 'entropy'
>;

/** Pde1d seen as an EngineSolver. */
class Solver1d implements EngineSolver {
  readonly label: string;
  constructor(private readonly pde: Pde1d) {
    this.label = pde.delta === 0 ? `δ → 0 (grid resolution 1/${pde.N})` : `δ = ${pde.delta}`;
  }
  get N() {
    return this.pde.N;
  }
  get delta() {
    return this.pde.delta;
  }
  get t() {
    return this.pde.t;
  }
  get rhoPlus() {
    return this.pde.rp;
  }
  get rhoMinus() {
    return this.pde.rm;
  }
  get steps() {
    return this.pde.steps;
  }
  get lastDt() {
    return this.pde.lastDt;
  }
  step(maxDt?: number) {
    return this.pde.step(maxDt);
  }
  advanceTo(time: number) {
    const before = this.pde.steps;
    this.pde.advanceTo(time);
    return this.pde.steps - before;
  }
  energy() {
    return this.pde.energy();
  }
  masses() {
    return this.pde.masses();
  }
  minRho() {
    return this.pde.minRho();
  }
  entropy() {
    return this.pde.entropy();
  }
}

/** The 1D PDE from cell averages at time t0, with the scenario's core, PDE δ, U, F and grid. */
export function buildPde1d(
  s: Scenario,
  rhoPlus: ArrayLike<number>,
  rhoMinus: ArrayLike<number>,
  t0: number,
): EngineSolver {
  const pde = new Pde1d({
    core: s.core,
    delta: resolvePdeDelta(s),
    field: s.field,
    N: s.pde.grid,
    rhoPlus: Float64Array.from(rhoPlus),
    rhoMinus: Float64Array.from(rhoMinus),
    temperature: resolveTemperature(s),
  });
  pde.t = t0;
  return new Solver1d(pde);
}

export function initialDensity1d(s: Scenario) {
  return initialCells1d(s, s.pde.grid);
}
