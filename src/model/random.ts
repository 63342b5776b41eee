/**
 * The project's one source of randomness (MATH §7): xoshiro128** 1.1 (Blackman & Vigna, 2018),
 * its 128-bit state filled by splitmix32 from a uint32 seed.
 *
 * Why this generator: it needs only 32-bit integer operations (Math.imul, shifts, xor), which every
 * JS engine evaluates identically, so a seed gives the same stream in node, workers and every
 * browser. Doubles are built from 53 random bits with exact integer arithmetic; the normal
 * variate uses Marsaglia's polar method with a logarithm written in plain IEEE arithmetic
 * (Math.log is not required to be correctly rounded, and engines differ in the last bit).
 */

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;
const TWO_POW_32 = 4294967296;

/**
 * splitmix32 step: advances `state` by the golden-ratio increment and returns the murmur3
 * finaliser of it. Used only to expand a seed into the generator's state.
 */
function splitmix32(state: number): { state: number; value: number } {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return { state, value: z >>> 0 };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A seeded stream of random numbers. Same seed, same calls → bit-identical results everywhere. */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** Second value of the last polar-method pair, or NaN when none is pending. */
  private spareNormal = Number.NaN;

  /** seed: any integer; it is reduced mod 2³² (so −1 and 2³²−1 give the same stream). */
  constructor(seed: number) {
    let st = seed | 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = splitmix32(st);
      st = r.state;
      words.push(r.value | 0);
    }
    // The finaliser is a bijection of distinct inputs, so at most one word is 0: never all zero.
    this.setState(words[0], words[1], words[2], words[3]);
  }

  /** Starts from an explicit xoshiro128** state (for tests against the reference algorithm). */
  static fromState(a: number, b: number, c: number, d: number): Rng {
    const r = new Rng(0);
    r.setState(a | 0, b | 0, c | 0, d | 0);
    return r;
  }

  private setState(a: number, b: number, c: number, d: number): void {
    this.s0 = a;
    this.s1 = b;
    this.s2 = c;
    this.s3 = d;
    this.spareNormal = Number.NaN;
  }

  /** Uniform integer in [0, 2³²). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** Uniform double in [0, 1): 53 random bits (27 + 26 from two draws), exact arithmetic. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * TWO_POW_26 + lo) / TWO_POW_53;
  }

  /** Uniform integer in [0, k) without modulo bias; 1 ≤ k ≤ 2³². */
  nextInt(k: number): number {
    if (!(k >= 1 && k <= TWO_POW_32) || !Number.isInteger(k)) throw new RangeError(`nextInt: bad k ${k}`);
    const limit = TWO_POW_32 - (TWO_POW_32 % k);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % k;
    }
  }

  /** Standard normal variate (Marsaglia polar method; the pair's second value is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal;
      this.spareNormal = Number.NaN;
      return v;
    }
    for (;;) {
      const u = 2 * this.nextDouble() - 1;
      const v = 2 * this.nextDouble() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const f = Math.sqrt((-2 * portableLog(s)) / s);
      this.spareNormal = v * f;
      return u * f;
    }
  }
}

/** A new generator from a uint32 seed (MATH §7: every random choice of the project goes through this). */
export function createRng(seed: number): Rng {
  return new Rng(seed);
}

/**
 * Natural logarithm of x > 0 (finite) using only +, −, ×, ÷ (correctly rounded in every engine), so
 * its result is the same everywhere. Accuracy about 2 ulp, fine for random variates.
 */
export function portableLog(x: number): number {
  if (!(x > 0) || x === Number.POSITIVE_INFINITY) return Number.NaN;
  // x = m·2^e with m in [1/√2, √2); multiplying by powers of two is exact.
  let m = x;
  let e = 0;
  while (m < 2.3283064365386963e-10) {
    m *= TWO_POW_32;
    e -= 32;
  }
  while (m > TWO_POW_32) {
    m /= TWO_POW_32;
    e += 32;
  }
  while (m < Math.SQRT1_2) {
    m *= 2;
    e -= 1;
  }
  while (m >= Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  // log m = 2 atanh t, t = (m−1)/(m+1), |t| ≤ 0.1716: Σ t^(2k+1)/(2k+1), k ≤ 13 reaches 1e-19.
  const t = (m - 1) / (m + 1);
  const t2 = t * t;
  let p = 1 / 29;
  for (let k = 13; k >= 0; k--) p = p * t2 + 1 / (2 * k + 1);
  // ln 2 split in a head with few bits (e·LN2_HI is exact for |e| < 2^11) and a tail.
  const LN2_HI = 0.6931471803691238;
  const LN2_LO = 1.9082149292705877e-10;
  return e * LN2_HI + (2 * t * p + e * LN2_LO);
}
