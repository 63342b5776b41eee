import type { Stepping } from '../checkpoints';
import type { PdeSolver } from './solver';

/**
 * The solver as a `Stepping` for CheckpointClock: one CFL step toward the goal, landing on it
 * exactly (advanceTo sets t = goal) when the last step size says one more step gets there.
 * The app's worker and `run --replay --pde` both step through this, so they take the same steps.
 */
export function pdeStepping(
  solver: Pick<PdeSolver, 't' | 'lastDt' | 'step' | 'advanceTo'>,
  beforeStep?: () => void,
): Stepping {
  return {
    get t() {
      return solver.t;
    },
    stepToward(goal: number) {
      const rem = goal - solver.t;
      if (rem <= 0) return;
      beforeStep?.();
      if (solver.lastDt >= rem) solver.advanceTo(goal);
      else solver.step(rem);
    },
  };
}
