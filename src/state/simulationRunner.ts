import { CHECKPOINTS_PER_T } from '../model/checkpoints';
import type { ParticleInitReply, ParticleReply, PdeInitReply, PdeReply } from '../model/engines/types';
import type { Scenario } from '../model/scenario/types';
import type { ParticleWorkerApi, PdeWorkerApi } from '../worker/protocol';
import { DisplayClock } from './displayClock';
import { PaceMeter } from './paceMeter';
import {
  freshSide,
  type RunnerDeps,
  recordParticleCheckpoints,
  recordPdeCheckpoints,
  type Side,
  type WorkerLink,
} from './runnerParts';
import { classifyChange } from './scenarioChanges';
import type { RunState, RunStatus } from './store';

/** Wall-clock work per advance() call: replies (and so fresh frames) come ~25 times a second. */
const BUDGET_MS = 40;
/** The target time may run ahead of the slower side by this many wall seconds of playback. */
const MAX_LEAD_S = 0.08;
/** HUD refresh interval (the store, and so React, is not touched on every reply). */
const STATS_MS = 200;
/** A request running longer than this is reported (with the option to abandon it). */
const BUSY_REPORT_MS = 8000;

/** idle: nothing asked; playing: the target follows the wall clock; stepping: to a checkpoint. */
type Mode = 'idle' | 'playing' | 'stepping';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const eps = (t: number) => 1e-12 * Math.max(1, Math.abs(t));

/**
 * Drives the two workers and owns the one clock of the app.
 *
 * While playing, a target time grows at `rate` simulated time per wall second (never more than
 * MAX_LEAD_S of playback ahead of the slower side), and each worker is asked to advance towards it
 * as soon as its previous answer is in, so both compute in parallel. Workers end steps on the
 * checkpoint grid only, so each returns a state that may pass the target (never the next
 * checkpoint). The runner keeps each side's recent states and shows both at the display time
 * D = min(target, newest particle state, newest PDE state): the side that is ahead is drawn at D,
 * interpolated between its own states around D, and never at a later time. Pausing and stepping
 * take both sides to a common checkpoint, where the pictures are the states themselves.
 */
export class SimulationRunner {
  private particles: WorkerLink<ParticleWorkerApi> | null = null;
  private pde: WorkerLink<PdeWorkerApi> | null = null;
  private scenario: Scenario | null = null;
  private runId = 0;
  private h = 1;
  private signs: Int8Array = new Int8Array(0);
  private near: Float32Array = new Float32Array(0);
  private boundRadius = 0;
  private p = freshSide();
  private d = freshSide();
  private target = 0;
  private readonly display: DisplayClock;
  private mode: Mode = 'idle';
  /** The status to report once a stepping mode has reached its checkpoint. */
  private stepStatus: RunStatus = 'stepping';
  private status: RunStatus = 'starting';
  private opsPending = 0;
  private ops: Promise<void> = Promise.resolve();
  /** An operation waiting for both sides to reach a common checkpoint (the tick drives them). */
  private settling: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private lastTick = 0;
  private lastStats = 0;
  private extra: Partial<RunState> = {};
  private readonly paceMeter = new PaceMeter();

  constructor(private readonly deps: RunnerDeps) {
    this.display = new DisplayClock(deps.frames);
  }

  /** The display clock D of the last published picture. */
  private get shown(): number {
    return this.display.shown;
  }

  /** Start (or start over) with a scenario: fresh initial data on both sides, paused at t = 0. */
  load(s: Scenario): Promise<void> {
    return this.enqueue(() => this.initAll(s, false));
  }

  /** Resolves when the operations queued so far (a load, a reset) are done. */
  whenReady(): Promise<void> {
    return this.ops;
  }

  /** A validated scenario edit: redo only what the change requires. */
  apply(prev: Scenario, next: Scenario): Promise<void> {
    return this.enqueue(async () => {
      const change = classifyChange(prev, next);
      const wasPlaying = this.mode === 'playing';
      if (change.restart || !this.particles) return this.initAll(next, wasPlaying);
      if (change.pdeSetup) {
        this.scenario = next;
        if (change.particlePhysics) await this.particles.api.update(next);
        return this.resetAll(wasPlaying, true);
      }
      const pdeJob = change.pdePhysics && next.pde.enabled && this.pde;
      if (change.particlePhysics || pdeJob) {
        // Both sides change their dynamics at the same checkpoint: one clock, one change time.
        await this.settle();
        const id = this.runId;
        const jobs: Promise<unknown>[] = [];
        if (change.particlePhysics)
          jobs.push(this.particles.api.update(next).then((r) => this.onParticleInit(id, r)));
        if (pdeJob && this.pde) jobs.push(this.pde.api.update(next).then((r) => this.onPdeInit(id, r)));
        await Promise.all(jobs);
        if (this.shown > 0) this.extra.changedAt = this.shown;
      }
      this.scenario = next;
      if (this.target > next.T) this.target = next.T;
      if (wasPlaying) this.play();
      else if (this.status === 'done' && this.shown < next.T) this.setStatus('paused');
    });
  }

