/**
 * The Groma–Balogh equations on the circle (MATH §12), by the finite-volume scheme of the 2D solver
 * (src/model/pde/solver.ts) restricted to one direction:
 *
 *   ∂t ρ± = ±∂x(ρ± ∂x ξ) ∓ F ∂x ρ±,   ξ = V_δ ∗ κ + U,   κ = ρ+ − ρ−,
 *
 * - cell averages on N cells (h = 1/N); ξ at the cell centres as the circulant product
 *   ξ_c = Σ_c' W_{c−c'} κ_c' + U(x_c), W_j = (1/N) Σ_k S(k) cos(2πkj/N) with the symbol
 *   S(k) = V̂_k m_δ(k)/sinc(πk/N) (cell averages read as a smooth density, MATH §11; Nyquist once),
 *   O(N²) per evaluation, which at the app's N ≤ 2048 is cheaper than the plumbing of an FFT;
 * - face velocities u = ∓(ξ_{i+1} − ξ_i)/h ± F, upwinded fluxes of MUSCL face values with the
 *   2D solver's limiter (halfSlope, θ = 2), SSP-RK3, dt by the 2D rule (adaptiveDt: CFL ½ and the
 *   relaxation-rate cap);
 * - guarantees as in 2D, checked: a step with a negative value is rejected (dt halved); masses are
 *   exact (flux form); with F = 0 a step raising E_h = h Σ κ_c(½(V_δ∗κ)_c + U_c) beyond round-off
 *   (energyRose) is rejected.
 */
import { potentialU } from '../external';
import { entropy, minDensity, speciesMasses } from '../pde/diagnostics';
import { sinc } from '../pde/grid';
import { halfSlope } from '../pde/limiter';
import { flushTiny } from '../pde/stageRows';
import { adaptiveDt, type DtLimits, dtLimits, energyRose, MAX_HALVINGS } from '../pde/timeStep';
import type { PdeOptions } from '../pde/types';
import type { CoreModel } from '../types';
import { HeatFlow1d } from './heat1d';
import { multiplier1d } from './kernel1d';
import { assertField1d } from './system1d';

/** As the 2D solver's options (pde/types.ts), with N cells on the circle (N even, ≥ 8). */
export type Pde1dOptions = Pick<
  PdeOptions,
  'delta' | 'field' | 'rhoPlus' | 'rhoMinus' | 'cfl' | 'dtMax' | 'rateCap'
> & {
  core: CoreModel;
  N: number;
  /** θ ≥ 0 of the noise (MATH §13): each transport step is followed by exp(θ·dt·∂ₓ²) (heat1d.ts). */
  temperature?: number;
};

/** S(k) = V̂_k m_δ(k)/sinc(πk/N) for 0 ≤ k ≤ N/2. */
function symbol1d(core: CoreModel, delta: number, N: number): Float64Array {
  const S = new Float64Array(N / 2 + 1);
  for (let k = 1; k <= N / 2; k++) S[k] = multiplier1d(core, delta, k) / sinc((Math.PI * k) / N);
  return S;
}

export class Pde1d {
  readonly N: number;
  readonly delta: number;
  t = 0;
  steps = 0;
  rejectedEnergy = 0;
  rejectedPositivity = 0;
  lastDt = 0;
  rp: Float64Array;
  rm: Float64Array;

  private readonly W: Float64Array;
  private readonly U: Float64Array;
  private readonly F: number;
  private readonly limits: DtLimits;
  /** max over k of the discrete rate symbol |D|²·S (Λ/max(ρ+ + ρ−)). */
  private readonly symMax: number;
  private readonly xi: Float64Array;
  private readonly kap: Float64Array;
  private readonly rate: Float64Array;
  private readonly s1: Float64Array;
  private readonly s2: Float64Array;
  readonly temperature: number;
  private readonly heat: HeatFlow1d | undefined;

