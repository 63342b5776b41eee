import type { Scenario } from '../model/scenario/types';
import {
  CHECKPOINTS_PER_T,
  type ParticleInitReply,
  type ParticleReply,
  type ParticleWorkerApi,
  type PdeInitReply,
  type PdeReply,
  type PdeWorkerApi,
} from '../worker/protocol';
import { type SimulationWorker, spawnParticleWorker, spawnPdeWorker } from '../worker/simulationWorker';
import { recordSeries, resetSeries, truncateSeries } from './diagnosticSeries';
import { clearFrames, publishDensity, publishParticles } from './latestFrames';
import { classifyChange } from './scenarioChanges';
import { addParticleSpectrum, addPdeSpectrum, resetSpectrumJoin } from './spectrumJoin';
import { patchRun, type RunState, type RunStatus } from './store';

/** Wall-clock work per advance() call: replies (and so fresh frames) come ~25 times a second. */
const BUDGET_MS = 40;
/** The target time may run ahead of the slower side by this many wall seconds of playback. */
const MAX_LEAD_S = 0.08;
const TICK_MS = 15;
/** HUD refresh interval (the store, and so React, is not touched on every reply). */
const STATS_MS = 200;

/** A request running longer than this is reported (with the option to abandon it). */
const BUSY_REPORT_MS = 8000;

interface Side {
  t: number;
  inFlight: number;
  /** When the request in flight was sent (performance.now()). */
  sentAt: number;
  steps: number;
  rejected: number;
  calls: number;
}

const freshSide = (): Side => ({ t: 0, inFlight: 0, sentAt: 0, steps: 0, rejected: 0, calls: 0 });

type Mode = 'idle' | 'playing' | 'stepping';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Drives the two workers: (re)initialises them when the scenario changes (only what it must),
 * and while playing keeps asking each for "advance to the target time" as soon as its previous
 * answer arrived, so both compute in parallel while the render loop draws whatever is newest.
 * The target grows at `rate` simulated time per wall second, never more than MAX_LEAD_S ahead
 * of the slower side (a slow simulation slows the clock instead of piling up debt).
 */
export class SimulationRunner {
  private particles: SimulationWorker<ParticleWorkerApi> | null = null;
  private pde: SimulationWorker<PdeWorkerApi> | null = null;
  private scenario: Scenario | null = null;
  private runId = 0;
  private signs: Int8Array = new Int8Array(0);
  private p = freshSide();
  private d = freshSide();
  private target = 0;
  private mode: Mode = 'idle';
  private status: RunStatus = 'starting';
  private opsPending = 0;
  private ops: Promise<void> = Promise.resolve();
  private lastTick = 0;
  private lastStats = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private extra: Partial<RunState> = {};

  /** Start (or start over) with a scenario: fresh initial data on both sides, paused at t = 0. */
  load(s: Scenario): Promise<void> {
    this.ensureTimer();
    return this.enqueue(() => this.initAll(s, false));
  }

  /** A validated scenario edit: redo only what the change requires. */
  apply(prev: Scenario, next: Scenario): Promise<void> {
    return this.enqueue(async () => {
      const change = classifyChange(prev, next);
      const wasPlaying = this.mode === 'playing';
      if (change.restart || !this.particles) return this.initAll(next, wasPlaying);
      this.scenario = next;
      if (change.pdeSetup) {
        if (change.particlePhysics) await this.particles.api.update(next);
        return this.resetAll(wasPlaying, true);
      }
      const t = this.clock();
      const jobs: Promise<unknown>[] = [];
      if (change.particlePhysics) {
        jobs.push(this.particles.api.update(next).then((r) => this.onParticleInit(this.runId, r)));
      }
      if (change.pdePhysics && next.pde.enabled && this.pde) {
        jobs.push(this.pde.api.update(next).then((r) => this.onPdeInit(this.runId, r)));
      }
      await Promise.all(jobs);
      if (jobs.length > 0 && t > 0) this.extra.changedAt = t;
      if (this.target > next.T) this.target = next.T;
      if (this.status === 'done' && this.clock() < next.T) this.setStatus('paused');
    });
  }

