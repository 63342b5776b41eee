import { CheckpointClock } from '../checkpoints';
import { dipoleStatistics, nearestOppositeDistances } from '../diagnostics/dipoles';
import { empiricalCoefficients } from '../diagnostics/sobolev';
import { createSystem } from '../dynamics/createSystem';
import type { ParticleSystem } from '../dynamics/particleSystem';
import type { Stepper } from '../integrate';
import { particleThreadsStatus } from '../integrate/clusterShare';
import { makeKernel, type PairKernel } from '../kernels';
import { createRunStepper } from '../noise/runStepper';
import {
  buildSystem1d,
  firstStep1d,
  initialConfiguration1d,
  isCircle,
  particleSpectrum1d,
} from '../oneD/engine1d';
import { resolveDelta } from '../scenario/delta';
import { initialConfiguration } from '../scenario/initial';
import { resolveNoise } from '../scenario/noise';
import type { Scenario } from '../scenario/types';
import type { InteractionSpec } from '../types';
import {
  type ParticleCheckpoint,
  type ParticleInitReply,
  type ParticleReply,
  SPECTRUM_CUTOFF,
} from './types';

/** Nearest opposite-sign distances (for the bound-dipole glyph) are refreshed at most this often. */
const NEAR_REFRESH_MS = 150;

type System = ParticleSystem;

interface Run {
  scenario: Scenario;
  signs: Int8Array;
  pos0: Float64Array;
  system: System;
  /**
   * Created on the first advance: building one evaluates the velocities, an O(n²) sum for the
   * direct kernel, so a large-n scenario still opens (and shows its particles) at once.
   */
  stepper: Stepper | null;
  /** Unwrapped positions at t0 (the state before the current stepper existed). */
  pos: Float64Array;
  /** Simulated time at which the current stepper started (hot swaps keep the clock running). */
  t0: number;
  /** Steps of earlier steppers of this run (hot swaps). */
  stepsBefore: number;
  rejectedBefore: number;
  clock: CheckpointClock;
  calls: number;
  pending: ParticleCheckpoint[];
  /** Nearest opposite-sign distances of a recent state; sent once (fresh), then null until renewed. */
  near: Float32Array;
  nearFresh: boolean;
  nearAt: number;
  boundRadius: number;
}

/** The last kernel built: a U/F/tolerance change reuses it (building one costs up to ~0.7 s). */
let cachedKernel: { key: string; kernel: PairKernel } | null = null;

function kernelFor(spec: InteractionSpec): PairKernel {
  const key = `${spec.geometry}:${spec.core}:${spec.delta}`;
  if (cachedKernel?.key !== key) cachedKernel = { key, kernel: makeKernel(spec) };
  return cachedKernel.kernel;
}

function buildSystem(s: Scenario, signs: Int8Array): System {
  if (isCircle(s)) return buildSystem1d(s, signs);
  const spec: InteractionSpec = { geometry: s.geometry, core: s.core, delta: resolveDelta(s) };
  return createSystem(spec, s.field, signs, kernelFor(spec));
}

/** Into [0,1)²; out may be pos itself. */
function wrap(pos: Float64Array, out: Float64Array = new Float64Array(pos.length)): Float64Array {
  for (let i = 0; i < pos.length; i++) out[i] = pos[i] - Math.floor(pos[i]);
  return out;
}

function assertFinite(a: ArrayLike<number>, what: string): void {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new Error(`${what} became non-finite (entry ${i})`);
  }
}

/**
 * The particle side of a run, DOM-free: initial configuration, system and stepper from the model,
 * advanced in budgeted chunks with diagnostics at the shared checkpoints.
 */
export class ParticleEngine {
  private run: Run | null = null;

  init(scenario: Scenario, h: number): ParticleInitReply {
    const config = isCircle(scenario) ? initialConfiguration1d(scenario) : initialConfiguration(scenario);
    this.run = {
      scenario,
      signs: config.signs,
      pos0: Float64Array.from(config.pos),
      system: buildSystem(scenario, config.signs),
      stepper: null,
      pos: Float64Array.from(config.pos),
      t0: 0,
      stepsBefore: 0,
      rejectedBefore: 0,
      clock: new CheckpointClock(h),
      calls: 0,
      pending: [],
      near: new Float32Array(0),
      nearFresh: false,
      nearAt: 0,
      boundRadius: 0,
    };
    this.checkpoint(0);
    return this.initReply();
  }

  update(scenario: Scenario): ParticleInitReply {
    const r = this.need();
    const t = this.time();
    if (r.stepper) {
      r.pos = Float64Array.from(r.stepper.unwrapped);
      r.stepsBefore += r.stepper.steps;
      r.rejectedBefore += r.stepper.rejected;
    }
    Object.assign(r, { scenario, system: buildSystem(scenario, r.signs), stepper: null, t0: t });
    r.clock.resetAt(t);
    this.refreshNear(true);
    return this.initReply();
  }

