import { CheckpointClock } from '../checkpoints';
import { dipoleStatistics } from '../diagnostics/dipoles';
import { gridBlocks, hMinusDistanceTo } from '../diagnostics/sobolev';
import type { Stepper } from '../integrate';
import type { FourierBlock } from '../pde/grid';
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
 * What a comparison sample reads of the PDE side: the Fourier blocks of its grid (|k|∞ ≤ 32, the
 * H^{−2} distance's cut-off) and two numbers of its state. Small, so a PDE thread can send it.
 */
export interface PdeView {
  blocks: { plus: FourierBlock; minus: FourierBlock };
  energy: number;
  entropy: number;
}

/** The PDE solver's state as a PdeView. */
export function pdeView(pde: PdeSolver): PdeView {
  return {
    blocks: gridBlocks(pde.N, pde.rhoPlus, pde.rhoMinus),
    energy: pde.energy(),
    entropy: pde.entropy(),
  };
}

/**
 * The comparison at time t of particles at `pos` (wrapped to [0,1)²) with energy `particleEnergy`
 * and the PDE state `pde`: one function for the co-stepped run and for a PDE on its own thread.
 */
export function comparisonSample(
  t: number,
  pos: Float64Array,
  signs: Int8Array,
  delta: number,
  particleEnergy: number,
  pde: PdeView,
): ComparisonSample {
  const d = hMinusDistanceTo({ pos, signs }, pde.blocks);
  const dip = dipoleStatistics({ pos, signs }, delta, { bins: 1 });
  return {
    t,
    dPlus: d.plus,
    dMinus: d.minus,
    particleEnergy,
    continuumEnergy: pde.energy,
    entropy: pde.entropy,
    boundFraction: dip.boundFraction,
    medianNearestOpposite: dip.median,
  };
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
    return comparisonSample(stepper.t, pos, signs, delta, stepper.energy(), pdeView(pde));
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