  constructor(o: Pde1dOptions) {
    const N = o.N;
    if (!(Number.isInteger(N) && N >= 8 && N % 2 === 0))
      throw new RangeError(`grid: N must be an even integer ≥ 8, got ${N}`);
    if (o.rhoPlus.length !== N || o.rhoMinus.length !== N)
      throw new RangeError(`density: need ${N} cell averages per species`);
    const delta = o.delta === 'limit' ? 0 : o.delta;
    if (!(delta >= 0 && Number.isFinite(delta)))
      throw new RangeError(`delta: must be ≥ 0 or 'limit', got ${o.delta}`);
    this.N = N;
    this.delta = delta;
    const field = o.field ?? { modes: [], force: [0, 0] };
    assertField1d(field);
    this.F = field.force[0];
    this.limits = dtLimits(o as PdeOptions);
    const S = symbol1d(o.core, delta, N);
    this.W = new Float64Array(N);
    for (let j = 0; j < N; j++) {
      let w = 0;
      for (let k = 1; k < N / 2; k++) w += 2 * S[k] * Math.cos((2 * Math.PI * k * j) / N);
      w += S[N / 2] * (j % 2 === 0 ? 1 : -1);
      this.W[j] = w / N;
    }
    let symMax = 0;
    for (let k = 1; k <= N / 2; k++) {
      const d = 2 * N * Math.sin((Math.PI * k) / N);
      symMax = Math.max(symMax, d * d * S[k]);
    }
    this.symMax = symMax;
    this.U = new Float64Array(N);
    for (let c = 0; c < N; c++) this.U[c] = potentialU(field, (c + 0.5) / N, 0);
    this.rp = flushTiny(Float64Array.from(o.rhoPlus));
    this.rm = flushTiny(Float64Array.from(o.rhoMinus));
    if (!(minDensity(this.rp, this.rm) >= 0)) throw new RangeError('density: cell averages must be ≥ 0');
    this.xi = new Float64Array(N);
    this.kap = new Float64Array(N);
    this.rate = new Float64Array(2 * N);
    this.s1 = new Float64Array(2 * N);
    this.s2 = new Float64Array(2 * N);
    const theta = o.temperature ?? 0;
    if (!(theta >= 0)) throw new RangeError(`pde: temperature ${theta} < 0`);
    this.temperature = theta;
    this.heat = theta > 0 ? new HeatFlow1d(N) : undefined;
  }

  /** ξ = W ∗ κ + U of (rp, rm) into this.xi; returns [E_h, its round-off scale]. */
  private potential(rp: Float64Array, rm: Float64Array): [number, number] {
    const { N, W, U, xi, kap } = this;
    for (let c = 0; c < N; c++) kap[c] = rp[c] - rm[c];
    let E = 0;
    let scale = 0;
    for (let c = 0; c < N; c++) {
      let s = 0;
      for (let d = 0; d < N; d++) {
        const j = c - d;
        s += W[j < 0 ? j + N : j] * kap[d];
      }
      xi[c] = s + U[c];
      E += kap[c] * (0.5 * s + U[c]);
      scale += Math.abs(kap[c]) * (0.5 * Math.abs(s) + Math.abs(U[c])) + Number.EPSILON * (rp[c] + rm[c]);
    }
    return [E / N, scale / N];
  }

  /** dρ±/dt of the semi-discrete scheme at the state whose ξ is in this.xi, into this.rate. */
  private rates(rp: Float64Array, rm: Float64Array): number {
    const { N, xi, rate, F } = this;
    let maxSpeed = 0;
    for (let sp = 0; sp < 2; sp++) {
      const r = sp === 0 ? rp : rm;
      const sign = sp === 0 ? 1 : -1;
      const off = sp * N;
      let prevFlux = 0;
      let firstFlux = 0;
      for (let i = 0; i < N; i++) {
        const im = i === 0 ? N - 1 : i - 1;
        const ip = i === N - 1 ? 0 : i + 1;
        const ipp = ip === N - 1 ? 0 : ip + 1;
        const u = sign * ((xi[i] - xi[ip]) * N + F);
        if (Math.abs(u) > maxSpeed) maxSpeed = Math.abs(u);
        const east = r[i] + halfSlope(1, r[i] - r[im], r[ip] - r[i]);
        const west = r[ip] - halfSlope(1, r[ip] - r[i], r[ipp] - r[ip]);
        const flux = u > 0 ? u * east : u * west;
        if (i === 0) firstFlux = flux;
        else rate[off + i] = -(flux - prevFlux) * N;
        prevFlux = flux;
      }
      // cell 0: its west face is the last face computed
      rate[off] = -(firstFlux - prevFlux) * N;
    }
    return maxSpeed;
  }