  play(): void {
    if (this.status === 'error' || this.status === 'starting' || !this.scenario || this.settling) return;
    if (this.shown >= this.scenario.T - eps(this.scenario.T)) {
      void this.enqueue(() => this.resetAll(true, false));
      return;
    }
    this.mode = 'playing';
    this.target = Math.max(this.target, this.shown);
    this.lastTick = performance.now();
    this.paceMeter.reset();
    this.setStatus('playing');
  }

  /** Stop at the next checkpoint both sides can reach (status 'pausing' until both are there). */
  pause(): void {
    if (this.mode !== 'playing') return;
    this.stepTo(this.nextCheckpointFrom(Math.max(this.target, this.p.t, this.pdeOn() ? this.d.t : 0), true));
    this.stepStatus = 'pausing';
    this.setStatus('pausing');
  }

  /** Advance by one checkpoint interval h = T/200 (while playing: pause at the next one). */
  step(): void {
    if (!this.scenario || this.status === 'error' || this.status === 'starting') return;
    if (this.mode === 'playing') {
      this.pause();
      return;
    }
    if (this.mode === 'stepping') return;
    const next = this.nextCheckpointFrom(this.shown, false);
    if (next <= this.shown) return;
    this.stepTo(next);
    this.stepStatus = 'stepping';
    this.setStatus('stepping');
  }

  /** Back to t = 0 with the same initial data (no resampling). */
  reset(): Promise<void> {
    if (this.status === 'error') return this.restart();
    return this.enqueue(() => this.resetAll(false, false));
  }

  /** After a crash: new workers, the current scenario from scratch. */
  restart(): Promise<void> {
    this.terminateWorkers();
    this.ops = Promise.resolve();
    this.opsPending = 0;
    this.settling = null;
    const s = this.scenario;
    return s ? this.load(s) : Promise.resolve();
  }

  /** Terminate both workers (page teardown / tests). */
  dispose(): void {
    this.terminateWorkers();
    this.runId++;
  }

  /** The display clock: the time of the pictures last published. */
  clock(): number {
    return this.shown;
  }

  counters(): { particleCalls: number; pdeCalls: number; particleSteps: number; pdeSteps: number } {
    return {
      particleCalls: this.p.calls,
      pdeCalls: this.d.calls,
      particleSteps: this.p.steps,
      pdeSteps: this.d.steps,
    };
  }

  /** The newest state times of both sides (ahead of the clock by up to a checkpoint interval). */
  computedTimes(): { particles: number; pde: number | null } {
    return { particles: this.p.t, pde: this.pdeOn() ? this.d.t : null };
  }

  /** One beat of the clock (the app calls it every ~15 ms; tests with their own `now`). */
  tick(now: number): void {
    const dt = Math.min(0.25, Math.max(0, (now - this.lastTick) / 1000));
    this.lastTick = now;
    const s = this.scenario;
    if (!s || this.mode === 'idle' || (this.opsPending > 0 && !this.settling)) {
      this.flushStats(now, false);
      return;
    }
    const pdeOn = this.pdeOn();
    if (this.mode === 'playing') {
      const slowest = pdeOn ? Math.min(this.p.t, this.d.t) : this.p.t;
      this.target = Math.min(
        s.T,
        this.target + s.rate * dt,
        Math.max(this.target, slowest + s.rate * MAX_LEAD_S),
      );
    }
    this.request(now);
    const reached =
      !this.p.inFlight &&
      !this.d.inFlight &&
      this.p.t >= this.target - eps(this.target) &&
      (!pdeOn || this.d.t >= this.target - eps(this.target));
    const atEnd = this.target >= s.T - eps(s.T);
    this.publish(now, reached && (this.mode === 'stepping' || atEnd));
    if (this.mode === 'playing') {
      this.paceMeter.sample(now, this.shown, this.target, this.p.t, pdeOn ? this.d.t : null);
      this.extra.pace = this.paceMeter.pace(s.rate, atEnd);
    }
    if (reached && this.mode === 'stepping') this.arrive('paused');
    else if (reached && this.mode === 'playing' && atEnd) this.arrive('done');
    else this.flushStats(now, false);
  }

