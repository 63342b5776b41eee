/**
 * The finite-volume solver object (scheme: solver.ts): validates the options, owns the state and
 * the counters, and wires the parts — ξ by FFT (potentialEvaluator.ts), the fused stage pass
 * (stage.ts), the dt rule, SSP-RK3 and the acceptance tests (timeStep.ts), the diagnostics
 * (diagnostics.ts).
 *
 * The state's ξ, energy, face speeds and max(ρ+ + ρ−) are kept between steps: an accepted step's
 * energy test already evaluated ξ of the new state, so each step costs 3 convolutions, not 4.
 */

import { RealFFT2D } from '../fft2';
import type { CoreModel, ExternalField, Geometry } from '../types';
import { densityCoefficients, entropy, minDensity, speciesMasses } from './diagnostics';
import type { FourierBlock } from './grid';
import { PotentialEvaluator } from './potentialEvaluator';
import { deltaLabel, maxRateSymbol, potentialMultiplier } from './potentialSymbol';
import { runStage, StageWorkspace } from './stage';
import { flushTiny } from './stageRows';
import {
  adaptiveDt,
  type DtLimits,
  dtLimits,
  energyRose,
  MAX_HALVINGS,
  maxFaceSpeed,
  StepBuffers,
  sspRk3,
  sspRk43,
} from './timeStep';
import type { PdeOptions, PdeSolver } from './types';

const THETA_DEFAULT = 2;

export class FvSolver implements PdeSolver {
  readonly N: number;
  readonly geometry: Geometry;
  readonly core: CoreModel;
  readonly delta: number;
  readonly label: string;
  t: number;
  steps = 0;
  rejectedEnergy = 0;
  rejectedPositivity = 0;
  energyWarnings = 0;
  lastDt = 0;

  private readonly limits: DtLimits;
  private readonly plan: RealFFT2D;
  /** Λ/max(ρ+ + ρ−) (maxRateSymbol). */
  private readonly symMax: number;
  private readonly xiEval: PotentialEvaluator;
  private readonly ws: StageWorkspace;
  private readonly buf: StepBuffers;
  private hasForce = false;
  private readonly rk: typeof sspRk3;

  // Quantities of the current state.
  private xiValid = false;
  private E0 = 0;
  private Escale0 = 0;
  private ax0 = 0;
  private ay0 = 0;
  private maxSum0 = 0;

  constructor(opts: PdeOptions) {
    const N = opts.N;
    this.N = N;
    this.geometry = opts.geometry;
    this.core = opts.core ?? 'gaussian';
    const delta = opts.delta === 'limit' ? 0 : opts.delta;
    if (!(delta >= 0)) throw new Error(`createPdeSolver: δ must be ≥ 0 or 'limit', got ${opts.delta}`);
    this.delta = delta;
    this.label = deltaLabel(opts.delta, N);
    this.limits = dtLimits(opts);
    this.rk = opts.rk === 'ssp43' ? sspRk43 : sspRk3;
    const theta = opts.limiterTheta ?? THETA_DEFAULT;
    if (!(theta >= 1 && theta <= 2))
      throw new Error(`createPdeSolver: limiterTheta must be in [1, 2], got ${theta}`);
    this.t = opts.t0 ?? 0;
    const NN = N * N;
    if (opts.rhoPlus.length !== NN || opts.rhoMinus.length !== NN)
      throw new Error(`createPdeSolver: densities must have length N² = ${NN}`);
    const slip = this.geometry === 'slip';
    this.plan = new RealFFT2D(N);
    const spec = { geometry: this.geometry, core: this.core, delta };
    const mult = potentialMultiplier(this.plan, spec);
    this.symMax = maxRateSymbol(N, spec, slip);
    // the state, the stage buffers and U at the centres (N² more, PotentialEvaluator's) in the stage
    // module's memory (stageWasm.ts), so its passes run there
    this.ws = new StageWorkspace(N, slip, theta, StepBuffers.doubles(NN) + NN);
    const mem = this.ws.mem;
    this.buf = new StepBuffers(opts.rhoPlus, opts.rhoMinus, (len) => mem.alloc(len));
    this.xiEval = new PotentialEvaluator(this.plan, mult, slip, mem);
    this.setField(opts.field ?? { modes: [], force: [0, 0] });
  }

  get rhoPlus(): Float64Array {
    return this.buf.rp;
  }
  get rhoMinus(): Float64Array {
    return this.buf.rm;
  }
  get potential(): Float64Array {
    this.ensurePotential();
    return this.buf.xi0;
  }
  get rejected(): number {
    return this.rejectedEnergy + this.rejectedPositivity;
  }