  private faceSpeed(): number {
    this.potential(this.rp, this.rm);
    return this.rates(this.rp, this.rm);
  }

  /** out = a·u0 + b·(v + dt·rate(v)); returns min(out). */
  private stage(v: Float64Array, out: Float64Array, a: number, b: number, dt: number): number {
    const N = this.N;
    const vp = v.subarray(0, N);
    const vm = v.subarray(N);
    this.potential(vp, vm);
    this.rates(vp, vm);
    let mn = Number.POSITIVE_INFINITY;
    const u0p = this.rp;
    const u0m = this.rm;
    for (let q = 0; q < 2 * N; q++) {
      const base = q < N ? u0p[q] : u0m[q - N];
      const val = a * base + b * (v[q] + dt * this.rate[q]);
      out[q] = val;
      if (val < mn) mn = val;
    }
    flushTiny(out);
    return mn;
  }

  /** One SSP-RK3 step with the adaptive dt (capped by maxDt); returns the dt taken. */
  step(maxDt?: number): number {
    const N = this.N;
    const speed = this.faceSpeed();
    let maxSum = 0;
    for (let c = 0; c < N; c++) maxSum = Math.max(maxSum, this.rp[c] + this.rm[c]);
    let dt = adaptiveDt(this.limits, 1 / N, speed, maxSum * this.symMax, maxDt);
    const [E0, scale0] = this.potential(this.rp, this.rm);
    const u = new Float64Array(2 * N);
    u.set(this.rp);
    u.set(this.rm, N);
    const { s1, s2 } = this;
    for (let attempt = 0; ; attempt++) {
      const ok =
        this.stage(u, s1, 0, 1, dt) >= 0 &&
        this.stage(s1, s2, 0.75, 0.25, dt) >= 0 &&
        this.stage(s2, s1, 1 / 3, 2 / 3, dt) >= 0;
      if (!ok) {
        this.rejectedPositivity++;
        dt *= 0.5;
        continue;
      }
      if (this.F === 0 && attempt < MAX_HALVINGS) {
        const [E1, scale1] = this.potential(s1.subarray(0, N), s1.subarray(N));
        if (energyRose(E0, scale0, E1, scale1)) {
          this.rejectedEnergy++;
          dt *= 0.5;
          continue;
        }
      }
      break;
    }
    this.rp = s1.slice(0, N);
    this.rm = s1.slice(N);
    // Lie split (as pde/heatSplit.ts in 2D): the exact heat flow over the step just taken
    if (this.heat) {
      this.heat.apply(this.rp, this.temperature * dt);
      this.heat.apply(this.rm, this.temperature * dt);
    }
    this.t += dt;
    this.steps++;
    this.lastDt = dt;
    return dt;
  }

  /** Steps until t reaches `time` exactly (last step shortened). */
  advanceTo(time: number): void {
    while (this.t < time) {
      const rem = time - this.t;
      const dt = this.step(rem);
      if (dt >= rem) {
        this.t = time;
        break;
      }
    }
  }

  /** ξ at the cell centres for the current state (a copy). */
  potentialAtCentres(): Float64Array {
    this.potential(this.rp, this.rm);
    return Float64Array.from(this.xi);
  }
  energy(): number {
    return this.potential(this.rp, this.rm)[0];
  }
  masses(): [number, number] {
    return speciesMasses(this.rp, this.rm);
  }
  minRho(): number {
    return minDensity(this.rp, this.rm);
  }
  entropy(): number {
    return entropy(this.rp, this.rm);
  }
}
