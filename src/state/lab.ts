import { spawnParticleWorker, spawnPdeWorker } from '../worker/simulationWorker';
import { createDiagnosticSeries } from './diagnosticSeries';
import { createFrameStore } from './displayFrames';
import { createFrameStats } from './frameStats';
import { SimulationRunner } from './simulationRunner';
import { createSpectrumJoin } from './spectrumJoin';
import { patchRun } from './store';

/** How often the runner's clock beats (ms). */
const TICK_MS = 15;

/** The app's one set of state objects (each a factory, so node tests can make their own). */
export const series = createDiagnosticSeries();
export const frames = createFrameStore();
export const frameStats = createFrameStats();
export const runner = new SimulationRunner({
  spawnParticles: spawnParticleWorker,
  spawnPde: spawnPdeWorker,
  series,
  spectra: createSpectrumJoin(series),
  frames,
  report: patchRun,
});

if (typeof window !== 'undefined') window.setInterval(() => runner.tick(performance.now()), TICK_MS);
