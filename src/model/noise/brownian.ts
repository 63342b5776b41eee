import { portableLog } from '../random';

/**
 * Virtual Brownian tree: W(t) for every (seed, particle, coordinate) as a pure function of t.
 *
 * Why: a link must replay bit for bit whatever steps the integrator takes, and refining the steps
 * must converge on the SAME path (strong order). A stream of increments depends on the step
 * sequence; a tree does not. W on [0, TOP] is built by Lévy's midpoint construction: W(0) = 0,
 * W(TOP) = √TOP·Z_root, and an interval [a, a + 2h] with known ends gets its midpoint
 * W(a + h) = (W(a) + W(a + 2h))/2 + √(h/2)·Z_node (the Brownian bridge's midpoint law). Each Z is a
 * standard normal computed from a counter-based hash of (seed, particle, coordinate, level, node),
 * so no state is stored and any t is reached by descending LEVELS levels (stopping early when t is
 * a node: dyadic steps of 2⁻⁸ stop at level 18). Below the finest level (2⁻³⁴) W is linear.
 * Only +, −, ×, ÷, √ and 32-bit integer operations are used: identical in every JS engine.
 */
export const BROWNIAN_TOP = 1024;
export const BROWNIAN_LEVELS = 44;

const TWO_POW_32 = 4294967296;
const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/** murmur3 finaliser: a bijection of uint32 with full avalanche. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Absorbs one word into the running hash (murmur3's block step, then a finaliser). */
function absorb(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  return fmix32(h);
}

/**
 * Standard normal variate keyed by (stream key, level, node index), by Marsaglia's polar method:
 * each attempt hashes four words more into two uniforms of 53 bits; rejections take the next attempt.
 */
export function keyedNormal(key: number, level: number, node: number): number {
  const lo = (node % TWO_POW_32) | 0;
  const hi = Math.floor(node / TWO_POW_32) | 0;
  const base = absorb(absorb(absorb(key, level), lo), hi);
  for (let attempt = 0; ; attempt++) {
    const h0 = absorb(base, attempt);
    const w0 = fmix32(h0 ^ 0x68e31da4) >>> 5;
    const w1 = fmix32(h0 ^ 0xb5297a4d) >>> 6;
    const w2 = fmix32(h0 ^ 0x1b56c4e9) >>> 5;
    const w3 = fmix32(h0 ^ 0x7f4a7c15) >>> 6;
    const u = (2 * (w0 * TWO_POW_26 + w1)) / TWO_POW_53 - 1;
    const v = (2 * (w2 * TWO_POW_26 + w3)) / TWO_POW_53 - 1;
    const s = u * u + v * v;
    if (s >= 1 || s === 0) continue;
    return u * Math.sqrt((-2 * portableLog(s)) / s);
  }
}

/** The key of one scalar Brownian motion: (seed, particle, coordinate). */
export function streamKey(seed: number, particle: number, coordinate: number): number {
  return absorb(absorb(fmix32((seed | 0) ^ 0x2545f491), particle | 0), coordinate | 0);
}

/** W(t) of the scalar Brownian motion with stream key `key`, 0 ≤ t ≤ BROWNIAN_TOP. */
export function brownianAt(key: number, t: number): number {
  if (!(t >= 0 && t <= BROWNIAN_TOP)) throw new RangeError(`brownian: t = ${t} outside [0, ${BROWNIAN_TOP}]`);
  let a = 0;
  let b = BROWNIAN_TOP;
  let wa = 0;
  let wb = Math.sqrt(BROWNIAN_TOP) * keyedNormal(key, 0, 0);
  let node = 0;
  for (let level = 1; level <= BROWNIAN_LEVELS; level++) {
    if (t === a) return wa;
    if (t === b) return wb;
    const h = 0.5 * (b - a);
    const m = a + h;
    const wm = 0.5 * (wa + wb) + Math.sqrt(0.5 * h) * keyedNormal(key, level, node);
    if (t < m) {
      b = m;
      wb = wm;
      node = 2 * node;
    } else {
      a = m;
      wa = wm;
      node = 2 * node + 1;
    }
  }
  if (t === a) return wa;
  return wa + ((t - a) / (b - a)) * (wb - wa);
}

/**
 * At most this many streams keep their descent (2·(LEVELS + 1) doubles each, ~11 MB at the cap);
 * beyond it every sample descends from the root.
 */
const CACHED_STREAMS = 16384;