  // ——— internals ———

  private pdeOn(): boolean {
    return (this.scenario?.pde.enabled ?? false) && this.pde !== null;
  }

  /** The first checkpoint at or after t (`atOrAfter`), or strictly after it. */
  private nextCheckpointFrom(t: number, atOrAfter: boolean): number {
    const T = this.scenario?.T ?? 0;
    const x = t / this.h;
    const k = atOrAfter ? Math.ceil(x - 1e-9) : Math.floor(x + 1e-9) + 1;
    return Math.min(T, k * this.h);
  }

  private stepTo(t: number): void {
    this.target = t;
    this.mode = 'stepping';
    this.extra.pace = null;
  }

  private arrive(status: 'paused' | 'done'): void {
    this.mode = 'idle';
    this.extra.pace = null;
    const settled = this.settling;
    this.settling = null;
    this.setStatus(status);
    settled?.resolve();
  }

  /** Bring both sides to a common checkpoint (at once when they are there already). */
  private settle(): Promise<void> {
    if (this.mode === 'idle') return Promise.resolve();
    if (this.mode === 'playing') this.stepTo(this.nextCheckpointFrom(this.target, true));
    this.stepStatus = 'pausing';
    this.setStatus('pausing');
    return new Promise((resolve, reject) => {
      this.settling = { resolve, reject };
    });
  }

  private request(now: number): void {
    const id = this.runId;
    const target = this.target;
    const due = (side: Side) => !side.inFlight && side.t < target - eps(target);
    if (this.particles && due(this.p)) {
      this.send(this.p, now, this.particles.api.advance(target, BUDGET_MS), (r) =>
        this.onParticleReply(id, r),
      );
    }
    if (this.pdeOn() && this.pde && due(this.d)) {
      this.send(this.d, now, this.pde.api.advance(target, BUDGET_MS), (r) => this.onPdeReply(id, r));
    }
  }

  private send<R>(side: Side, now: number, job: Promise<R>, onReply: (r: R) => void): void {
    const id = this.runId;
    side.inFlight = true;
    side.sentAt = now;
    job
      .then((r) => {
        if (id !== this.runId) return;
        side.inFlight = false;
        onReply(r);
      })
      .catch((e) => id === this.runId && this.fail(message(e)));
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    this.opsPending++;
    const run = this.ops.then(op).catch((e) => this.fail(message(e)));
    this.ops = run.finally(() => {
      this.opsPending--;
    });
    return this.ops;
  }

  private ensureWorkers(): { particles: WorkerLink<ParticleWorkerApi>; pde: WorkerLink<PdeWorkerApi> } {
    if (!this.particles)
      this.particles = this.watch(
        this.deps.spawnParticles((m) => this.onDeath('particles', m)),
        'p',
      );
    if (!this.pde)
      this.pde = this.watch(
        this.deps.spawnPde((m) => this.onDeath('pde', m)),
        'd',
      );
    return { particles: this.particles, pde: this.pde };
  }

  private watch<W extends WorkerLink<unknown>>(w: W, side: 'p' | 'd'): W {
    void w.watched?.then((on) => {
      this[side].watched = on;
    });
    return w;
  }

  private terminateWorkers(): void {
    this.particles?.terminate();
    this.pde?.terminate();
    this.particles = null;
    this.pde = null;
  }

  private onDeath(which: 'particles' | 'pde', msg: string): void {
    if (which === 'particles') this.particles = null;
    else this.pde = null;
    this.fail(msg);
  }

  /** Forget the run's states and pictures (a new run or t = 0). */
  private startOver(h: number): void {
    this.runId++;
    this.mode = 'idle';
    this.target = 0;
    this.h = h;
    this.display.clear();
    this.deps.spectra.reset();
    this.paceMeter.reset();
    this.extra.pace = null;
  }