  setField(f: ExternalField): void {
    const ws = this.ws;
    ws.F1 = f.force[0];
    ws.F2 = ws.slip ? 0 : f.force[1];
    this.hasForce = ws.F1 !== 0 || ws.F2 !== 0;
    this.xiEval.setField(f);
    this.xiValid = false;
  }

  setDensities(p: ArrayLike<number>, m: ArrayLike<number>, t?: number): void {
    const NN = this.N * this.N;
    if (p.length !== NN || m.length !== NN) throw new Error('setDensities: length must be N²');
    const { rp, rm } = this.buf;
    rp.set(p);
    rm.set(m);
    flushTiny(this.buf.u);
    if (t !== undefined) this.t = t;
    this.xiValid = false;
  }

  /** a_x, a_y of the state whose potential was evaluated last (ws.stats[4..7]). */
  private updateSpeeds(): void {
    const { N, ws } = this;
    const s = ws.stats;
    this.ax0 = maxFaceSpeed(s[4], s[5], N, ws.F1);
    this.ay0 = ws.slip ? 0 : maxFaceSpeed(s[6], s[7], N, ws.F2);
  }

  private ensurePotential(): void {
    if (this.xiValid) return;
    const { rp, rm } = this.buf;
    const kap = this.ws.kappa;
    let mx = 0;
    for (let q = 0; q < kap.length; q++) {
      kap[q] = rp[q] - rm[q];
      if (rp[q] + rm[q] > mx) mx = rp[q] + rm[q];
    }
    this.xiEval.evaluate(this.buf.xi0, kap, rp, rm, this.ws.stats);
    this.E0 = this.ws.stats[2];
    this.Escale0 = this.ws.stats[3];
    this.updateSpeeds();
    this.maxSum0 = mx;
    this.xiValid = true;
  }

  step(maxDt?: number): number {
    this.ensurePotential();
    const lam = this.maxSum0 * this.symMax;
    let dt = adaptiveDt(this.limits, 1 / this.N, this.ax0 + this.ay0, lam, maxDt);
    if (!(dt > 0)) return 0;
    const checkEnergy = !this.hasForce;
    const { ws, buf, xiEval } = this;
    const st = ws.stats;
    let maxSumNew = 0;
    for (let attempt = 0; ; attempt++) {
      if (!this.rk(ws, xiEval, buf, dt)) {
        this.rejectedPositivity++;
        dt *= 0.5;
        continue;
      }
      maxSumNew = st[1];
      xiEval.evaluate(buf.xiS, ws.kappa, buf.cp, buf.cm, st);
      if (checkEnergy && energyRose(this.E0, this.Escale0, st[2], st[3])) {
        if (attempt < MAX_HALVINGS) {
          this.rejectedEnergy++;
          dt *= 0.5;
          continue;
        }
        this.energyWarnings++;
      }
      break;
    }
    buf.accept();
    this.E0 = st[2];
    this.Escale0 = st[3];
    this.updateSpeeds();
    this.maxSum0 = maxSumNew;
    this.t += dt;
    this.steps++;
    this.lastDt = dt;
    return dt;
  }

  advanceTo(time: number): number {
    let n = 0;
    while (this.t < time) {
      const rem = time - this.t;
      const dt = this.step(rem);
      n++;
      if (dt >= rem) {
        this.t = time;
        break;
      }
      if (dt === 0) break;
    }
    return n;
  }

  energy(): number {
    this.ensurePotential();
    return this.E0;
  }

  masses(): [number, number] {
    return speciesMasses(this.buf.rp, this.buf.rm);
  }

  minRho(): number {
    return minDensity(this.buf.rp, this.buf.rm);
  }

  entropy(): number {
    return entropy(this.buf.rp, this.buf.rm);
  }

  rhs(outPlus: Float64Array, outMinus: Float64Array): void {
    this.ensurePotential();
    const { u, xi0, mid } = this.buf;
    const NN = this.N * this.N;
    runStage(this.ws, u, u, xi0, mid, 0, 0, 1);
    outPlus.set(mid.subarray(0, NN));
    outMinus.set(mid.subarray(NN));
  }

  coefficients(K: number, which: 'kappa' | 'plus' | 'minus' = 'kappa'): FourierBlock {
    return densityCoefficients(this.plan, this.buf.rp, this.buf.rm, K, which);
  }

  kappaHat(K: number): FourierBlock {
    return this.coefficients(K, 'kappa');
  }
}