/** The n·dims Brownian motions of a noisy particle system, keyed by one seed. */
export class BrownianPaths {
  private readonly keys: Int32Array;
  /**
   * The last descent. Which child is taken at each level depends on t alone, so the intervals
   * [lo[l], hi[l]] (and their node indices) are shared by every stream; each stream keeps the W
   * values at their ends. A new t re-descends only below the deepest interval it shares with the
   * last one: consecutive steps share all but a few levels. Same operations in the same order as
   * brownianAt, so the same bits (tests/unit/noise.brownian.test.ts checks it).
   */
  private readonly lo = new Float64Array(BROWNIAN_LEVELS + 1);
  private readonly hi = new Float64Array(BROWNIAN_LEVELS + 1);
  private readonly nodes = new Float64Array(BROWNIAN_LEVELS + 1);
  private readonly wLo: Float64Array | null;
  private readonly wHi: Float64Array | null;
  /** Deepest level of the last descent (−1: none yet). */
  private depth = -1;

  constructor(
    readonly seed: number,
    readonly n: number,
    /** Moved coordinates per particle: 2 (isotropic) or 1 (slip: x₁ only). */
    readonly dims: 1 | 2,
  ) {
    this.keys = new Int32Array(n * dims);
    for (let i = 0; i < n; i++)
      for (let c = 0; c < dims; c++) this.keys[i * dims + c] = streamKey(seed, i, c);
    const cached = this.keys.length <= CACHED_STREAMS;
    this.wLo = cached ? new Float64Array(this.keys.length * (BROWNIAN_LEVELS + 1)) : null;
    this.wHi = cached ? new Float64Array(this.keys.length * (BROWNIAN_LEVELS + 1)) : null;
  }

  /** out[i·dims + c] = W_{i,c}(t). */
  sample(t: number, out: Float64Array): void {
    const keys = this.keys;
    const { wLo, wHi } = this;
    if (!wLo || !wHi) {
      for (let k = 0; k < keys.length; k++) out[k] = brownianAt(keys[k], t);
      return;
    }
    if (!(t >= 0 && t <= BROWNIAN_TOP))
      throw new RangeError(`brownian: t = ${t} outside [0, ${BROWNIAN_TOP}]`);
    const { lo, hi, nodes } = this;
    const S = BROWNIAN_LEVELS + 1;
    if (this.depth < 0) {
      lo[0] = 0;
      hi[0] = BROWNIAN_TOP;
      nodes[0] = 0;
      for (let k = 0; k < keys.length; k++) {
        wLo[k * S] = 0;
        wHi[k * S] = Math.sqrt(BROWNIAN_TOP) * keyedNormal(keys[k], 0, 0);
      }
      this.depth = 0;
    }
    // the deepest kept level whose interval the descent for t passes through (as brownianAt would);
    // brownianAt tests both ends of levels < LEVELS but only the lower end of the last one
    let j = 0;
    for (;;) {
      if (t === lo[j]) {
        this.read(out, wLo, j);
        return;
      }
      if (j === BROWNIAN_LEVELS) break;
      if (t === hi[j]) {
        this.read(out, wHi, j);
        return;
      }
      if (j >= this.depth) break;
      const m = lo[j] + 0.5 * (hi[j] - lo[j]);
      if (t < m ? hi[j + 1] !== m : lo[j + 1] !== m) break;
      j++;
    }
    // descend from level j, as brownianAt's loop does from there
    let level = j;
    while (level < BROWNIAN_LEVELS) {
      const a = lo[level];
      const b = hi[level];
      if (t === a || t === b) break;
      const h = 0.5 * (b - a);
      const m = a + h;
      const sd = Math.sqrt(0.5 * h);
      const node = nodes[level];
      const left = t < m;
      for (let k = 0; k < keys.length; k++) {
        const o = k * S + level;
        const wm = 0.5 * (wLo[o] + wHi[o]) + sd * keyedNormal(keys[k], level + 1, node);
        wLo[o + 1] = left ? wLo[o] : wm;
        wHi[o + 1] = left ? wm : wHi[o];
      }
      lo[level + 1] = left ? a : m;
      hi[level + 1] = left ? m : b;
      nodes[level + 1] = left ? 2 * node : 2 * node + 1;
      level++;
    }
    this.depth = level;
    const a = lo[level];
    const b = hi[level];
    if (t === a) this.read(out, wLo, level);
    else if (level < BROWNIAN_LEVELS) this.read(out, wHi, level);
    else
      for (let k = 0; k < keys.length; k++) {
        const o = k * S + level;
        out[k] = wLo[o] + ((t - a) / (b - a)) * (wHi[o] - wLo[o]);
      }
  }

  private read(out: Float64Array, w: Float64Array, level: number): void {
    const S = BROWNIAN_LEVELS + 1;
    for (let k = 0; k < this.keys.length; k++) out[k] = w[k * S + level];
  }
}
