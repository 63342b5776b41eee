import type { ParticleSystem } from '../dynamics/particleSystem';
import { NearPairJacobian } from '../integrate/nearPairJacobian';
import { NearPairs } from '../integrate/nearPairs';
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
  /** The core width δ: ± pairs within 4δ have their drift step controlled (omit: no control). */
  delta?: number;
  /**
   * Time of the initial state on the Brownian path (default 0): a stepper restarted at time t₀
   * (the app's hot swap after an edit) continues the same path W(t₀ + t) instead of replaying it.
   */
  origin?: number;
}

/** Most halvings of a grid step for a collapsing pair (h ≥ dt/2¹⁴). */
const MAX_DEPTH = 14;

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
  /**
   * W at the end of the last step, and that time: the next step starts there (always between
   * halves of a halved step, usually between grid steps), so it is not sampled again (the tree's
   * descent is about half the cost of a step). W is a function of t alone, so nothing changes.
   */
  private readonly wLast: Float64Array;
  private wLastAt = Number.NaN;
  private readonly paths: BrownianPaths;
  private readonly jacobian: NearPairJacobian;
  private readonly dims: 1 | 2;
  private readonly sigma: number;
  private readonly origin: number;
  private version = 0;
  /** Grid steps taken, and substeps the pair control added (diagnostics). */
  steps = 0;
  substeps = 0;
  private readonly near: NearPairs;
  private readonly coreWidth: number;
  private readonly drift: Float64Array;
  /** Per depth: the midpoint state of a halved step. */
  private readonly mids: Float64Array[] = [];

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
    this.origin = settings.origin ?? 0;
    if (!(this.origin >= 0)) throw new RangeError(`noise origin ${this.origin} < 0`);
    this.y = Float64Array.from(initial);
    this.v = new Float64Array(2 * n);
    this.rhs = new Float64Array(2 * n);
    this.delta = new Float64Array(2 * n);
    this.wNow = new Float64Array(n * this.dims);
    this.wNext = new Float64Array(n * this.dims);
    this.wLast = new Float64Array(n * this.dims);
    this.paths = new BrownianPaths(settings.seed, n, this.dims);
    this.jacobian = new NearPairJacobian(system);
    this.near = new NearPairs(n);
    this.coreWidth = settings.delta ?? 0;
    this.drift = new Float64Array(2 * n);
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
      this.step(this.y, this.gridTime, this.dt, this.y);
      this.k++;
      this.steps++;
    }
    const rest = T - this.gridTime;
    if (rest > 0) this.step(this.y, this.gridTime, rest, out);
    else out.set(this.y);
  }

  /**
   * One linearly implicit step of length h from y (time t0) into out. The clipped Jacobian leaves a
   * collapsing ± pair's attraction explicit, so a step that moves a near ± pair's separation by more
   * than half of max(|s|, δ) is halved (recursively, on dyadic times, so W is still the tree's and
   * the choice depends on the state alone: replay is kept). `vAtY`: this.v already holds v(y) (the
   * first half of a halved step starts where its parent did), so it is not evaluated again.
   */
  private step(y: Float64Array, t0: number, h: number, out: Float64Array, depth = 0, vAtY = false): void {
    const { system, v, rhs, delta, drift, wNow, wNext, dims, sigma, jacobian, paths } = this;
    const n = system.n;
    if (!vAtY) system.velocities(y, v);
    this.version++;
    jacobian.prepare(y, this.version, h, 0);
    jacobian.factor(h);
    jacobian.solve(v, drift);
    if (depth < MAX_DEPTH && !this.pairsResolved(y, drift)) {
      this.mids[depth] ??= new Float64Array(2 * n);
      const mid = this.mids[depth];
      this.substeps++;
      this.step(y, t0, 0.5 * h, mid, depth + 1, true);
      this.step(mid, t0 + 0.5 * h, 0.5 * h, out, depth + 1);
      return;
    }
    for (let j = 0; j < 2 * n; j++) out[j] = y[j] + drift[j];
    if (sigma === 0) return;
    const a = this.origin + t0;
    const b = this.origin + t0 + h;
    if (a === this.wLastAt) wNow.set(this.wLast);
    else paths.sample(a, wNow);
    paths.sample(b, wNext);
    this.wLast.set(wNext);
    this.wLastAt = b;
    rhs.fill(0);
    const s = sigma / h;
    for (let i = 0; i < n; i++)
      for (let c = 0; c < dims; c++) rhs[2 * i + c] = s * (wNext[i * dims + c] - wNow[i * dims + c]);
    jacobian.solve(rhs, delta);
    for (let j = 0; j < 2 * n; j++) out[j] += delta[j];
  }

  /** Whether every ± pair within 4δ changes its separation by at most ½·max(|s|, δ). */
  private pairsResolved(y: Float64Array, drift: Float64Array): boolean {
    if (!(this.coreWidth > 0)) return true;
    const near = this.near;
    const count = near.search(y, 4 * this.coreWidth);
    const signs = this.system.signs;
    for (let p = 0; p < count; p++) {
      const i = near.pairI[p];
      const j = near.pairJ[p];
      if (signs[i] === signs[j]) continue;
      const ddx = drift[2 * i] - drift[2 * j];
      const ddy = drift[2 * i + 1] - drift[2 * j + 1];
      const lim = 0.5 * Math.max(Math.hypot(near.dx[p], near.dy[p]), this.coreWidth);
      if (ddx * ddx + ddy * ddy > lim * lim) return false;
    }
    return true;
  }
}
