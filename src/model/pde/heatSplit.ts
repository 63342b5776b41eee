import type { ExternalField } from '../types';
import { advanceWithHeatFlow, HeatFlow } from './diffusion';
import type { FourierBlock } from './grid';
import type { PdeSolver } from './types';

/**
 * Lie split of advanceTo: transport over at most this much time, then the exact heat flow. 2⁻⁸ is
 * the particles' noise grid step (noiseStepSize); about a constant state the two parts commute, and
 * elsewhere the splitting error is O(split).
 */
export const HEAT_SPLIT = 2 ** -8;

/**
 * The noisy Groma–Balogh PDE (MATH §13): ∂_tρ± = transport + θΔρ± (slip: θ∂₁²ρ±), as the transport
 * solver followed by the exact heat flow exp(θhΔ_h) (diffusion.ts). `step` applies the flow over the
 * step it took (the app's and `run --replay`'s stepping, pdeStepping); `advanceTo` is
 * advanceWithHeatFlow with splits of HEAT_SPLIT. Everything else is the transport solver's.
 */
class HeatSplitSolver implements PdeSolver {
  private readonly flow: HeatFlow;
  private readonly plus: Float64Array;
  private readonly minus: Float64Array;

  constructor(
    private readonly inner: PdeSolver,
    readonly temperature: number,
  ) {
    this.flow = new HeatFlow(inner.N, inner.geometry);
    this.plus = new Float64Array(inner.rhoPlus.length);
    this.minus = new Float64Array(inner.rhoMinus.length);
  }

  get N() {
    return this.inner.N;
  }
  get geometry() {
    return this.inner.geometry;
  }
  get core() {
    return this.inner.core;
  }
  get delta() {
    return this.inner.delta;
  }
  get label() {
    return this.inner.label;
  }
  get t() {
    return this.inner.t;
  }
  get rhoPlus() {
    return this.inner.rhoPlus;
  }
  get rhoMinus() {
    return this.inner.rhoMinus;
  }
  get potential() {
    return this.inner.potential;
  }
  get steps() {
    return this.inner.steps;
  }
  get rejected() {
    return this.inner.rejected;
  }
  get rejectedEnergy() {
    return this.inner.rejectedEnergy;
  }
  get rejectedPositivity() {
    return this.inner.rejectedPositivity;
  }
  get energyWarnings() {
    return this.inner.energyWarnings;
  }
  get lastDt() {
    return this.inner.lastDt;
  }

  step(maxDt?: number): number {
    const t0 = this.inner.t;
    const dt = this.inner.step(maxDt);
    this.heat(t0);
    return dt;
  }

  advanceTo(time: number): number {
    const before = this.inner.steps;
    advanceWithHeatFlow(this.inner, this.flow, this.temperature, time, HEAT_SPLIT);
    return this.inner.steps - before;
  }

  /** The heat flow over [t0, t] (t the transport's time now). */
  private heat(t0: number): void {
    const h = this.inner.t - t0;
    if (!(h > 0)) return;
    this.plus.set(this.inner.rhoPlus);
    this.minus.set(this.inner.rhoMinus);
    this.flow.apply(this.plus, this.temperature * h);
    this.flow.apply(this.minus, this.temperature * h);
    this.inner.setDensities(this.plus, this.minus, this.inner.t);
  }

  energy(): number {
    return this.inner.energy();
  }
  masses(): [number, number] {
    return this.inner.masses();
  }
  minRho(): number {
    return this.inner.minRho();
  }
  entropy(): number {
    return this.inner.entropy();
  }
  rhs(outPlus: Float64Array, outMinus: Float64Array): void {
    this.inner.rhs(outPlus, outMinus);
  }
  coefficients(K: number, which?: 'kappa' | 'plus' | 'minus'): FourierBlock {
    return this.inner.coefficients(K, which);
  }
  kappaHat(K: number): FourierBlock {
    return this.inner.kappaHat(K);
  }
  setDensities(rhoPlus: ArrayLike<number>, rhoMinus: ArrayLike<number>, t?: number): void {
    this.inner.setDensities(rhoPlus, rhoMinus, t);
  }
  setField(field: ExternalField): void {
    this.inner.setField(field);
  }
}

/** The transport solver with the heat flow of temperature θ > 0 split in (θ = 0: the solver itself). */
export function withHeatFlow(solver: PdeSolver, temperature: number): PdeSolver {
  if (!(temperature >= 0)) throw new RangeError(`pde: temperature ${temperature} < 0`);
  return temperature > 0 ? new HeatSplitSolver(solver, temperature) : solver;
}