  private async initAll(s: Scenario, thenPlay: boolean): Promise<void> {
    const { particles, pde } = this.ensureWorkers();
    const h = s.T / CHECKPOINTS_PER_T;
    this.startOver(h);
    const id = this.runId;
    this.scenario = s;
    this.p = freshSide(this.p.watched);
    this.d = freshSide(this.d.watched);
    this.extra = { changedAt: null };
    this.deps.series.reset(h, s.T);
    this.deps.frames.clear();
    this.setStatus('starting', 'building the kernel and the initial data…');
    const [pr, dr] = await Promise.all([particles.api.init(s, h), s.pde.enabled ? pde.api.init(s, h) : null]);
    if (id !== this.runId) return;
    this.onParticleInit(id, pr);
    if (dr) this.onPdeInit(id, dr);
    this.extra = { ...this.extra, h, pdeDelta: dr ? dr.delta : null };
    this.afterReset(thenPlay);
  }

  private async resetAll(thenPlay: boolean, pdeReinit: boolean): Promise<void> {
    const s = this.scenario;
    if (!s || !this.particles) return;
    const { pde } = this.ensureWorkers();
    this.startOver(this.h);
    const id = this.runId;
    if (pdeReinit) this.deps.series.reset(this.h, s.T);
    else this.deps.series.truncate(0);
    const pdeJob = !s.pde.enabled ? null : pdeReinit ? pde.api.init(s, this.h) : pde.api.reset();
    const [pr, dr] = await Promise.all([this.particles.api.reset(), pdeJob]);
    if (id !== this.runId) return;
    this.p = freshSide(this.p.watched);
    this.d = freshSide(this.d.watched);
    this.onParticleReply(id, pr);
    if (dr) this.onPdeReply(id, dr);
    this.extra = {
      ...this.extra,
      changedAt: null,
      ...(dr && 'delta' in dr ? { pdeDelta: (dr as PdeInitReply).delta } : {}),
      ...(s.pde.enabled ? {} : { pdeDelta: null }),
    };
    this.afterReset(thenPlay);
  }

  private afterReset(thenPlay: boolean): void {
    this.publish(performance.now(), true);
    this.setStatus('paused');
    if (thenPlay) this.play();
  }

  private onParticleInit(id: number, r: ParticleInitReply): void {
    if (id !== this.runId) return;
    this.signs = r.signs;
    this.boundRadius = r.boundRadius;
    let nPlus = 0;
    for (let i = 0; i < r.n; i++) if (r.signs[i] > 0) nPlus++;
    this.extra = { ...this.extra, n: r.n, nPlus, lambda: r.lambda, threads: r.threads };
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
    Object.assign(this.p, { t: r.t, steps: r.steps, rejected: r.rejected, calls: r.calls });
    if (r.near) this.near = r.near;
    this.display.keepParticles({
      t: r.t,
      n: this.signs.length,
      pos: r.pos,
      signs: this.signs,
      near: this.near,
      boundRadius: this.boundRadius,
    });
    recordParticleCheckpoints(this.deps, r.checkpoints, pdeOn);
  }

  private onPdeReply(id: number, r: PdeReply): void {
    if (id !== this.runId) return;
    Object.assign(this.d, { t: r.t, steps: r.steps, calls: r.calls });
    this.display.keepDensity({ t: r.t, N: r.N, rhoPlus: r.rhoPlus, rhoMinus: r.rhoMinus });
    recordPdeCheckpoints(this.deps, r.checkpoints);
  }

  private publish(now: number, force: boolean): void {
    this.display.publish(now, this.target, this.pdeOn(), force);
  }

  private fail(msg: string): void {
    this.mode = 'idle';
    this.runId++;
    this.p.inFlight = false;
    this.d.inFlight = false;
    const settled = this.settling;
    this.settling = null;
    this.setStatus('error', msg);
    settled?.reject(new Error(msg));
  }

  private setStatus(status: RunStatus, msg: string | null = null): void {
    this.status = status;
    this.flushStats(performance.now(), true, { status, message: msg });
  }

  private flushStats(now: number, force: boolean, patch: Partial<RunState> = {}): void {
    if (!force && now - this.lastStats < STATS_MS) return;
    this.lastStats = now;
    this.deps.report({
      busy: this.busyMessage(now),
      ...this.extra,
      t: this.shown,
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
      if (side.inFlight && ms > BUSY_REPORT_MS) {
        const unsure = side.watched ? '' : ' (this browser cannot tell whether it has stopped)';
        return `The ${name} has been computing one step for ${(ms / 1000).toFixed(0)} s${unsure}.`;
      }
    }
    return null;
  }
}
