import { CheckpointClock } from '../checkpoints';
import { dipoleStatistics } from '../diagnostics/dipoles';
import { hMinusDistance } from '../diagnostics/sobolev';
import type { Stepper } from '../integrate';
import type { PdeSolver } from '../pde/solver';
import { pdeStepping } from '../pde/stepping';

/** One sample of the particle–continuum comparison (MATH §8). */
export interface ComparisonSample {
  t: number;
  /** ‖μ± − ρ±‖_{H^{−2}}, |k|∞ ≤ 32 (norms, not squared). */
  dPlus: number;
  dMinus: number;
  particleEnergy: number;
  continuumEnergy: number;
  /** ∫ρ+ log ρ+ + ρ− log ρ− of the PDE state (cell averages). */
  entropy: number;
  /** Fraction of particles in bound dipoles (dipoleStatistics: partner closer than min(3δ, ¼n^{−1/2})), and the median nearest opposite-sign distance. */
  boundFraction: number;
  medianNearestOpposite: number;
}

/**
 * Particles and PDE advanced to common times. Each side keeps its own clock and can also be
 * stepped on its own (the app runs them on two threads); this object only lines them up.
 * With `stopEvery` both sides step exactly as the app's workers do (CheckpointClock on that grid),
 * so at grid times the states are the app's bit for bit; advanceTo then expects grid times.
 */
export function createSideBySide(
  stepper: Stepper,
  pde: PdeSolver,
  signs: Int8Array,
  delta: number,
  stopEvery?: number,
) {
  const pos = new Float64Array(2 * signs.length);
  const clocks = stopEvery
    ? { particles: new CheckpointClock(stopEvery), pde: new CheckpointClock(stopEvery) }
    : null;
  function sample(): ComparisonSample {
    stepper.wrapped(pos);
    const d = hMinusDistance({ pos, signs }, pde.N, pde.rhoPlus, pde.rhoMinus);
    const dip = dipoleStatistics({ pos, signs }, delta, { bins: 1 });
    return {
      t: stepper.t,
      dPlus: d.plus,
      dMinus: d.minus,
      particleEnergy: stepper.energy(),
      continuumEnergy: pde.energy(),
      entropy: pde.entropy(),
      boundFraction: dip.boundFraction,
      medianNearestOpposite: dip.median,
    };
  }
  return {
    sample,
    /** Advance both sides to t and compare them there. */
    advanceTo(t: number): ComparisonSample {
      if (clocks) {
        clocks.particles.run(stepper, t, Number.POSITIVE_INFINITY, () => {});
        clocks.pde.run(pdeStepping(pde), t, Number.POSITIVE_INFINITY, () => {});
      } else {
        stepper.advanceTo(t);
        pde.advanceTo(t);
      }
      return sample();
    },
  };
}
