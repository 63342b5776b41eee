import type { ParticleSystem } from '../dynamics/particleSystem';
import { fastSumThreadsStatus } from '../fastsum';
import { farWasmStatus } from '../fastsum/farWasm';
import { nearWasmStatus } from '../fastsum/nearWasm';
import { fftWasmStatus } from '../fftWasm';
import { finishCommand, whenServed } from '../helperThread';
import { PeriodicKernel } from '../kernels/periodicKernel';
import type { ExternalField, InteractionSpec } from '../types';
import type { ClusterLayout, ClusterSolver, SubStepMemory } from './clusterSolver';

/**
 * The multirate method's cluster solves (fastClusters.ts) on two threads. The clusters of a macro
 * step are independent ODEs: a command hands the helper thread (clusterHelper.ts) the layout, the
 * members' macro state, forcing and sub-step memory in a shared block, and both threads claim
 * clusters (BATCH at a time) until none is left (the main thread starts at once, the helper when it
 * wakes). A cluster's numbers do not depend on the thread that solves it (the same code on the
 * same inputs), so the result is the one-thread result bit for bit. In the block the members are
 * renumbered by their place in the members list (slots), so both threads read and write it in
 * order; the main thread copies the members' results back: the block is a transport, each
 * FastClusters keeps its own memory.
 * Without a running helper (not installed, not ready, its core busy: a command it has not claimed
 * when the main thread is done is taken back) the main thread solves everything itself.
 */
export interface ClusterThreads {
  /** Hand the helper a block to serve (it serves the latest one it was given). */
  attach(message: ClusterAttach): void;
}

/** What the helper needs to build the clusters' ODE on its side (the kernel from its spec). */
export interface ClusterAttach {
  readonly buffer: SharedArrayBuffer;
  readonly n: number;
  readonly dim: 1 | 2;
  readonly spec: InteractionSpec;
  readonly field: ExternalField;
}

let installed: ClusterThreads | null = null;

/** Install (or with null, remove) the helper for multirate steppers created from now on. */
export function installClusterThreads(threads: ClusterThreads | null): void {
  installed = threads;
}

export function clusterThreads(): ClusterThreads | null {
  return installed;
}

/** The particles' threads in one line (the CLI's run output, the app's footer): both helpers, and where the near field's, the far field's and the FFT's loops run. */
export function particleThreadsStatus(): string {
  const clusters = installed
    ? "; a second helper takes near-pair clusters of the multirate method's sub-steps"
    : '';
  return `${fastSumThreadsStatus()}${clusters}; ${nearWasmStatus()}; ${farWasmStatus()}; ${fftWasmStatus()}`;
}

export const CCTRL = {
  /** Incremented by the main thread for each command. */
  SEQ: 0,
  /** Set to SEQ by the helper when it is done with the command. */
  DONE: 1,
  /** The last command claimed (compareExchange from SEQ − 1: each command is served once). */
  CLAIM: 2,
  /** 1 while a helper serves this block. */
  READY: 3,
  /** 1 once the helper no longer serves this block. */
  DETACHED: 4,
  /** The next cluster to claim. */
  TASK_CLAIM: 5,
  COUNT: 7,
  /** Degree of the forcing polynomial. */
  DEG: 8,
  /** Members of the largest cluster (scratch size). */
  LARGEST: 9,
  /** Length of the helper's error message (0: none). */
  ERROR: 10,
} as const;
const CTRL_INTS = 16;
const MESSAGE_CHARS = 240;
/** Forcing polynomials of degree ≤ 3 (the Adams pair's). */
const MAX_COEFS = 4;

/**
 * Clusters claimed per atomic add: the counter's cache line moves between the cores at each claim,
 * and with one cluster per claim (and a done counter) the main thread's clusters took 17% longer
 * each than alone (n = 4000, ~700 clusters of ~8 µs per solve).
 */
const BATCH = 4;

/** Solve clusters [0, count), claimed BATCH at a time from ctrl[TASK_CLAIM], until none is left. */
export function claimClusters(ctrl: Int32Array, count: number, solve: (c: number) => void): void {
  for (
    let c0 = Atomics.add(ctrl, CCTRL.TASK_CLAIM, BATCH);
    c0 < count;
    c0 = Atomics.add(ctrl, CCTRL.TASK_CLAIM, BATCH)
  ) {
    const c1 = Math.min(count, c0 + BATCH);
    for (let c = c0; c < c1; c++) solve(c);
  }
}

export const CPARAM = {
  H: 0,
  RTOL: 1,
  ATOL: 2,
  SUB_STEPS: 3,
  SUB_REJECTED: 4,
  STAGE_UNKNOWNS: 5,
  EXPLICIT: 6,
} as const;
const PARAMS = 8;

/** Kept pairs the block holds (a build with more is solved on one thread). */
export function pairCapacity(n: number): number {
  return 4 * n + 256;
}

