import { CORES, coreForms, pairConstants } from '../kernels/cores';
import type { CoreModel } from '../types';
import { cellStartLength } from './cells';
import { CACHE_MAX, type FarMemory, WEIGHT_STRIDE } from './farField';
import { spectrumLength } from './gridFft';
import { MAX_NEAR_CHUNKS, type NearConfig, type NearOutput } from './nearField';
import { TABLE_COEFS } from './table';

/**
 * The memory one fast sum shares with its helper thread (helper.ts): a control block, the sorted
 * particles, the near field's tables and the helper's output. One layout serves both sides (and
 * the single-threaded evaluator, on a plain ArrayBuffer), so the same code computes the same bits
 * whichever thread runs it.
 */
export const CTRL = {
  /** Incremented by the main thread for each command. */
  SEQ: 0,
  /** Set to SEQ by the helper when the command is done. */
  DONE: 1,
  KIND: 2,
  /** 1 once a helper serves this block. */
  READY: 3,
  /** The near field's chunks (nearField.ts): the next to claim, and those done. */
  NEAR_CLAIM: 4,
  NEAR_DONE: 5,
  /** With COMMAND.GATHER: the far gather's tasks (GATHER_TASK particles each), next and done. */
  GATHER_CLAIM: 6,
  CELLS: 7,
  REACH: 8,
  INTERVALS: 9,
  FLAGS: 10,
  CORE: 11,
  /** Incremented whenever the near configuration changes (the helper rebuilds its view). */
  CONFIG: 12,
  N: 13,
  /** Set to 1 by the helper when it no longer serves this block. */
  DETACHED: 14,
  GATHER_DONE: 15,
  /** Set to SEQ by the main thread once the convolved grid of command SEQ is in the block. */
  GRID: 16,
  /** The far configuration (grid side, window width; β in the params), bumped on change. */
  FAR_M: 17,
  FAR_W: 18,
  FAR_CONFIG: 19,
  /** The far field's cut-off (its spectrum's size). */
  FAR_K: 20,
  /** With COMMAND.GRID: the cells per side of the sort (gridShare.ts finds a band's particles). */
  GRID_CELLS: 21,
  /** Per phase of the grid stage (gridShare.ts): the next task to claim, and the tasks done. */
  GRID_CLAIM: 22,
  GRID_DONE: 26,
  /** 1 when the grid stage has its weight phase (kept weights): the helper joins only if it agrees. */
  GRID_KEPT: 30,
  /**
   * The last command claimed, by the helper when it starts it or by the main thread when it
   * finds it unstarted (compareExchange from SEQ − 1: each command runs on exactly one thread).
   */
  CLAIM: 31,
  /** 1 when the main thread's far field keeps its weights in the block (the helper's gather may read them). */
  FAR_KEPT: 32,
} as const;
export const CTRL_INTS = 33;
/** Phases of the shared grid stage (slots GRID_CLAIM + p, GRID_DONE + p). */
export const GRID_PHASES = 4;

const PARAM = {
  Q2: 0,
  DELTA: 1,
  GRAD_QMAX: 2,
  VAL_QMAX: 3,
  SELF: 4,
  BETA: 5,
} as const;
const PARAMS = 8;

/**
 * What a command computes (GRADIENT, ENERGY) and what the helper takes part in: NEAR the near
 * field's chunks, GATHER the far gather's tasks (once the grid is convolved), GRID the grid stage
 * (spread and FFT: gridShare.ts) from the start.
 */
export const COMMAND = { GRADIENT: 1, ENERGY: 2, BOTH: 3, GATHER: 4, GRID: 8, NEAR: 16 } as const;

/** Particles per task of the far gather shared between the threads. */
export const GATHER_TASK = 512;

export function gatherTasks(n: number): number {
  return Math.ceil(n / GATHER_TASK);
}

/** Largest near table (nearTables.ts): 1024 intervals of 3 (gradient) and 2 (value) functions. */
const MAX_INTERVALS = 1024;
const GRAD_CAPACITY = MAX_INTERVALS * 3 * TABLE_COEFS;
const VAL_CAPACITY = MAX_INTERVALS * 2 * TABLE_COEFS;