  play(): void {
    if (this.status === 'error' || this.status === 'starting') return;
    if (this.scenario && this.clock() >= this.scenario.T - 1e-12) {
      void this.enqueue(() => this.resetAll(true, false));
      return;
    }
    this.mode = 'playing';
    this.target = Math.max(this.target, this.clock());
    this.lastTick = performance.now();
    this.setStatus('playing');
  }

  /**
   * Stop asking for more. A step already in a worker still lands (the worker state has moved on,
   * so dropping the reply would show stale particles); until it has, the status is 'pausing' and
   * the clock may advance by that one step. 'paused' means nothing will move any more.
   */
  pause(): void {
    if (this.mode === 'idle') return;
    this.mode = 'idle';
    this.target = this.clock();
    this.setStatus(this.inFlight() ? 'pausing' : 'paused');
  }

  private inFlight(): boolean {
    return this.p.inFlight > 0 || this.d.inFlight > 0;
  }

  /** Advance by one checkpoint interval h = T/200 (from a paused state). */
  step(): void {
    if (!this.scenario || this.status === 'error' || this.status === 'starting') return;
    if (this.mode === 'playing') this.pause();
    const h = this.scenario.T / CHECKPOINTS_PER_T;
    const t = this.clock();
    const next = Math.min(this.scenario.T, (Math.floor(t / h + 1e-9) + 1) * h);
    if (next <= t) return;
    this.target = next;
    this.mode = 'stepping';
    this.setStatus('stepping');
  }

  /** Back to t = 0 with the same initial data (no resampling). */
  reset(): Promise<void> {
    if (this.status === 'error') return this.restart();
    return this.enqueue(() => this.resetAll(false, false));
  }

  /** After a crash: new workers, the current scenario from scratch. */
  restart(): Promise<void> {
    this.particles?.terminate();
    this.pde?.terminate();
    this.particles = null;
    this.pde = null;
    this.ops = Promise.resolve();
    this.opsPending = 0;
    const s = this.scenario;
    return s ? this.load(s) : Promise.resolve();
  }

  /** Terminate both workers (page teardown / tests). */
  dispose(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.particles?.terminate();
    this.pde?.terminate();
    this.particles = null;
    this.pde = null;
  }

  /** Both sides' time (the clock on screen). */
  clock(): number {
    const pdeOn = this.scenario?.pde.enabled ?? false;
    return pdeOn ? Math.min(this.p.t, this.d.t) : this.p.t;
  }

  counters(): { particleCalls: number; pdeCalls: number; particleSteps: number; pdeSteps: number } {
    return {
      particleCalls: this.p.calls,
      pdeCalls: this.d.calls,
      particleSteps: this.p.steps,
      pdeSteps: this.d.steps,
    };
  }

  // ——— internals ———

  private enqueue(op: () => Promise<void>): Promise<void> {
    this.opsPending++;
    const run = this.ops.then(op).catch((e) => this.fail(message(e)));
    this.ops = run.finally(() => {
      this.opsPending--;
    });
    return this.ops;
  }

  private ensureWorkers(): {
    particles: SimulationWorker<ParticleWorkerApi>;
    pde: SimulationWorker<PdeWorkerApi>;
  } {
    if (!this.particles) this.particles = spawnParticleWorker((m) => this.onDeath('particles', m));
    if (!this.pde) this.pde = spawnPdeWorker((m) => this.onDeath('pde', m));
    return { particles: this.particles, pde: this.pde };
  }

  private onDeath(which: 'particles' | 'pde', msg: string): void {
    if (which === 'particles') this.particles = null;
    else this.pde = null;
    this.fail(msg);
  }

