import { describe, expect, it } from 'vitest';
import { coreMultiplier } from '../../src/model/kernels/multipliers';
import { FastSum1d } from '../../src/model/oneD/fastSum1d';
import { shortDipoles1d, sineCumulative } from '../../src/model/oneD/init1d';
import { makeKernel1d } from '../../src/model/oneD/kernel1d';
import { embed1d } from '../../src/model/oneD/system1d';
import { createRng } from '../../src/model/random';
import type { CoreModel } from '../../src/model/types';

const TWO_PI = 2 * Math.PI;

function iid(n: number, seed: number): { x: Float64Array; b: Int8Array } {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const b = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.nextDouble();
    b[i] = i % 2 === 0 ? 1 : -1;
  }
  return { x, b };
}

/**
 * raw_i = −b_i Σ_j b_j V_δ'(x_i − x_j) and Σ_iΣ_j b_ib_j V_δ(x_i − x_j) by the Fourier series of the
 * multiplier, V_δ = Σ_{k≠0} m_δ(k)/(2|k|) e^{2πikx}, through S_k = Σ_j b_j e^{−2πikx_j}; all modes
 * until |m_δ| < 1e-19 (the ring's until its gaussian factor is).
 */
function fourierSums(core: CoreModel, delta: number, x: Float64Array, b: Int8Array) {
  const n = x.length;
  let K = 1;
  const env = (k: number) =>
    core === 'ring'
      ? Math.exp((-Math.PI * Math.PI * delta * delta * k * k) / 2)
      : coreMultiplier(core, delta, k * k);
  while (env(K) > 1e-19) K++;
  const raw = new Float64Array(n);
  let energy = 0;
  for (let k = 1; k <= K; k++) {
    const c = coreMultiplier(core, delta, k * k) / (2 * k);
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      sr += b[j] * Math.cos(TWO_PI * k * x[j]);
      si -= b[j] * Math.sin(TWO_PI * k * x[j]);
    }
    energy += 2 * c * (sr * sr + si * si);
    // u'(x) gains −4πk c Im[S_k e^{2πikx}]
    for (let i = 0; i < n; i++) {
      const ci = Math.cos(TWO_PI * k * x[i]);
      const s = Math.sin(TWO_PI * k * x[i]);
      raw[i] += b[i] * 4 * Math.PI * k * c * (sr * s + si * ci);
    }
  }
  return { raw, energy };
}

function maxRel(a: Float64Array, ref: Float64Array, stride = 2): number {
  let e = 0;
  let m = 0;
  for (let i = 0; i < ref.length; i++) {
    e = Math.max(e, Math.abs(a[stride * i] - ref[i]));
    m = Math.max(m, Math.abs(ref[i]));
  }
  return e / m;
}

describe('1D fast sum (MATH §12): against direct Fourier sums', () => {
  const cases: [CoreModel, number, number][] = [];
  for (const core of ['poisson', 'gaussian', 'plummer', 'ring'] as CoreModel[])
    for (const delta of [0.05, 0.002, 5e-4]) cases.push([core, delta, 512]);
  cases.push(['poisson', 0.002, 1024], ['plummer', 0.001, 1024]);
  it.each(cases)('%s δ = %s, n = %s', (core, delta, n) => {
    const { x, b } = iid(n, 11);
    const fs = new FastSum1d(makeKernel1d(core, delta), n);
    const out = new Float64Array(2 * n);
    const e = fs.accumulateWithEnergy(embed1d(x), b, out);
    const ref = fourierSums(core, delta, x, b);
    const ve = maxRel(out, ref.raw);
    const ee = Math.abs(e - ref.energy) / Math.abs(ref.energy);
    console.log(
      `${core} δ=${delta} n=${n} ${fs.plan.mode} K=${fs.plan.K}: velocity ${ve.toExponential(1)}, energy ${ee.toExponential(1)}`,
    );
    expect(ve).toBeLessThan(1e-10);
    expect(ee).toBeLessThan(1e-12);
    // the two entry points agree with the combined one
    const only = new Float64Array(2 * n);
    fs.accumulate(embed1d(x), b, only);
    expect(maxRel(only, ref.raw)).toBeLessThan(1e-10);
    expect(Math.abs(fs.pairEnergy(embed1d(x), b) - e)).toBeLessThan(1e-12 * Math.abs(e));
  });
});

/**
 * For δ ≤ 1e-6 the poisson kernel is, to O(δ²) ≤ 1e-12, its line form on the minimum image plus
 * the bare periodic correction: V_δ'(d) = −d/(d² + δ²) + (1/d − π cot πd), written here from the
 * image sum (the cot is Σ_m 1/(d + m)), with a series where the bracket cancels.
 */
function imageSlope(d: number, delta: number): number {
  d -= Math.round(d);
  const a = Math.abs(d);
  let corr: number;
  if (a < 0.05) {
    // 1/d − π cot πd = Σ_{j≥1} 2ζ(2j) d^{2j−1}
    const z = [
      1.6449340668482264, 1.082323233711138, 1.017343061984449, 1.004077356197944, 1.000994575127818,
      1.000246086553308, 1.000061248135059,
    ];
    corr = 0;
    let p = d;
    for (const zj of z) {
      corr += 2 * zj * p;
      p *= d * d;
    }
  } else corr = 1 / d - Math.PI / Math.tan(Math.PI * d);
  return -d / (d * d + delta * delta) + corr;
}

describe('1D fast sum at tiny δ (poisson, short dipoles)', () => {
  it.each([
    [1e-6, 512],
    [1e-12, 512],
    [1e-12, 4096],
  ])('δ = %s, n = %s: dipoles of separation δ and the rest i.i.d.', (delta, n) => {
    const F = sineCumulative(0.5);
    const dip = shortDipoles1d(n / 2, F, delta, 0.5);
    const { x: xr, b: br } = iid(n / 2, 5);
    const x = new Float64Array(n);
    const b = new Int8Array(n);
    x.set(dip.x);
    b.set(dip.signs);
    x.set(xr, n / 2);
    b.set(br, n / 2);
    const fs = new FastSum1d(makeKernel1d('poisson', delta), n);
    expect(fs.plan.mode).toBe('split');
    const out = new Float64Array(2 * n);
    fs.accumulate(embed1d(x), b, out);
    const ref = new Float64Array(n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (j !== i) ref[i] -= b[i] * b[j] * imageSlope(x[i] - x[j], delta);
    // separately: the dipoles (velocities ~1/δ) and the free particles (velocities O(1))
    const part = (from: number, to: number) => maxRel(out.subarray(2 * from, 2 * to), ref.subarray(from, to));
    const eDip = part(0, n / 2);
    const eFree = part(n / 2, n);
    console.log(
      `poisson δ=${delta} n=${n}: dipoles ${eDip.toExponential(1)}, free ${eFree.toExponential(1)}`,
    );
    expect(eDip).toBeLessThan(1e-12);
    expect(eFree).toBeLessThan(1e-10);
  });
});