export interface ClusterViews {
  readonly ctrl: Int32Array;
  readonly params: Float64Array;
  readonly message: Uint16Array;
  readonly y: Float64Array;
  readonly coef: Float64Array[];
  readonly out: Float64Array;
  readonly memory: SubStepMemory;
  readonly layout: ClusterLayout;
  /** The members' signs, by slot. */
  readonly signs: Int8Array;
}

export function clusterBytes(n: number): number {
  const cap = pairCapacity(n);
  const f64 = PARAMS + 2 * n * (2 + MAX_COEFS) + 4 * n + cap;
  const i32 = CTRL_INTS + 2 * (n + 1) + 2 * n + 2 * cap;
  return 8 * f64 + 4 * i32 + 2 * MESSAGE_CHARS + n;
}

export function clusterViews(buffer: ArrayBufferLike, n: number): ClusterViews {
  const cap = pairCapacity(n);
  let off = 0;
  const f = (len: number) => {
    const v = new Float64Array(buffer, off, len);
    off += 8 * len;
    return v;
  };
  const i = (len: number) => {
    const v = new Int32Array(buffer, off, len);
    off += 4 * len;
    return v;
  };
  const params = f(PARAMS);
  const y = f(2 * n);
  const coef = Array.from({ length: MAX_COEFS }, () => f(2 * n));
  const out = f(2 * n);
  const memory = { hsub: f(n), hfirst: f(n), ystart: f(2 * n) };
  const pn = f(cap);
  const ctrl = i(CTRL_INTS);
  const layout = {
    start: i(n + 1),
    members: i(n),
    local: i(n),
    pi: i(cap),
    pj: i(cap),
    pairStart: i(n + 1),
    pn,
  };
  const message = new Uint16Array(buffer, off, MESSAGE_CHARS);
  const signs = new Int8Array(buffer, off + 2 * MESSAGE_CHARS, n);
  return { ctrl, params, message, y, coef, out, memory, layout, signs };
}

/** A cluster solve's inputs on the main thread's side. */
export interface ClusterJob {
  readonly layout: ClusterLayout;
  /** Clusters, kept pairs, members of the largest. */
  readonly count: number;
  readonly pairs: number;
  readonly largest: number;
  readonly memory: SubStepMemory;
}

const shares = new WeakMap<ParticleSystem, ClusterShare>();

/**
 * The share of this system's cluster solves (one block per system, reused by every multirate
 * stepper on it), or null when there is no helper or no SharedArrayBuffer.
 */
export function clusterShareFor(system: ParticleSystem, dim: 1 | 2): ClusterShare | null {
  const threads = installed;
  // the helper rebuilds the kernel from its spec: only the kernel makeKernel builds
  if (!threads || typeof SharedArrayBuffer === 'undefined' || !(system.kernel instanceof PeriodicKernel))
    return null;
  let share = shares.get(system);
  if (!share) {
    share = new ClusterShare(system, dim, threads);
    shares.set(system, share);
  }
  return share;
}

/** The main thread's end of one block. */
export class ClusterShare {
  private readonly v: ClusterViews;
  private seq = 0;
  /** Per cluster of the current command: 1 when this thread solved it. */
  private mine = new Uint8Array(64);
  /** The job whose layout is in the block (FastClusters makes a new one at every build). */
  private publishedJob: ClusterJob | null = null;
  private readonly signs: Int8Array;
  /** Each member's slot in the block (its place in the members list). */
  private readonly slot: Int32Array;

  constructor(
    system: ParticleSystem,
    private readonly dim: 1 | 2,
    threads: ClusterThreads,
  ) {
    const n = system.n;
    const buffer = new SharedArrayBuffer(clusterBytes(n));
    this.v = clusterViews(buffer, n);
    this.signs = system.signs;
    this.slot = new Int32Array(n);
    threads.attach({
      buffer,
      n,
      dim,
      spec: { ...system.kernel.spec },
      field: system.field,
    });
  }

  /** Clusters the helper has solved so far (diagnostics and tests). */
  helperClusters = 0;

  get ready(): boolean {
    return Atomics.load(this.v.ctrl, CCTRL.READY) === 1;
  }

  /** Resolves true once a helper serves this block (false after timeoutMs). */
  whenReady(timeoutMs = 10_000): Promise<boolean> {
    return whenServed(this.v.ctrl, CCTRL.READY, CCTRL.DETACHED, timeoutMs);
  }

