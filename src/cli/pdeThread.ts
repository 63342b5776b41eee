/**
 * `run --pde` with the continuum on its own thread (node worker_threads), as the app runs it on its
 * own worker. The particles step in this thread exactly as simulate() steps them (to each sample
 * time in turn), the PDE thread runs the same solver through the same times
 * (pdeThread.worker.ts), and the samples are made afterwards from both sides' states by the one
 * comparisonSample: every number is the serial run's, bit for bit (tests/unit/cli.pdeThread.test.ts);
 * only the wall time differs. The PDE thread writes its clock into a shared double, read whenever
 * the particles report theirs (and every 200 ms while waiting for it), so the progress line and
 * --max-wall see both clocks.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ComparisonSample, comparisonSample, type PdeView } from '../model/compare/sideBySide';
import type { PdeOptions } from '../model/pde/solver';
import { observedStepper } from '../model/study/observe';
import {
  type PdeFinal,
  particleSide,
  type RunInput,
  type RunOutcome,
  type RunPlan,
} from '../model/study/simulate';

/** What the PDE thread is asked: its solver, the sample times after 0, and a shared clock. */
export interface PdeThreadJob {
  options: PdeOptions;
  times: number[];
  /** Whether to send a view at t = 0 and at each time (the run's samples). */
  sampled: boolean;
  clock: SharedArrayBuffer;
}

type PdeFinalData = Omit<PdeFinal, 'energy'> & { energy: number };

/** The first particle snapshots, whose samples the PDE thread makes after its reply (with its views 0, 1, …). */
export interface PdeSampleJob {
  snaps: { t: number; pos: Float64Array; energy: number }[];
  signs: Int8Array;
  delta: number;
}

export type PdeSampleReply = { ok: true; samples: ComparisonSample[] } | { ok: false; message: string };

export type PdeThreadReply =
  | {
      ok: true;
      views: PdeView[];
      final: PdeFinalData;
      rho0: { rhoPlus: Float64Array; rhoMinus: Float64Array };
      energy0: number;
    }
  | { ok: false; message: string };

/**
 * Whether a PDE thread gains anything here: a second core. From PARALLEL_MIN_N particles on the
 * fast sum's helper shares that core; measured anyway (2 cores, grid 128, T = 0.2, whole process,
 * load ~1): n = 1000 U = cos 6.1 s without a PDE thread, 5.8 s with it; n = 4000 U = 0 18.2 vs 18.3 s;
 * with a third process busy on one core all four combinations are within 7.2–7.6 s at n = 1000.
 */
export function pdeThreadPays(cores = availableParallelism()): boolean {
  return cores >= 2;
}

/** simulate() of a run with a PDE, the PDE on a worker thread (plan.stopEvery is not supported). */
export async function simulateWithPdeThread(
  input: RunInput,
  plan: Omit<RunPlan, 'pde'>,
  pde: { options: PdeOptions; samples: number },
): Promise<RunOutcome> {
  if (plan.stopEvery) throw new Error('simulateWithPdeThread: checkpoint grids (stopEvery) run serially');
  const { spec, config } = input;
  const { makeStepper, common } = particleSide(input, plan);
  const times = Array.from({ length: pde.samples }, (_, k) => (plan.T * (k + 1)) / pde.samples);
  const clock = new SharedArrayBuffer(8);
  const pdeT = new Float64Array(clock);
  const worker = new Worker(new URL('./pdeThread.worker.mjs', import.meta.url));
  const reply = nextMessage<PdeThreadReply>(worker, 'before it answered');
  // a run that fails on the particle side never awaits the reply: its later rejection is not an error
  reply.catch(() => {});
  const job: PdeThreadJob = { options: pde.options, times, sampled: plan.onSample !== undefined, clock };
  worker.postMessage(job);
  try {
    const bare = makeStepper();
    const energy0 = bare.energy();
    const seeParticles = plan.observe?.particles;
    const seePde = plan.observe?.pde;
    let shownPde = -1;
    const seePdeClock = () => {
      const t = pdeT[0];
      if (seePde && t !== shownPde) {
        shownPde = t;
        seePde(t);
      }
    };
    const stepper =
      seeParticles || seePde
        ? observedStepper(bare, (t) => {
            seeParticles?.(t);
            seePdeClock();
          })
        : bare;
    const snaps: { t: number; pos: Float64Array; energy: number }[] = [];
    const snap = () => {
      if (plan.onSample) snaps.push({ t: bare.t, pos: bare.wrapped(), energy: bare.energy() });
    };
    snap();
    for (const t of times) {
      stepper.advanceTo(t);
      snap();
    }
    const r = await whileWaiting(reply, seePdeClock);
    // its last clock too: a PDE that answered before the first tick (a short run) was never shown
    seePdeClock();
    if (!r.ok) throw new Error(r.message);
    // The samples (~7 ms each at n = 1000, 14 at n = 4000; 51 by default) are made after the run,
    // when both cores are free: the PDE thread makes the first half from its own views, this
    // thread the rest (same function, same inputs: the same bits as one thread making all).
    const half = snaps.length >= 4 ? snaps.length >> 1 : 0;
    const theirs = half > 0 ? samplesOnThread(worker, snaps.slice(0, half), config.signs, spec.delta) : null;
    theirs?.catch(() => {}); // awaited below unless this thread's samples fail first
    const mine: ComparisonSample[] = [];
    for (let k = half; k < snaps.length; k++) {
      const s = snaps[k];
      mine.push(comparisonSample(s.t, s.pos, config.signs, spec.delta, s.energy, r.views[k]));
    }
    const samples = [...(theirs ? await theirs : []), ...mine];
    if (plan.onSample) for (const sample of samples) plan.onSample(sample);
    const final = r.final;
    return {
      ...common,
      pos: bare.wrapped(),
      unwrapped: Float64Array.from(bare.unwrapped),
      energy0,
      energy: bare.energy(),
      steps: bare.steps,
      rejected: bare.rejected,
      pde: { solver: { ...final, energy: () => final.energy }, rho0: r.rho0, energy0: r.energy0 },
    };
  } finally {
    void worker.terminate();
  }
}

/** The PDE thread's samples of snaps (the first snapshots; its views 0 … snaps.length − 1). */
function samplesOnThread(
  worker: Worker,
  snaps: PdeSampleJob['snaps'],
  signs: Int8Array,
  delta: number,
): Promise<ComparisonSample[]> {
  const answer = nextMessage<PdeSampleReply>(worker, 'before its samples');
  const job: PdeSampleJob = { snaps, signs, delta };
  worker.postMessage(job);
  return answer.then((a) => {
    if (!a.ok) throw new Error(a.message);
    return a.samples;
  });
}

/** The worker's next message; rejected when it fails or exits first (`when`: what it had not sent). */
function nextMessage<T>(worker: Worker, when: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`pde thread: stopped (exit code ${code}) ${when}`)));
  });
}

/** Awaits p, calling tick every 200 ms meanwhile; a throwing tick (--max-wall) ends the wait. */
async function whileWaiting<T>(p: Promise<T>, tick: () => void): Promise<T> {
  let timer: ReturnType<typeof setInterval> | undefined;
  const ticking = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      try {
        tick();
      } catch (e) {
        reject(e);
      }
    }, 200);
  });
  try {
    return await Promise.race([p, ticking]);
  } finally {
    clearInterval(timer);
  }
}