  private async initAll(s: Scenario, thenPlay: boolean): Promise<void> {
    const { particles, pde } = this.ensureWorkers();
    const id = ++this.runId;
    this.scenario = s;
    this.mode = 'idle';
    this.target = 0;
    this.p = freshSide();
    this.d = freshSide();
    this.extra = { changedAt: null };
    const h = s.T / CHECKPOINTS_PER_T;
    resetSeries(h, s.T);
    resetSpectrumJoin();
    clearFrames();
    this.setStatus('starting', 'building the kernel and the initial data…');
    const [pr, dr] = await Promise.all([particles.api.init(s, h), s.pde.enabled ? pde.api.init(s, h) : null]);
    if (id !== this.runId) return;
    this.onParticleInit(id, pr);
    if (dr) this.onPdeInit(id, dr);
    this.extra = { ...this.extra, h, pdeDelta: dr ? dr.delta : null, tPde: dr ? 0 : null };
    this.afterReset(thenPlay);
  }

  private async resetAll(thenPlay: boolean, pdeReinit: boolean): Promise<void> {
    const s = this.scenario;
    if (!s || !this.particles) return;
    const { pde } = this.ensureWorkers();
    const id = ++this.runId;
    this.mode = 'idle';
    this.target = 0;
    truncateSeries(0);
    resetSpectrumJoin();
    if (pdeReinit) {
      resetSeries(s.T / CHECKPOINTS_PER_T, s.T);
      if (!s.pde.enabled) publishDensity(null);
    }
    const h = s.T / CHECKPOINTS_PER_T;
    const pdeJob = !s.pde.enabled ? null : pdeReinit ? pde.api.init(s, h) : pde.api.reset();
    const [pr, dr] = await Promise.all([this.particles.api.reset(), pdeJob]);
    if (id !== this.runId) return;
    this.p = freshSide();
    this.d = freshSide();
    this.onParticleReply(id, pr);
    if (dr) this.onPdeReply(id, dr);
    this.extra = {
      ...this.extra,
      changedAt: null,
      ...(dr && 'delta' in dr ? { pdeDelta: (dr as PdeInitReply).delta } : {}),
      ...(s.pde.enabled ? { tPde: 0 } : { tPde: null, pdeDelta: null }),
    };
    this.afterReset(thenPlay);
  }

  private afterReset(thenPlay: boolean): void {
    this.setStatus('paused');
    if (thenPlay) this.play();
  }

  private onParticleInit(id: number, r: ParticleInitReply): void {
    if (id !== this.runId) return;
    this.signs = r.signs;
    let nPlus = 0;
    for (let i = 0; i < r.n; i++) if (r.signs[i] > 0) nPlus++;
    this.extra = { ...this.extra, n: r.n, nPlus, delta: r.delta, lambda: r.lambda };
    this.onParticleReply(id, r);
  }

  private onPdeInit(id: number, r: PdeInitReply): void {
    if (id !== this.runId) return;
    this.extra = { ...this.extra, pdeDelta: r.delta };
    this.onPdeReply(id, r);
  }

  private onParticleReply(id: number, r: ParticleReply): void {
    if (id !== this.runId) return;
    const pdeOn = this.scenario?.pde.enabled ?? false;
    this.p.t = r.t;
    this.p.steps = r.steps;
    this.p.rejected = r.rejected;
    this.p.calls = r.calls;
    publishParticles({ t: r.t, n: this.signs.length, pos: r.pos, signs: this.signs });
    for (const c of r.checkpoints) {
      recordSeries(c.k, 'energyParticles', c.energy);
      recordSeries(c.k, 'boundFraction', Number.isFinite(c.boundFraction) ? c.boundFraction : null);
      if (c.spectrum) addParticleSpectrum(c.k, c.spectrum, pdeOn);
    }
  }

  private onPdeReply(id: number, r: PdeReply): void {
    if (id !== this.runId) return;
    this.d.t = r.t;
    this.d.steps = r.steps;
    this.d.calls = r.calls;
    publishDensity({ t: r.t, N: r.N, rhoPlus: r.rhoPlus, rhoMinus: r.rhoMinus });
    const last = r.checkpoints[r.checkpoints.length - 1];
    if (last)
      this.extra = {
        ...this.extra,
        pdeMin: last.minRho,
        pdeMasses: [last.massPlus, last.massMinus],
        pdeEntropy: last.entropy,
      };
    for (const c of r.checkpoints) {
      recordSeries(c.k, 'energyPde', c.energy);
      if (c.spectrum) addPdeSpectrum(c.k, c.spectrum);
    }
  }

