/**
 * The message API of the two simulation workers (exposed with comlink). Scenarios travel by
 * structured clone on (re)initialisation only; per-frame replies carry typed arrays that are
 * transferred (Comlink.transfer), never JSON.
 *
 * Time is shared: both workers sample diagnostics at the checkpoints t_k = k·h (h fixed at init),
 * so the main thread can pair particle and PDE numbers that belong to the same simulated time.
 */
import type { FourierBlock } from '../model/pde/grid';
import type { Scenario } from '../model/scenario/types';

/** Fourier coefficients of μ± or ρ± for |k|∞ ≤ K (the model's FourierBlock layout). */
export interface SpectrumPair {
  plus: FourierBlock;
  minus: FourierBlock;
}

/** The Fourier cut-off |k|∞ ≤ K of the H⁻² distance (MATH §8); modes a grid cannot resolve count as 0. */
export const SPECTRUM_CUTOFF = 32;

export interface ParticleCheckpoint {
  k: number;
  t: number;
  /** E_n (MATH §3). */
  energy: number;
  /** Fraction of particles whose nearest opposite-sign neighbour is closer than a few δ. */
  boundFraction: number;
  /** μ̂± (MATH §8), for the H⁻² distance to ρ±. */
  spectrum: SpectrumPair | null;
}

export interface ParticleReply {
  t: number;
  /** Wrapped positions in [0,1)², interleaved; transferred. */
  pos: Float32Array;
  /** Accepted / rejected integrator steps since init. */
  steps: number;
  rejected: number;
  /** advance() calls answered by this worker since init: its own step counter. */
  calls: number;
  checkpoints: ParticleCheckpoint[];
}

export interface ParticleInitReply extends ParticleReply {
  n: number;
  signs: Int8Array;
  /** The resolved δ and λ_δ = ‖D²V_δ‖∞ of the kernel. */
  delta: number;
  lambda: number;
}

export interface ParticleWorkerApi {
  /** Build the initial configuration, kernel and stepper; t = 0. */
  init(scenario: Scenario, h: number): Promise<ParticleInitReply>;
  /** New dynamics (U, F, δ, core, geometry, tolerances) from the current positions and t. */
  update(scenario: Scenario): Promise<ParticleInitReply>;
  /** Back to the initial configuration (no resampling), t = 0. */
  reset(): Promise<ParticleReply>;
  /** Advance towards `target`, returning after about `budgetMs` of work or at the target. */
  advance(target: number, budgetMs: number): Promise<ParticleReply>;
}

export interface PdeCheckpoint {
  k: number;
  t: number;
  /** E_δ(ρ) (MATH §5). */
  energy: number;
  /** min over cells of ρ±, and the two masses (conservation is checked on screen). */
  minRho: number;
  massPlus: number;
  massMinus: number;
  /** ∫ρ+ log ρ+ + ρ− log ρ− (cell averages). */
  entropy: number;
  /** ρ̂± (MATH §11: DFT of cell averages, deconvolved by the cell sincs). */
  spectrum: SpectrumPair | null;
}

export interface PdeReply {
  t: number;
  N: number;
  /** Cell averages at j·N + i; transferred. */
  rhoPlus: Float32Array;
  rhoMinus: Float32Array;
  steps: number;
  calls: number;
  checkpoints: PdeCheckpoint[];
}

export interface PdeInitReply extends PdeReply {
  /** The PDE's δ (0 for the grid-limited δ → 0) and how to say it on screen. */
  delta: number;
  deltaLabel: string;
}

export interface PdeWorkerApi {
  init(scenario: Scenario, h: number): Promise<PdeInitReply>;
  /** New dynamics from the current densities and t. */
  update(scenario: Scenario): Promise<PdeInitReply>;
  reset(): Promise<PdeReply>;
  advance(target: number, budgetMs: number): Promise<PdeReply>;
}

export { CHECKPOINTS_PER_T } from '../model/checkpoints';
