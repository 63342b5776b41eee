import type { DensitySpec } from '../init/densities';
import type { DipoleOrientation } from '../init/dipoles';
import type { ExplicitParticle } from '../init/explicit';
import type { CoreModel, ExternalField, Geometry } from '../types';

/**
 * δ itself, or a rule evaluated at n (MATH §6, §9): power → δ = c·n^{−p}; log → δ = c/√(log n)
 * (natural log), the scaling of the convergence threshold √(3T/log n).
 */
export type DeltaSpec = number | { rule: 'power'; c: number; p: number } | { rule: 'log'; c: number };

export type SamplingMethod = 'stratified' | 'iid';
export const SAMPLING_METHODS: readonly SamplingMethod[] = ['stratified', 'iid'];

/** How the particles start (MATH §7). */
export type InitialSpec =
  | { kind: 'sample'; density: DensitySpec; sampling: SamplingMethod; seed: number }
  | { kind: 'dipoles'; density: DensitySpec; gamma: number; orientation: DipoleOrientation; seed: number }
  | { kind: 'explicit'; particles: ExplicitParticle[] };

export type InitialKind = InitialSpec['kind'];
export const INITIAL_KINDS: readonly InitialKind[] = ['sample', 'dipoles', 'explicit'];

/** The companion PDE (MATH §5): grid N (a power of two, 32…512, for the FFT) and its δ. */
export interface PdeSettings {
  enabled: boolean;
  grid: number;
  /** 'same': the particles' δ; 'limit': δ = 0 (up to grid resolution); or a number. */
  delta: 'same' | 'limit' | number;
  /**
   * The PDE's time scheme (MATH §5): absent = 'ssp33' (Shu–Osher SSP-RK3, so every older scenario
   * reads and runs as before); 'ssp43' (four-stage SSP-RK3, twice the step for four potential solves).
   * Stored only when it is 'ssp43'.
   */
  rk?: PdeScheme;
}

export type PdeScheme = 'ssp33' | 'ssp43';
export const PDE_SCHEMES: readonly PdeScheme[] = ['ssp33', 'ssp43'];

export type IntegratorMethod = 'auto' | 'explicit' | 'stiff';
export const INTEGRATOR_METHODS: readonly IntegratorMethod[] = ['auto', 'explicit', 'stiff'];

export interface IntegratorSettings {
  method: IntegratorMethod;
  rtol: number;
  atol: number;
}

/** θ itself, or θ = c·n^{−q} (MATH §13). */
export type TemperatureSpec = number | { rule: 'power'; c: number; q: number };

/** The noise of MATH §13: temperature θ ≥ 0 and the seed of the Brownian paths. */
export interface NoiseSpec {
  temperature: TemperatureSpec;
  /** uint32 seed of the virtual Brownian tree (src/model/noise/brownian.ts). */
  seed: number;
}

/** Everything needed to reproduce a run (MATH §9). JSON-serialisable; version 1. */
export interface Scenario {
  version: 1;
  /** 1: the circle T¹ (MATH §12); absent: the torus T². */
  dimension?: 1;
  geometry: Geometry;
  core: CoreModel;
  delta: DeltaSpec;
  /** Total number of particles (both signs), integer in [2, 200000]. */
  n: number;
  field: ExternalField;
  initial: InitialSpec;
  pde: PdeSettings;
  /** Time horizon, in (0, 1000]. */
  T: number;
  integrator: IntegratorSettings;
  /** Simulated time per wall-clock second (for the app's playback), in (0, 1000]. */
  rate: number;
  /** Noise (MATH §13); absent: θ = 0, so every noiseless scenario reads and links as before. */
  noise?: NoiseSpec;
}

export type ScenarioError = { field: string; message: string };
export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; error: ScenarioError };
