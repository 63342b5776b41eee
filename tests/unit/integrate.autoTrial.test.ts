/**
 * The family switch of 'auto' (autoStepper.ts) with scripted engines: each accepted step of an
 * engine has a size and a cost given by a function of its step number since the engine started,
 * so what the policy keeps is known in advance. The facts: a trial whose start-up ramp is
 * expensive (the multirate method at Adams order 1) but which is cheaper per unit time afterwards
 * is kept; a trial expensive throughout (the W-method on slip data) is ended early, after no more
 * than ABORT_AFTER steps' worth of its cost; a trial that ends in its old engine restarts it at
 * the trial's end state.
 */
import { describe, expect, it } from 'vitest';
import { AutoStepper, type CountedStepper, type Family } from '../../src/model/integrate/autoStepper';
import { ROS34PW2 } from '../../src/model/integrate/rosenbrockW';

/** (size, cost) of accepted step k (0-based) of an engine of a family. */
type Script = (k: number) => { h: number; cost: number };

class ScriptedEngine implements CountedStepper {
  t: number;
  readonly unwrapped: Float64Array;
  steps = 0;
  rejected = 0;
  evaluations = 0;
  energyEvaluations = 0;
  energyRejected = 0;
  switches = 0;
  stiffness = 0;
  readonly stiffTableau = ROS34PW2;
  cost = 0;
  constructor(
    readonly family: Family,
    private readonly script: Script,
    pos: Float64Array,
    t: number,
  ) {
    this.t = t;
    this.unwrapped = Float64Array.from(pos);
  }
  get method() {
    return this.family === 'multirate' ? ('multirate' as const) : ('explicit' as const);
  }
  get proposal(): number {
    return this.script(this.steps).h;
  }
  wrapped(out = new Float64Array(this.unwrapped.length)): Float64Array {
    out.set(this.unwrapped);
    return out;
  }
  energy(): number {
    return 0;
  }
  forceStep(h: number): void {
    this.t += h;
  }
  step(): number {
    return this.stepToward(Number.POSITIVE_INFINITY);
  }
  stepToward(tEnd: number): number {
    const { h, cost } = this.script(this.steps);
    const hh = Math.min(h, tEnd - this.t);
    this.t += hh;
    this.cost += cost;
    this.evaluations += cost;
    this.steps++;
    // the state records which family moved it (for the restart check)
    this.unwrapped[0] += this.family === 'multirate' ? 1 : 1000;
    return hh;
  }
  advanceTo(target: number): void {
    while (this.t < target) this.stepToward(target);
  }
}

/** The particle family: steps of 1e-4 at cost 6 (Dormand–Prince): rate 6e4 per unit time. */
const particle: Script = () => ({ h: 1e-4, cost: 6 });

function run(multirate: Script, T: number) {
  const made: ScriptedEngine[] = [];
  const auto = new AutoStepper(
    (family, pos, t) => {
      const e = new ScriptedEngine(family, family === 'particle' ? particle : multirate, pos, t);
      made.push(e);
      return e;
    },
    () => true, // always fast pairs: the multirate family may be tried
    'particle',
    new Float64Array(2),
    1e6,
  );
  auto.advanceTo(T);
  return { auto, made };
}

describe('auto: trials of the other family', () => {
  it('keeps a trial whose start-up is costly but whose rate after it is lower', () => {
    // the multirate method's ramp as traced on i.i.d. n = 1000, δ = 1/n, U = cos 2πx₁ (t = 2.1e-3):
    // 4 steps over 8e-5 costing 17.5 (its rejected guesses included), 3.6× the particle rate,
    // then steps of 1.2e-4 at cost 3.3 (rate 2.75e4, under 0.9 × 6e4)
    const H = [4e-6, 4e-6, 1.6e-5, 5.6e-5, 1.8e-4];
    const C = [10.2, 2.3, 2.4, 2.6, 3.5];
    const ramp: Script = (k) => (k < H.length ? { h: H[k], cost: C[k] } : { h: 1.2e-4, cost: 3.3 });
    const { auto, made } = run(ramp, 0.02);
    expect(made.map((e) => e.family)).toEqual(['particle', 'multirate']);
    expect(auto.method).toBe('multirate');
  });

  it('ends a trial that is costly throughout, early', () => {
    // 20× the particle family's rate from the first step to the last
    const costly: Script = () => ({ h: 1e-4, cost: 120 });
    const { made } = run(costly, 0.01);
    // the trials that ended before T (the last engine may be one cut short by T)
    const trials = made.slice(0, -1).filter((e) => e.family === 'multirate');
    expect(trials.length).toBeGreaterThan(0);
    // each ended after ABORT_AFTER = WARMUP + 4 = 10 steps, not after the full WARMUP + WINDOW = 18
    for (const t of trials) expect(t.steps).toBe(10);
    // and the engine that follows a failed trial is the old family, started where the trial ended
    for (let k = 0; k < made.length - 1; k++)
      if (made[k].family === 'multirate') {
        expect(made[k + 1].family).toBe('particle');
        expect(made[k + 1].unwrapped[0]).toBeGreaterThanOrEqual(made[k].unwrapped[0]);
      }
  });

  it('sends back a trial that is not cheaper after its start-up (KEEP = 0.9)', () => {
    // 0.95 × the particle rate after the ramp: run to the end of the window, then given up
    const close: Script = (k) => (k < 4 ? { h: 1e-5, cost: 2 } : { h: 1e-4, cost: 5.7 });
    const { made } = run(close, 0.01);
    const trials = made.slice(0, -1).filter((e) => e.family === 'multirate');
    expect(trials.length).toBeGreaterThan(0);
    for (const t of trials) expect(t.steps).toBe(18);
  });
});
