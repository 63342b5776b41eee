/**
 * What the two engines hand back after init and after every budgeted advance (the worker
 * protocol carries these unchanged). Every reply is the engine's own state at its own time t: a
 * state the integrator has really reached, never an interpolation. Time is shared: both engines
 * sample diagnostics at the checkpoints t_k = k·h (h fixed at init), so numbers from the two
 * sides that carry the same k belong to the same simulated time.
 */
import type { FourierBlock } from '../pde/grid';

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
  /** Fraction of particles whose nearest opposite-sign neighbour is closer than boundRadius. */
  boundFraction: number;
  /** μ̂± (MATH §8), for the H⁻² distance to ρ±. */
  spectrum: SpectrumPair | null;
}

export interface ParticleReply {
  /** The state's time (on the checkpoint grid whenever a checkpoint was the last thing reached). */
  t: number;
  /** Wrapped positions in [0,1)², interleaved, float64 (the state itself); transferred. */
  pos: Float64Array;
  /**
   * Distance from each particle to its nearest opposite-sign neighbour (minimum image), for the
   * bound-dipole glyph; null when unchanged since the previous reply's (recomputed a few times a
   * second and at every checkpoint).
   */
  near: Float32Array | null;
  /** Accepted / rejected integrator steps since init. */
  steps: number;
  rejected: number;
  /** advance() calls answered since init: the engine's own step counter. */
  calls: number;
  checkpoints: ParticleCheckpoint[];
}

export interface ParticleInitReply extends ParticleReply {
  n: number;
  signs: Int8Array;
  /** λ_δ = ‖D²V_δ‖∞ of the kernel. */
  lambda: number;
  /** Nearest opposite-sign distance below which a particle counts as part of a bound dipole. */
  boundRadius: number;
  /** How this worker's sums and cluster solves use threads (one line: helpers and why). */
  threads: string;
}

export interface PdeCheckpoint {
  k: number;
  t: number;
  /** E_δ(ρ) (MATH §5). */
  energy: number;
  /** With noise θ > 0 only: the free energy F = E + θ∫(ρ+ log ρ+ + ρ− log ρ−) (MATH §13). */
  freeEnergy?: number;
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
