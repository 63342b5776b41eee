import { describe, expect, it } from 'vitest';
import { createRng, portableLog, Rng } from '../../src/model/random';

const M32 = (1n << 32n) - 1n;

/** Independent reference: xoshiro128** written from the published algorithm with BigInt arithmetic. */
function referenceXoshiro(state: bigint[]): () => bigint {
  const s = state.map((v) => BigInt.asUintN(32, v));
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M32;
  return () => {
    const result = (rotl((s[1] * 5n) & M32, 7n) * 9n) & M32;
    const t = (s[1] << 9n) & M32;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
    return result;
  };
}

/** Independent reference of the seeding: splitmix32 (golden-ratio step + murmur3 fmix32). */
function referenceSeedState(seed: number): bigint[] {
  let st = BigInt.asUintN(32, BigInt(seed));
  const out: bigint[] = [];
  for (let i = 0; i < 4; i++) {
    st = (st + 0x9e3779b9n) & M32;
    let z = st;
    z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & M32;
    z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & M32;
    z ^= z >> 16n;
    out.push(z);
  }
  return out;
}

describe('xoshiro128** generator', () => {
  it('matches the published algorithm (hand-checked first outputs from state 1,2,3,4)', () => {
    const r = Rng.fromState(1, 2, 3, 4);
    // rotl(2·5, 7)·9 = 11520; after one step s1 = 0, so the second output is 0.
    expect(r.nextUint32()).toBe(11520);
    expect(r.nextUint32()).toBe(0);
  });

  it('agrees with a BigInt re-implementation for 2000 outputs, including states with high bits', () => {
    for (const st of [
      [1, 2, 3, 4],
      [0xffffffff, 0x80000000, 0x7fffffff, 0xdeadbeef],
    ]) {
      const r = Rng.fromState(st[0], st[1], st[2], st[3]);
      const ref = referenceXoshiro(st.map(BigInt));
      for (let i = 0; i < 2000; i++) expect(r.nextUint32()).toBe(Number(ref()));
    }
  });

  it('seeds through splitmix32 as documented (independent BigInt seeding)', () => {
    for (const seed of [0, 1, 42, 0x7fffffff, 0x80000000, 4294967295]) {
      const ref = referenceXoshiro(referenceSeedState(seed));
      const r = createRng(seed);
      for (let i = 0; i < 50; i++) expect(r.nextUint32()).toBe(Number(ref()));
    }
  });

  it('is deterministic and seed-sensitive', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    let differ = 0;
    for (let i = 0; i < 100; i++) {
      const x = a.nextDouble();
      expect(Object.is(x, b.nextDouble())).toBe(true);
      if (x !== c.nextDouble()) differ++;
    }
    expect(differ).toBe(100);
  });
});

describe('uniform doubles and integers', () => {
  it('nextDouble is (hi>>>5)·2^26 + (lo>>>6) over 2^53, in [0, 1)', () => {
    const a = createRng(3);
    const b = createRng(3);
    for (let i = 0; i < 1000; i++) {
      const hi = BigInt(b.nextUint32() >>> 5);
      const lo = BigInt(b.nextUint32() >>> 6);
      const expected = Number((hi << 26n) | lo) / 2 ** 53;
      const x = a.nextDouble();
      expect(x).toBe(expected);
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it('has the moments and a flat histogram of U(0,1) (χ² over 64 bins, fixed seed)', () => {
    const r = createRng(12345);
    const n = 200000;
    const bins = new Float64Array(64);
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = r.nextDouble();
      s1 += x;
      s2 += x * x;
      bins[Math.floor(x * 64)]++;
    }
    const mean = s1 / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(2e-3);
    const e = n / 64;
    let chi2 = 0;
    for (const b of bins) chi2 += ((b - e) * (b - e)) / e;
    // 63 degrees of freedom: mean 63, sd ≈ 11.2; a broken generator gives hundreds or more.
    expect(chi2).toBeLessThan(120);
    expect(chi2).toBeGreaterThan(25);
  });

  it('nextInt(k) is uniform on [0, k) (χ²) and rejects bad k', () => {
    const r = createRng(99);
    const k = 7;
    const counts = new Float64Array(k);
    const n = 70000;
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const v = r.nextInt(k);
      if (!(Number.isInteger(v) && v >= 0 && v < k)) bad++;
      else counts[v]++;
    }
    expect(bad).toBe(0);
    let chi2 = 0;
    for (const c of counts) chi2 += (c - n / k) ** 2 / (n / k);
    expect(chi2).toBeLessThan(25); // 6 d.o.f.
    expect(() => r.nextInt(0)).toThrow();
    expect(() => r.nextInt(2.5)).toThrow();
  });
});

describe('normal variates', () => {
  it('have mean 0, variance 1, kurtosis 3 and P(|z|<1) ≈ 0.6827', () => {
    const r = createRng(2024);
    const n = 200000;
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s1 += z;
      s2 += z * z;
      s4 += z ** 4;
      if (Math.abs(z) < 1) inside++;
    }
    expect(Math.abs(s1 / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(s4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
    expect(Math.abs(inside / n - 0.6826894921370859)).toBeLessThan(5 * Math.sqrt(0.2166 / n));
  });

  it('is deterministic', () => {
    const a = createRng(5);
    const b = createRng(5);
    for (let i = 0; i < 101; i++) expect(Object.is(a.normal(), b.normal())).toBe(true);
  });
});

describe('portableLog', () => {
  it('agrees with Math.log to a few ulps from 1e-300 to 1e300', () => {
    const r = createRng(1);
    let worst = 0;
    for (let i = 0; i < 20000; i++) {
      const x = 10 ** (600 * r.nextDouble() - 300);
      const l = Math.log(x);
      worst = Math.max(worst, Math.abs(portableLog(x) - l) / Math.max(1, Math.abs(l)));
    }
    expect(worst).toBeLessThanOrEqual(4e-16);
    for (const x of [1, 2, 0.5, Math.E, 1 + 2 ** -52, 1 - 2 ** -53, 5e-324, Number.MAX_VALUE]) {
      expect(Math.abs(portableLog(x) - Math.log(x))).toBeLessThanOrEqual(
        4e-16 * Math.max(1, Math.abs(Math.log(x))),
      );
    }
    expect(portableLog(1)).toBe(0);
    expect(Number.isNaN(portableLog(0))).toBe(true);
    expect(Number.isNaN(portableLog(-1))).toBe(true);
  });
});
