import { diagnosticSeries } from './diagnosticSeries';
import { frameStats } from './frameStats';
import { latestFrames } from './latestFrames';
import { runner } from './simulationRunner';
import { useLab } from './store';

/**
 * A read-only window into the app for the browser tests and the benchmark (`window.__lab`):
 * counters to wait on (rendered frames, each worker's own step counter), the clock, and copies
 * of the newest data. Nothing here can change the app.
 */
export interface LabTestHook {
  readonly frames: number;
  readonly fps: number;
  readonly clock: number;
  readonly status: string;
  readonly message: string | null;
  readonly linkProblem: string | null;
  readonly particleCalls: number;
  readonly pdeCalls: number;
  readonly particleSteps: number;
  readonly pdeSteps: number;
  readonly n: number;
  /** Copy of the newest particle positions (wrapped, interleaved) and signs. */
  positions(): number[];
  signs(): number[];
  /** Time of the newest particle / density frame. */
  particleTime(): number | null;
  densityTime(): number | null;
  /** Grid side of the newest density frame and the sum of its ρ+ (cell averages). */
  densityGrid(): number | null;
  /** Copy of the newest density frame's cell averages ρ+ and ρ− (index j·N + i). */
  densities(): { plus: number[]; minus: number[] };
  scenario(): unknown;
  /** Number of diagnostic checkpoints recorded and the last finite value of a series. */
  checkpoints(): number;
  lastValue(series: string): number | null;
}

function lastFinite(values: (number | null)[] | undefined): number | null {
  if (!values) return null;
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i];
  return null;
}

export function installTestHook(): void {
  const hook: LabTestHook = {
    get frames() {
      return frameStats.frames;
    },
    get fps() {
      return frameStats.fps;
    },
    get clock() {
      return useLab.getState().run.t;
    },
    get status() {
      return useLab.getState().run.status;
    },
    get message() {
      return useLab.getState().run.message;
    },
    get linkProblem() {
      return useLab.getState().linkProblem;
    },
    get particleCalls() {
      return runner.counters().particleCalls;
    },
    get pdeCalls() {
      return runner.counters().pdeCalls;
    },
    get particleSteps() {
      return runner.counters().particleSteps;
    },
    get pdeSteps() {
      return runner.counters().pdeSteps;
    },
    get n() {
      return latestFrames.particles?.n ?? 0;
    },
    positions: () => Array.from(latestFrames.particles?.pos ?? []),
    signs: () => Array.from(latestFrames.particles?.signs ?? []),
    particleTime: () => latestFrames.particles?.t ?? null,
    densityTime: () => latestFrames.density?.t ?? null,
    densityGrid: () => latestFrames.density?.N ?? null,
    densities: () => ({
      plus: Array.from(latestFrames.density?.rhoPlus ?? []),
      minus: Array.from(latestFrames.density?.rhoMinus ?? []),
    }),
    scenario: () => structuredClone(useLab.getState().scenario),
    checkpoints: () => diagnosticSeries().t.length,
    lastValue: (name) => lastFinite((diagnosticSeries().values as Record<string, (number | null)[]>)[name]),
  };
  Object.defineProperty(window, '__lab', {
    value: Object.freeze(hook),
    configurable: false,
    writable: false,
  });
}
