/**
 * The one choice of the particles' time stepper for a run (MATH §11, §13): with temperature θ > 0
 * the drift-implicit noisy stepper on its fixed dyadic grid, else the adaptive integrator of the
 * scenario. The app's particle worker (ParticleEngine) and `run`/`sweep` (simulate) both call
 * createRunStepper, so they cannot choose differently.
 */
import type { ParticleSystem } from '../dynamics/particleSystem';
import { wrapAll } from '../init/torus';
import { createStepper, type IntegratorOptions, type Stepper } from '../integrate';
import { NoisyStepper } from './stepper';

/** The noise of a run: θ (resolved at n) and the seed of the Brownian paths. */
export interface RunNoise {
  temperature: number;
  seed: number;
}

export function createRunStepper(
  system: ParticleSystem,
  pos0: Float64Array,
  integrator: IntegratorOptions,
  noise?: RunNoise,
  /** Time of pos0 on the Brownian path (a restarted stepper continues the path). */
  origin = 0,
): Stepper {
  if (noise && noise.temperature > 0) return new NoisyRunStepper(system, pos0, noise, origin);
  return createStepper(system, pos0, integrator);
}

/**
 * NoisyStepper behind the integrators' Stepper interface. A step is one grid step (dt = 2^−m), or
 * less when the caller's stop comes first; a state between grid points is the stepper's unkept
 * partial step, so the positions at time t are a function of t alone, whatever sequence of stops
 * led there (checkpoints, samples, `--replay` or not): the same run bit for bit.
 */
class NoisyRunStepper implements Stepper {
  t = 0;
  evaluations = 0;
  energyEvaluations = 0;
  readonly switches = 0;
  /** Drift-implicit: the near-pair Jacobian is solved at every step. */
  readonly method = 'stiff' as const;
  readonly rejected = 0;
  private readonly inner: NoisyStepper;
  private readonly pos: Float64Array;
  /** E_n of the current state once computed (integrate() asks twice per step). */
  private energyNow = Number.NaN;

  constructor(
    private readonly system: ParticleSystem,
    pos0: Float64Array,
    noise: RunNoise,
    origin: number,
  ) {
    if (pos0.length !== 2 * system.n)
      throw new RangeError(`integrator: expected ${2 * system.n} coordinates, got ${pos0.length}`);
    this.inner = new NoisyStepper(system, pos0, {
      temperature: noise.temperature,
      seed: noise.seed,
      delta: system.kernel.spec.delta,
      origin,
    });
    this.pos = Float64Array.from(pos0);
  }

  /** Grid steps kept so far (partial steps towards off-grid stops are not counted). */
  get steps(): number {
    return this.inner.steps;
  }

  get unwrapped(): Float64Array {
    return this.pos;
  }

  /** The noise grid step dt. */
  get dt(): number {
    return this.inner.dt;
  }

  wrapped(out?: Float64Array): Float64Array {
    return wrapAll(this.pos, out);
  }

  advanceTo(t: number): void {
    if (!(t >= this.t)) throw new RangeError(`noise: advanceTo(${t}) before t = ${this.t}`);
    if (t === this.t) return;
    const before = this.inner.steps + this.inner.substeps;
    this.inner.advanceTo(t, this.pos);
    this.energyNow = Number.NaN;
    // one velocity evaluation per grid step and per halving, plus the partial step if any
    this.evaluations += this.inner.steps + this.inner.substeps - before + (t > this.inner.gridTime ? 1 : 0);
    this.t = t;
    for (let i = 0; i < this.pos.length; i++)
      if (!Number.isFinite(this.pos[i]))
        throw new Error(`integrator: non-finite position at t = ${t} (noisy stepper, coordinate ${i})`);
  }

  step(): number {
    return this.stepToward(Number.POSITIVE_INFINITY);
  }

  stepToward(tEnd: number): number {
    const t0 = this.t;
    const next = Math.min(this.inner.gridTime + this.inner.dt, tEnd);
    if (next > t0) this.advanceTo(next);
    return this.t - t0;
  }

  energy(): number {
    if (Number.isNaN(this.energyNow)) {
      this.energyEvaluations++;
      this.energyNow = this.system.energy(this.pos);
    }
    return this.energyNow;
  }
}
