/**
 * The message API of the two simulation workers (exposed with comlink). Scenarios travel by
 * structured clone on (re)initialisation only; replies are the engines' (model/engines/types)
 * with their typed arrays transferred (Comlink.transfer), never JSON.
 */
import type { ParticleInitReply, ParticleReply, PdeInitReply, PdeReply } from '../model/engines/types';
import type { Scenario } from '../model/scenario/types';

export { CHECKPOINTS_PER_T } from '../model/checkpoints';
export type {
  ParticleCheckpoint,
  ParticleInitReply,
  ParticleReply,
  PdeCheckpoint,
  PdeInitReply,
  PdeReply,
  SpectrumPair,
} from '../model/engines/types';

/** Both workers: a lock held for the worker's whole life, so the page notices when it is gone. */
export interface LifeLine {
  /**
   * Resolves once the worker holds the Web Lock `name` (which it never releases: the browser
   * releases it when the worker is closed or terminated); false where Web Locks are unavailable.
   */
  holdLifeLock(name: string): Promise<boolean>;
}

export interface ParticleWorkerApi extends LifeLine {
  /** Build the initial configuration, kernel and stepper; t = 0. */
  init(scenario: Scenario, h: number): Promise<ParticleInitReply>;
  /** New dynamics (U, F, δ, core, geometry, tolerances) from the current positions and t. */
  update(scenario: Scenario): Promise<ParticleInitReply>;
  /** Back to the initial configuration (no resampling), t = 0. */
  reset(): Promise<ParticleReply>;
  /**
   * Step towards `target` (steps end on the checkpoint grid only, so the state may pass the
   * target, never the next checkpoint), returning after about `budgetMs` of work or once there.
   */
  advance(target: number, budgetMs: number): Promise<ParticleReply>;
}

export interface PdeWorkerApi extends LifeLine {
  init(scenario: Scenario, h: number): Promise<PdeInitReply>;
  /** New dynamics from the current densities and t. */
  update(scenario: Scenario): Promise<PdeInitReply>;
  reset(): Promise<PdeReply>;
  advance(target: number, budgetMs: number): Promise<PdeReply>;
}
