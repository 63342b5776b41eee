import type { Scenario } from './types';

/**
 * Diagnostics are sampled, and steps end, exactly at t_k = k·h with h = T / CHECKPOINTS_PER_T.
 * Part of what a scenario means: the app and `run --replay` step on this grid, so a link replays
 * the same run bit for bit.
 */
export const CHECKPOINTS_PER_T = 200;

export function checkpointInterval(s: Pick<Scenario, 'T'>): number {
  return s.T / CHECKPOINTS_PER_T;
}