export interface SharedViews {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  readonly n: number;
  readonly ctrl: Int32Array;
  readonly params: Float64Array;
  readonly sx: Float64Array;
  readonly sy: Float64Array;
  readonly sb: Float64Array;
  readonly cellStart: Int32Array;
  readonly grad: Float64Array;
  readonly val: Float64Array;
  /** The near field's output (nearField.ts): own and spill gradients, per-chunk energies and pairs. */
  readonly near: NearOutput;
  /** The far gradients (cell order): the main thread's particles and the helper's. */
  readonly ffx: Float64Array;
  readonly ffy: Float64Array;
  /** The far field's kept weights (n ≤ CACHE_MAX, else empty), written by the main thread's spread. */
  readonly wx: Float64Array;
  readonly wy: Float64Array;
  readonly ix: Int32Array;
  readonly iy: Int32Array;
  /** The rest of the block: room for the far field's grid (M²) and then its spectrum (farRoom). */
  readonly grid: Float64Array;
}

function layout(n: number): { bytes: number; f64: number[]; i32: number[] } {
  // Float64 regions first (8-byte aligned), then the Int32 ones
  const kept = n <= CACHE_MAX ? n : 0;
  const f64 = [
    PARAMS,
    n,
    n,
    n,
    GRAD_CAPACITY,
    VAL_CAPACITY,
    n,
    n,
    n,
    n,
    n,
    n,
    MAX_NEAR_CHUNKS,
    kept * WEIGHT_STRIDE,
    kept * WEIGHT_STRIDE,
  ];
  const i32 = [CTRL_INTS, cellStartLength(n), kept, kept, MAX_NEAR_CHUNKS];
  let bytes = 8 * f64.reduce((a, b) => a + b, 0) + 4 * i32.reduce((a, b) => a + b, 0);
  bytes += bytes % 8;
  return { bytes, f64, i32 };
}

/** Bytes of a block for n particles with room for a grid of gridCap doubles. */
export function sharedBytes(n: number, gridCap = 0): number {
  return layout(n).bytes + 8 * gridCap;
}

/** Views of a block for n particles (the block from sharedBytes(n) bytes). */
export function sharedViews(buffer: ArrayBuffer | SharedArrayBuffer, n: number): SharedViews {
  const { f64, i32 } = layout(n);
  let off = 0;
  const d = f64.map((len) => {
    const v = new Float64Array(buffer, off, len);
    off += 8 * len;
    return v;
  });
  const i = i32.map((len) => {
    const v = new Int32Array(buffer, off, len);
    off += 4 * len;
    return v;
  });
  off += off % 8;
  return {
    buffer,
    n,
    params: d[0],
    sx: d[1],
    sy: d[2],
    sb: d[3],
    grad: d[4],
    val: d[5],
    near: { ox: d[6], oy: d[7], px: d[8], py: d[9], energy: d[12], pairs: i[4] },
    ffx: d[10],
    ffy: d[11],
    wx: d[13],
    wy: d[14],
    ctrl: i[0],
    cellStart: i[1],
    ix: i[2],
    iy: i[3],
    grid: new Float64Array(buffer, off, (buffer.byteLength - off) / 8),
  };
}

const CORE_BY_CODE = Object.fromEntries(
  Object.entries(CORES).map(([name, entry]) => [entry.code, name as CoreModel]),
);

/** Publish a near configuration (its tables copied into the block) for the helper. */
export function writeNearConfig(v: SharedViews, cfg: NearConfig): void {
  const { ctrl, params } = v;
  ctrl[CTRL.N] = v.n;
  ctrl[CTRL.CELLS] = cfg.cells;
  ctrl[CTRL.REACH] = cfg.reach;
  ctrl[CTRL.INTERVALS] = cfg.grad.intervals;
  ctrl[CTRL.FLAGS] = (cfg.slip ? 1 : 0) | (cfg.tabulatedCore ? 2 : 0);
  ctrl[CTRL.CORE] = cfg.core.code;
  params[PARAM.Q2] = cfg.q2;
  params[PARAM.DELTA] = cfg.core.delta;
  params[PARAM.GRAD_QMAX] = cfg.grad.qMax;
  params[PARAM.VAL_QMAX] = cfg.val.qMax;
  params[PARAM.SELF] = cfg.selfValue;
  if (cfg.grad.intervals !== cfg.val.intervals || cfg.grad.coef.length > GRAD_CAPACITY)
    throw new Error('fast sum: near tables exceed the shared block');
  v.grad.set(cfg.grad.coef);
  v.val.set(cfg.val.coef);
  Atomics.add(ctrl, CTRL.CONFIG, 1);
}