  /**
   * Solve every cluster of the job on both threads (FastClusters.solve's contract: members'
   * positions at H into out, their memory updated): this thread with the caller's solver on the
   * caller's arrays (its code path is the one-thread one), the helper on the block's copies, whose
   * results are copied back. Returns false when this block cannot take the job (no helper serving,
   * too many pairs): the caller then solves alone.
   */
  solve(
    job: ClusterJob,
    solver: ClusterSolver,
    y: Float64Array,
    coef: Float64Array[],
    H: number,
    rtol: number,
    atol: number,
    out: Float64Array,
  ): boolean {
    const v = this.v;
    if (!this.ready || job.pairs > v.layout.pi.length || coef.length > v.coef.length) return false;
    if (this.publishedJob !== job) this.publish(job);
    this.publishedJob = job;
    const { members, start } = job.layout;
    const { memory, count } = job;
    const end = start[count];
    const sm = v.memory;
    const deg = coef.length - 1;
    // by slot: the block is written and read in order (scattered by particle, each member's lines
    // moved between the cores one by one: 0.29 ms per solve at n = 4000)
    for (let q = 0; q < end; q++) {
      const i = members[q];
      v.y[2 * q] = y[2 * i];
      v.y[2 * q + 1] = y[2 * i + 1];
      for (let e = 0; e <= deg; e++) {
        v.coef[e][2 * q] = coef[e][2 * i];
        v.coef[e][2 * q + 1] = coef[e][2 * i + 1];
      }
      sm.ystart[2 * q] = memory.ystart[2 * i];
      sm.ystart[2 * q + 1] = memory.ystart[2 * i + 1];
      sm.hsub[q] = memory.hsub[i];
      sm.hfirst[q] = memory.hfirst[i];
    }
    const { ctrl, params } = v;
    params[CPARAM.H] = H;
    params[CPARAM.RTOL] = rtol;
    params[CPARAM.ATOL] = atol;
    ctrl[CCTRL.COUNT] = count;
    ctrl[CCTRL.DEG] = deg;
    ctrl[CCTRL.LARGEST] = job.largest;
    ctrl[CCTRL.TASK_CLAIM] = 0;
    ctrl[CCTRL.ERROR] = 0;
    this.seq = Atomics.add(ctrl, CCTRL.SEQ, 1) + 1;
    Atomics.notify(ctrl, CCTRL.SEQ);
    if (this.mine.length < count) this.mine = new Uint8Array(2 * count);
    const mine = this.mine;
    mine.fill(0, 0, count);
    let failure: unknown = null;
    try {
      claimClusters(ctrl, count, (c) => {
        solver.solveCluster(c, y, coef, H, rtol, atol, out);
        mine[c] = 1;
      });
    } catch (e) {
      failure = e;
      Atomics.store(ctrl, CCTRL.TASK_CLAIM, count); // the helper claims no more
    }
    const helped = this.finish();
    if (failure) throw failure;
    if (!helped) return true;
    if (ctrl[CCTRL.ERROR] > 0)
      throw new Error(String.fromCharCode(...v.message.subarray(0, ctrl[CCTRL.ERROR])));
    const dim = this.dim;
    for (let c = 0; c < count; c++) {
      if (mine[c]) continue;
      this.helperClusters++;
      for (let q = start[c]; q < start[c + 1]; q++) {
        const i = members[q];
        for (let d = 0; d < dim; d++) out[2 * i + d] = v.out[2 * q + d];
        memory.ystart[2 * i] = sm.ystart[2 * q];
        memory.ystart[2 * i + 1] = sm.ystart[2 * q + 1];
        memory.hsub[i] = sm.hsub[q];
        memory.hfirst[i] = sm.hfirst[q];
      }
    }
    solver.subSteps += params[CPARAM.SUB_STEPS];
    solver.subRejected += params[CPARAM.SUB_REJECTED];
    solver.stageUnknowns += params[CPARAM.STAGE_UNKNOWNS];
    solver.explicitSolves += params[CPARAM.EXPLICIT];
    return true;
  }

  /**
   * The job's clusters and kept pairs into the block, members renumbered by slot (member q of the
   * list is particle q there): the helper's solves see the same numbers in other places.
   */
  private publish(job: ClusterJob): void {
    const { layout, count, pairs } = job;
    const { signs, slot } = this;
    const s = this.v.layout;
    s.start.set(layout.start.subarray(0, count + 1));
    s.pairStart.set(layout.pairStart.subarray(0, count + 1));
    const end = layout.start[count];
    for (let q = 0; q < end; q++) {
      const i = layout.members[q];
      s.members[q] = q;
      s.local[q] = layout.local[i];
      this.v.signs[q] = signs[i];
      slot[i] = q;
    }
    for (let p = 0; p < pairs; p++) {
      s.pi[p] = slot[layout.pi[p]];
      s.pj[p] = slot[layout.pj[p]];
      s.pn[p] = layout.pn[p];
    }
  }

  /**
   * Wait until the helper is done with the command, or take it back if it has not started it
   * (false: then the helper, starting late, finds it taken and does nothing).
   */
  private finish(): boolean {
    const slots = { claim: CCTRL.CLAIM, done: CCTRL.DONE, detached: CCTRL.DETACHED };
    return finishCommand(this.v.ctrl, slots, this.seq, 4096);
  }
}
