import type { ParticleCheckpoint, PdeCheckpoint } from '../model/engines/types';
import type { ParticleWorkerApi, PdeWorkerApi } from '../worker/protocol';
import type { DiagnosticSeries } from './diagnosticSeries';
import type { FrameStore } from './displayFrames';
import type { SpectrumJoin } from './spectrumJoin';
import type { RunState } from './store';

/** The runner's vocabulary: its dependencies, its view of each side, and checkpoint bookkeeping. */

/** A worker as the runner sees it (a comlink proxy in the app, an in-process engine in tests). */
export interface WorkerLink<Api> {
  readonly api: Api;
  /** Whether a silent stop of the worker would be noticed. */
  readonly watched?: Promise<boolean>;
  terminate(): void;
}

export interface RunnerDeps {
  spawnParticles(onDeath: (message: string) => void): WorkerLink<ParticleWorkerApi>;
  spawnPde(onDeath: (message: string) => void): WorkerLink<PdeWorkerApi>;
  series: DiagnosticSeries;
  spectra: SpectrumJoin;
  frames: FrameStore;
  /** Shallow-merge into the HUD's run state. */
  report(patch: Partial<RunState>): void;
}

export interface Side {
  /** Time of the newest state the worker returned. */
  t: number;
  inFlight: boolean;
  /** When the request in flight was sent (ms). */
  sentAt: number;
  steps: number;
  rejected: number;
  calls: number;
  watched: boolean;
}

export const freshSide = (watched = false): Side => ({
  t: 0,
  inFlight: false,
  sentAt: 0,
  steps: 0,
  rejected: 0,
  calls: 0,
  watched,
});

/** Diagnostics of the particle side's checkpoints into the series (and the spectra to pair). */
export function recordParticleCheckpoints(
  deps: Pick<RunnerDeps, 'series' | 'spectra'>,
  checkpoints: ParticleCheckpoint[],
  pdeOn: boolean,
): void {
  for (const c of checkpoints) {
    deps.series.record(c.k, 'energyParticles', c.energy);
    deps.series.record(c.k, 'boundFraction', c.boundFraction);
    if (c.spectrum) deps.spectra.addParticles(c.k, c.spectrum, pdeOn);
  }
}

/** Diagnostics of the PDE side's checkpoints into the series (and the spectra to pair). */
export function recordPdeCheckpoints(
  deps: Pick<RunnerDeps, 'series' | 'spectra'>,
  checkpoints: PdeCheckpoint[],
): void {
  for (const c of checkpoints) {
    deps.series.record(c.k, 'energyPde', c.energy);
    if (c.freeEnergy !== undefined) deps.series.record(c.k, 'freeEnergyPde', c.freeEnergy);
    deps.series.record(c.k, 'pdeMin', c.minRho);
    deps.series.record(c.k, 'pdeMassPlus', c.massPlus);
    deps.series.record(c.k, 'pdeMassMinus', c.massMinus);
    deps.series.record(c.k, 'pdeEntropy', c.entropy);
    if (c.spectrum) deps.spectra.addPde(c.k, c.spectrum);
  }
}
