import type { Scenario } from './scenario/types';

/**
 * Diagnostics are sampled, and steps end, exactly at t_k = k·h with h = T / CHECKPOINTS_PER_T.
 * Part of what a scenario means: the app and `run --replay` step on this grid, so a link replays
 * the same run bit for bit.
 */
export const CHECKPOINTS_PER_T = 200;

export function checkpointInterval(s: Pick<Scenario, 'T'>): number {
  return s.T / CHECKPOINTS_PER_T;
}

/** Something that integrates forward in time one natural step at a time. */
export interface Stepping {
  readonly t: number;
  /** One step of the method's own size, but never beyond tEnd (landing exactly on it). */
  stepToward(tEnd: number): void;
}

/**
 * Advances a simulation towards a target within a wall-clock budget, step by step (the
 * integrator keeps its own step sizes), stopping exactly on every checkpoint t_k = k·h on the
 * way so diagnostics are sampled on a grid shared by both workers.
 *
 * Steps are clipped at checkpoints only, never at the target: the target follows the wall clock,
 * and clipping at it would make the trajectory depend on the machine's speed. So the sequence of
 * steps is a function of the scenario alone (a shared link replays the same run bit for bit), at
 * the price of overshooting the target by less than one step (never past the next checkpoint).
 */
export class CheckpointClock {
  /** Index of the last checkpoint reached. */
  lastK = 0;

  constructor(readonly h: number) {}

  /** Restart the bookkeeping at time t (after init, reset or a hot swap). */
  resetAt(t: number): void {
    this.lastK = Math.floor(t / this.h + 1e-9);
  }

  run(sim: Stepping, target: number, budgetMs: number, onCheckpoint: (k: number) => void): void {
    const start = performance.now();
    const eps = 1e-12 * Math.max(1, target);
    while (sim.t < target - eps) {
      const k = this.lastK + 1;
      const tc = k * this.h;
      sim.stepToward(tc);
      if (sim.t >= tc - 1e-12 * Math.max(1, tc)) {
        this.lastK = k;
        onCheckpoint(k);
      }
      if (performance.now() - start > budgetMs) break;
    }
  }
}