  private fail(msg: string): void {
    this.mode = 'idle';
    this.runId++;
    this.setStatus('error', msg);
  }

  private setStatus(status: RunStatus, msg: string | null = null): void {
    this.status = status;
    this.flushStats(true, { status, message: msg });
  }

  private flushStats(force: boolean, patch: Partial<RunState> = {}): void {
    const now = performance.now();
    if (!force && now - this.lastStats < STATS_MS) return;
    this.lastStats = now;
    const pdeOn = this.scenario?.pde.enabled ?? false;
    patchRun({
      busy: this.busyMessage(now),
      ...this.extra,
      t: this.clock(),
      tParticles: this.p.t,
      tPde: pdeOn ? this.d.t : null,
      particleSteps: this.p.steps,
      particleRejected: this.p.rejected,
      pdeSteps: this.d.steps,
      particleCalls: this.p.calls,
      pdeCalls: this.d.calls,
      ...patch,
    });
    this.extra = {};
  }

  private busyMessage(now: number): string | null {
    const n = this.signs.length;
    for (const [side, name] of [
      [this.p, `particle worker (n = ${n})`],
      [this.d, 'PDE worker'],
    ] as const) {
      const ms = now - side.sentAt;
      if (side.inFlight > 0 && ms > BUSY_REPORT_MS) {
        return `The ${name} has been computing one step for ${(ms / 1000).toFixed(0)} s.`;
      }
    }
    return null;
  }

  private ensureTimer(): void {
    if (this.timer === null) this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    const now = performance.now();
    const dt = Math.min(0.25, (now - this.lastTick) / 1000);
    this.lastTick = now;
    const s = this.scenario;
    if (!s || this.mode === 'idle' || this.opsPending > 0) {
      if (this.status === 'pausing' && !this.inFlight()) this.setStatus('paused');
      else this.flushStats(false);
      return;
    }
    const pdeOn = s.pde.enabled && this.pde !== null;
    const slowest = this.clock();
    if (this.mode === 'playing') {
      this.target = Math.min(s.T, this.target + s.rate * dt, slowest + s.rate * MAX_LEAD_S);
    }
    const eps = 1e-12 * Math.max(1, this.target);
    const id = this.runId;
    if (this.particles && this.p.inFlight === 0 && this.p.t < this.target - eps) {
      this.p.inFlight++;
      this.p.sentAt = now;
      this.particles.api
        .advance(this.target, BUDGET_MS)
        .then((r) => this.onParticleReply(id, r))
        .catch((e) => id === this.runId && this.fail(message(e)))
        .finally(() => {
          this.p.inFlight = Math.max(0, this.p.inFlight - 1);
        });
    }
    if (pdeOn && this.pde && this.d.inFlight === 0 && this.d.t < this.target - eps) {
      this.d.inFlight++;
      this.d.sentAt = now;
      this.pde.api
        .advance(this.target, BUDGET_MS)
        .then((r) => this.onPdeReply(id, r))
        .catch((e) => id === this.runId && this.fail(message(e)))
        .finally(() => {
          this.d.inFlight = Math.max(0, this.d.inFlight - 1);
        });
    }
    const reached = this.p.t >= this.target - eps && (!pdeOn || this.d.t >= this.target - eps);
    if (reached && this.mode === 'stepping') {
      this.mode = 'idle';
      this.setStatus('paused');
    } else if (reached && this.mode === 'playing' && this.target >= s.T - eps) {
      this.mode = 'idle';
      this.setStatus('done');
    } else {
      this.flushStats(false);
    }
  }
}

/** The app's one runner. */
export const runner = new SimulationRunner();