  reset(): ParticleReply {
    const r = this.need();
    Object.assign(r, {
      stepper: null,
      pos: Float64Array.from(r.pos0),
      t0: 0,
      stepsBefore: 0,
      rejectedBefore: 0,
      calls: 0,
      pending: [],
    });
    r.clock.resetAt(0);
    this.checkpoint(0);
    return this.reply();
  }

  advance(target: number, budgetMs: number): ParticleReply {
    const r = this.need();
    r.calls++;
    const stepper = this.stepper();
    const sim = {
      get t() {
        return r.t0 + stepper.t;
      },
      stepToward: (t: number) => stepper.stepToward(t - r.t0),
    };
    r.clock.run(sim, target, budgetMs, (k) => this.checkpoint(k));
    this.refreshNear(false);
    return this.reply();
  }

  private need(): Run {
    if (!this.run) throw new Error('particle worker used before init');
    return this.run;
  }

  private stepper(): Stepper {
    const r = this.need();
    if (!r.stepper) {
      const s = r.scenario;
      const opts = isCircle(s) ? { h0: firstStep1d(s), ...s.integrator } : s.integrator;
      // after a hot swap (t0 > 0) a noisy stepper continues the Brownian path at t0
      r.stepper = createRunStepper(r.system, r.pos, opts, resolveNoise(s), r.t0);
    }
    return r.stepper;
  }

  private time(): number {
    const r = this.need();
    return r.t0 + (r.stepper?.t ?? 0);
  }

  private unwrapped(): Float64Array {
    const r = this.need();
    return r.stepper ? r.stepper.unwrapped : r.pos;
  }

  private checkpoint(k: number): void {
    const r = this.need();
    const energy = r.system.energy(this.unwrapped()); // O(n log n) by the fast sum for large n
    const config = { pos: wrap(this.unwrapped()), signs: r.signs };
    const spectrum = isCircle(r.scenario)
      ? particleSpectrum1d(config.pos, r.signs, SPECTRUM_CUTOFF)
      : empiricalCoefficients(config, SPECTRUM_CUTOFF);
    const { boundFraction } = this.measureDipoles(config.pos);
    r.pending.push({ k, t: this.time(), energy, boundFraction, spectrum });
  }

  /** Dipole statistics of the current state; renews the distances sent for the glyphs. */
  private measureDipoles(wrapped: Float64Array): { boundFraction: number } {
    const r = this.need();
    const n = r.signs.length;
    // "bound" stays below a quarter of the typical spacing: 1/√n on T², 1/n on the circle
    const spacingFraction = isCircle(r.scenario) ? 0.25 / Math.sqrt(n) : undefined;
    const stats = dipoleStatistics({ pos: wrapped, signs: r.signs }, resolveDelta(r.scenario), {
      bins: 8,
      spacingFraction,
    });
    r.boundRadius = stats.boundRadius;
    this.setNear(stats.distances);
    return stats;
  }

  private setNear(distances: Float64Array): void {
    const r = this.need();
    r.near = Float32Array.from(distances);
    r.nearFresh = true;
    r.nearAt = performance.now();
  }

  /** Renew the nearest-neighbour distances if they are older than NEAR_REFRESH_MS (or if forced). */
  private refreshNear(force: boolean): void {
    const r = this.need();
    if (force) this.measureDipoles(wrap(this.unwrapped()));
    else if (!r.nearFresh && performance.now() - r.nearAt >= NEAR_REFRESH_MS)
      this.setNear(nearestOppositeDistances({ pos: wrap(this.unwrapped()), signs: r.signs }));
  }

  private reply(): ParticleReply {
    const r = this.need();
    const pos = wrap(this.unwrapped());
    assertFinite(pos, 'particle positions');
    const checkpoints = r.pending;
    r.pending = [];
    const near = r.nearFresh ? r.near : null;
    r.nearFresh = false;
    return {
      t: this.time(),
      pos,
      near,
      steps: r.stepsBefore + (r.stepper?.steps ?? 0),
      rejected: r.rejectedBefore + (r.stepper?.rejected ?? 0),
      calls: r.calls,
      checkpoints,
    };
  }

  private initReply(): ParticleInitReply {
    const r = this.need();
    return {
      ...this.reply(),
      n: r.signs.length,
      signs: Int8Array.from(r.signs),
      lambda: r.system.kernel.lambda,
      boundRadius: r.boundRadius,
      threads: particleThreadsStatus(),
    };
  }
}
