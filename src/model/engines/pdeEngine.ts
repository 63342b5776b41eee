import { CheckpointClock } from '../checkpoints';
import { gridCoefficients } from '../diagnostics/sobolev';
import { RealFFT2D } from '../fft2';
import { cellAverages } from '../init/cellAverages';
import { buildPde1d, cellSpectrum1d, type EngineSolver, initialDensity1d, isCircle } from '../oneD/engine1d';
import { freeEnergy } from '../pde/diffusion';
import { createPdeSolver } from '../pde/solver';
import { pdeStepping } from '../pde/stepping';
import { resolvePdeDelta } from '../scenario/delta';
import { initialDensity } from '../scenario/initial';
import { resolveTemperature } from '../scenario/noise';
import type { Scenario } from '../scenario/types';
import { type PdeCheckpoint, type PdeInitReply, type PdeReply, SPECTRUM_CUTOFF } from './types';

interface Run {
  scenario: Scenario;
  rho0: { rhoPlus: Float64Array; rhoMinus: Float64Array };
  solver: EngineSolver;
  stepsBefore: number;
  clock: CheckpointClock;
  calls: number;
  pending: PdeCheckpoint[];
}

function buildSolver(
  s: Scenario,
  rhoPlus: ArrayLike<number>,
  rhoMinus: ArrayLike<number>,
  t0: number,
): EngineSolver {
  if (isCircle(s)) return buildPde1d(s, rhoPlus, rhoMinus, t0);
  return createPdeSolver({
    geometry: s.geometry,
    core: s.core,
    delta: resolvePdeDelta(s),
    field: s.field,
    N: s.pde.grid,
    rk: s.pde.rk,
    rhoPlus,
    rhoMinus,
    t0,
    temperature: resolveTemperature(s),
  });
}

function toFloat32Checked(a: Float64Array, what: string): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (!Number.isFinite(v)) throw new Error(`${what} became non-finite (cell ${i})`);
    out[i] = v;
  }
  return out;
}

/** The continuum side of a run: Groma–Balogh densities on an N×N grid, budgeted advancing. */
export class PdeEngine {
  private run: Run | null = null;
  private plan: RealFFT2D | null = null;

  init(scenario: Scenario, h: number): PdeInitReply {
    const rho0 = isCircle(scenario)
      ? initialDensity1d(scenario)
      : cellAverages(initialDensity(scenario), scenario.pde.grid);
    this.run = {
      scenario,
      rho0,
      solver: buildSolver(scenario, rho0.rhoPlus, rho0.rhoMinus, 0),
      stepsBefore: 0,
      clock: new CheckpointClock(h),
      calls: 0,
      pending: [],
    };
    this.checkpoint(0);
    return this.initReply();
  }

  update(scenario: Scenario): PdeInitReply {
    const r = this.need();
    const old = r.solver;
    r.stepsBefore += old.steps;
    r.solver = buildSolver(scenario, old.rhoPlus, old.rhoMinus, old.t);
    r.scenario = scenario;
    r.clock.resetAt(old.t);
    return this.initReply();
  }

  reset(): PdeReply {
    const r = this.need();
    r.solver = buildSolver(r.scenario, r.rho0.rhoPlus, r.rho0.rhoMinus, 0);
    Object.assign(r, { stepsBefore: 0, calls: 0, pending: [] });
    r.clock.resetAt(0);
    this.checkpoint(0);
    return this.reply();
  }

  advance(target: number, budgetMs: number): PdeReply {
    const r = this.need();
    r.calls++;
    r.clock.run(pdeStepping(r.solver), target, budgetMs, (k) => this.checkpoint(k));
    return this.reply();
  }

  private need(): Run {
    if (!this.run) throw new Error('PDE worker used before init');
    return this.run;
  }

  private checkpoint(k: number): void {
    const r = this.need();
    const s = r.solver;
    const K = SPECTRUM_CUTOFF;
    const [massPlus, massMinus] = s.masses();
    const energy = s.energy();
    const entropy = s.entropy();
    const theta = resolveTemperature(r.scenario);
    r.pending.push({
      k,
      t: s.t,
      energy,
      // MATH §13: with noise F = E + θ∫ρ±logρ± is the PDE's monotone quantity
      ...(theta > 0 ? { freeEnergy: freeEnergy(energy, theta, s.rhoPlus, s.rhoMinus) } : {}),
      minRho: s.minRho(),
      entropy,
      massPlus,
      massMinus,
      spectrum: isCircle(r.scenario) ? cellSpectrum1d(s.rhoPlus, s.rhoMinus, K) : this.gridSpectrum(s, K),
    });
  }

  private gridSpectrum(s: EngineSolver, K: number) {
    if (this.plan?.N !== s.N) this.plan = new RealFFT2D(s.N);
    return {
      plus: gridCoefficients(s.N, s.rhoPlus, K, this.plan),
      minus: gridCoefficients(s.N, s.rhoMinus, K, this.plan),
    };
  }

  private reply(): PdeReply {
    const r = this.need();
    const s = r.solver;
    const checkpoints = r.pending;
    r.pending = [];
    return {
      t: s.t,
      N: s.N,
      rhoPlus: toFloat32Checked(s.rhoPlus, 'ρ+'),
      rhoMinus: toFloat32Checked(s.rhoMinus, 'ρ−'),
      steps: r.stepsBefore + s.steps,
      calls: r.calls,
      checkpoints,
    };
  }

  private initReply(): PdeInitReply {
    const r = this.need();
    return { ...this.reply(), delta: r.solver.delta, deltaLabel: r.solver.label };
  }
}
