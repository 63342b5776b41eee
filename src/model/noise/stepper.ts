import type { ParticleSystem } from '../dynamics/particleSystem';
import { NearPairJacobian } from '../integrate/nearPairJacobian';
import { BrownianPaths } from './brownian';

/**
 * dx_i = v_i(x) dt + √(2θ) dW_i (slip: noise along x₁ only) by linearly drift-implicit
 * Euler–Maruyama on a fixed dyadic grid t_k = k·dt:
 *   (I/dt + L)·Δ = v(x_k) + √(2θ)·(W(t_{k+1}) − W(t_k))/dt,   x_{k+1} = x_k + Δ,
 * with L the near-pair Jacobian (the positive part of −∂v/∂x for stiff pairs and of b·D²U,
 * src/model/integrate/nearPairJacobian.ts). So a short dipole, whose pair rate ~1/(nδ²) is far
 * above 1/dt, is damped implicitly instead of blowing up, and the solve never breaks down.
 *
 * Reproducibility: W is the virtual Brownian tree (brownian.ts), a function of (seed, particle,
 * coordinate, t) only, and the grid is fixed, so the state at any grid time is the same whatever
 * times the caller asks for. A request between grid points gets one partial step from the last
 * grid point, which is returned but not kept: jagged requests replay bit for bit.
 * Additive noise: Euler–Maruyama is then Milstein, of strong order 1 (not ½).
 */
export interface NoiseSettings {
  /** θ ≥ 0. */
  temperature: number;
  /** Seed of the Brownian paths (uint32). */
  seed: number;
  /** Grid step, a power of two; default noiseStepSize(n, θ). */
  dt?: number;
}

/**
 * Default step: the largest 2^-m ≤ min(2⁻⁸, 1/(8nθ)), so a step's noise displacement √(2θ dt)
 * stays below half the particle spacing n^{-1/2}.
 */
export function noiseStepSize(n: number, temperature: number): number {
  let dt = 2 ** -8;
  const cap = temperature > 0 ? 1 / (8 * n * temperature) : Number.POSITIVE_INFINITY;
  while (dt > cap && dt > 2 ** -30) dt *= 0.5;
  return dt;
}

export class NoisyStepper {
  readonly dt: number;
  /** Grid index k of the kept state (t = k·dt). */
  private k = 0;
  private readonly y: Float64Array;
  private readonly v: Float64Array;
  private readonly rhs: Float64Array;
  private readonly delta: Float64Array;
  private readonly wNow: Float64Array;
  private readonly wNext: Float64Array;
  private readonly paths: BrownianPaths;
  private readonly jacobian: NearPairJacobian;
  private readonly dims: 1 | 2;
  private readonly sigma: number;
  private version = 0;
  /** Time at which wNow was sampled (NaN: not yet). */
  private wTime = Number.NaN;
  /** Grid steps taken (diagnostics). */
  steps = 0;

  constructor(
    private readonly system: ParticleSystem,
    initial: Float64Array,
    settings: NoiseSettings,
  ) {
    const n = system.n;
    if (!(settings.temperature >= 0)) throw new RangeError(`temperature ${settings.temperature} < 0`);
    this.dt = settings.dt ?? noiseStepSize(n, settings.temperature);
    if (!(this.dt > 0) || Math.log2(this.dt) !== Math.round(Math.log2(this.dt)))
      throw new RangeError(`noise dt ${this.dt} is not a power of two`);
    this.dims = system.geometry === 'slip' ? 1 : 2;
    this.sigma = Math.sqrt(2 * settings.temperature);
    this.y = Float64Array.from(initial);
    this.v = new Float64Array(2 * n);
    this.rhs = new Float64Array(2 * n);
    this.delta = new Float64Array(2 * n);
    this.wNow = new Float64Array(n * this.dims);
    this.wNext = new Float64Array(n * this.dims);
    this.paths = new BrownianPaths(settings.seed, n, this.dims);
    this.jacobian = new NearPairJacobian(system);
  }

  /** Time of the kept grid state. */
  get gridTime(): number {
    return this.k * this.dt;
  }

  /** Positions at time T ≥ gridTime (written to out, length 2n). */
  advanceTo(T: number, out: Float64Array): void {
    if (!(T >= this.gridTime)) throw new RangeError(`advanceTo(${T}) before t = ${this.gridTime}`);
    const last = Math.floor(T / this.dt);
    while (this.k < last) {
      this.step(this.y, this.dt, (this.k + 1) * this.dt, this.y);
      this.k++;
      this.steps++;
      // The step's end values are the next step's start: one tree descent per coordinate and step.
      this.wNow.set(this.wNext);
      this.wTime = this.gridTime;
    }
    const rest = T - this.gridTime;
    if (rest > 0) this.step(this.y, rest, T, out);
    else out.set(this.y);
  }

  /** One linearly implicit step of length h from the kept state (time gridTime) to tEnd, into out. */
  private step(y: Float64Array, h: number, tEnd: number, out: Float64Array): void {
    const { system, v, rhs, delta, wNow, wNext, dims, sigma, jacobian, paths } = this;
    const n = system.n;
    system.velocities(y, v);
    this.version++;
    jacobian.prepare(y, this.version, h, 0);
    jacobian.factor(h);
    rhs.set(v);
    if (sigma > 0) {
      if (this.wTime !== this.gridTime) {
        paths.sample(this.gridTime, wNow);
        this.wTime = this.gridTime;
      }
      paths.sample(tEnd, wNext);
      const s = sigma / h;
      for (let i = 0; i < n; i++)
        for (let c = 0; c < dims; c++) rhs[2 * i + c] += s * (wNext[i * dims + c] - wNow[i * dims + c]);
    }
    jacobian.solve(rhs, delta);
    for (let j = 0; j < 2 * n; j++) out[j] = y[j] + delta[j];
  }
}