/** The helper's view of the published near configuration (tables read in place). */
export function readNearConfig(v: SharedViews): NearConfig {
  const { ctrl, params } = v;
  const slip = (ctrl[CTRL.FLAGS] & 1) !== 0;
  const intervals = ctrl[CTRL.INTERVALS];
  const core = CORE_BY_CODE[ctrl[CTRL.CORE]];
  const delta = params[PARAM.DELTA];
  const table = (coef: Float64Array, functions: number, qMax: number) => ({
    qMax,
    intervals,
    functions,
    invH: intervals / qMax,
    coef: coef.subarray(0, intervals * functions * TABLE_COEFS),
  });
  return {
    slip,
    tabulatedCore: (ctrl[CTRL.FLAGS] & 2) !== 0,
    core: pairConstants(core, delta),
    forms: coreForms(core, delta),
    q2: params[PARAM.Q2],
    grad: table(v.grad, slip ? 3 : 1, params[PARAM.GRAD_QMAX]),
    val: table(v.val, slip ? 2 : 1, params[PARAM.VAL_QMAX]),
    selfValue: params[PARAM.SELF],
    cells: ctrl[CTRL.CELLS],
    reach: ctrl[CTRL.REACH],
  };
}

/** Publish the far field's grid side, cut-off, window and whether it keeps weights, for the helper. */
export function writeFarConfig(
  v: SharedViews,
  M: number,
  K: number,
  w: number,
  beta: number,
  kept: boolean,
): void {
  v.ctrl[CTRL.FAR_KEPT] = kept ? 1 : 0;
  v.ctrl[CTRL.FAR_M] = M;
  v.ctrl[CTRL.FAR_K] = K;
  v.ctrl[CTRL.FAR_W] = w;
  v.params[PARAM.BETA] = beta;
  Atomics.add(v.ctrl, CTRL.FAR_CONFIG, 1);
}

export function readFarConfig(v: SharedViews): {
  M: number;
  K: number;
  w: number;
  beta: number;
  kept: boolean;
} {
  const c = v.ctrl;
  return {
    M: c[CTRL.FAR_M],
    K: c[CTRL.FAR_K],
    w: c[CTRL.FAR_W],
    beta: v.params[PARAM.BETA],
    kept: c[CTRL.FAR_KEPT] === 1,
  };
}

/** Doubles of the block's grid room that a far field of side M, cut-off K shares: grid and spectrum. */
export function farRoom(M: number, K: number): number {
  return M * M + 3 * spectrumLength(M, K) + K + 1;
}

/**
 * The far field's memory in the block: the kept weights, the grid if it fits (the helper can
 * gather), and the spectrum after it if that fits too (the helper can take part in the FFT).
 */
export function farMemory(v: SharedViews, M: number, K: number): FarMemory {
  const weights = { wx: v.wx, wy: v.wy, ix: v.ix, iy: v.iy };
  const g = v.grid;
  const M2 = M * M;
  if (!(M > 0) || M2 > g.length) return weights;
  const grid = g.subarray(0, M2);
  if (farRoom(M, K) > g.length) return { ...weights, grid };
  const L = spectrumLength(M, K);
  const at = (i: number, len = L) => g.subarray(M2 + i * L, M2 + i * L + len);
  return { ...weights, grid, spectrum: { re: at(0), im: at(1), mult: at(2), quad: at(3, K + 1) } };
}

/** Spins before a wait for the other thread sleeps: it is usually a few µs away. */
export const SPIN = 4096;

/**
 * Run tasks [0, total) claimed one at a time from the counter ctrl[claim] until none is left,
 * counting each in ctrl[done] (the last notifies): with both threads in this loop every task runs
 * once, on whichever thread claims it. Returns the tasks run here.
 */
export function runTasks(
  ctrl: Int32Array,
  claim: number,
  done: number,
  total: number,
  task: (t: number) => void,
): number {
  let ran = 0;
  for (let t = Atomics.add(ctrl, claim, 1); t < total; t = Atomics.add(ctrl, claim, 1)) {
    task(t);
    ran++;
    if (Atomics.add(ctrl, done, 1) + 1 === total) Atomics.notify(ctrl, done);
  }
  return ran;
}

/** Until ctrl[done] counts `total` tasks (spinning first; waiting only on a shared block). */
export function awaitTasks(ctrl: Int32Array, done: number, total: number): void {
  for (let spin = 0; ; spin++) {
    const d = Atomics.load(ctrl, done);
    if (d >= total) return;
    if (spin >= SPIN) Atomics.wait(ctrl, done, d, 100);
  }
}
