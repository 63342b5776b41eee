/**
 * One particle in U = a·cos 2πx₁ (slip: it moves along x₁ only) at temperature θ is, at long
 * times, distributed ∝ exp(−U/θ) on the circle. Kolmogorov–Smirnov test with a fixed seed on
 * samples 0.5 apart (the relaxation time ~1/(4π²θ) ≈ 0.05, so they are independent to e^-10).
 */
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import { NoisyStepper } from '../../src/model/noise/stepper';
import type { ExternalField } from '../../src/model/types';

/** CDF on [0, 1) of the density ∝ exp(−a cos(2πx)/θ), by the trapezoid rule on 20000 cells. */
function gibbsCdf(a: number, theta: number): (x: number) => number {
  const M = 20000;
  const c = new Float64Array(M + 1);
  const f = (x: number) => Math.exp((-a * Math.cos(2 * Math.PI * x)) / theta);
  for (let k = 0; k < M; k++) c[k + 1] = c[k] + (0.5 * (f(k / M) + f((k + 1) / M))) / M;
  const Z = c[M];
  return (x) => {
    const s = x * M;
    const k = Math.min(M - 1, Math.floor(s));
    return (c[k] + (s - k) * (c[k + 1] - c[k])) / Z;
  };
}

function ksDistance(sorted: number[], cdf: (x: number) => number): number {
  const N = sorted.length;
  let d = 0;
  sorted.forEach((x, k) => {
    const F = cdf(x);
    d = Math.max(d, Math.abs(F - k / N), Math.abs((k + 1) / N - F));
  });
  return d;
}

describe('noise: Gibbs measure of one particle', () => {
  it('is ∝ exp(−U/θ): KS accepts θ and rejects θ/2 and 2θ', () => {
    const a = 0.5;
    const theta = 0.5;
    const field: ExternalField = { modes: [{ a, p: 1, q: 0, phi: 0 }], force: [0, 0] };
    const sys = createSystem({ geometry: 'slip', core: 'gaussian', delta: 0.1 }, field, Int8Array.from([1]));
    const st = new NoisyStepper(sys, Float64Array.from([0.5, 0.5]), {
      temperature: theta,
      seed: 21,
      dt: 2 ** -8,
    });
    const out = new Float64Array(2);
    const samples: number[] = [];
    for (let k = 1; k <= 2000; k++) {
      st.advanceTo(2 + 0.5 * k, out);
      samples.push(out[0] - Math.floor(out[0]));
    }
    samples.sort((x, y) => x - y);
    const N = samples.length;
    const dTrue = ksDistance(samples, gibbsCdf(a, theta));
    const dHalf = ksDistance(samples, gibbsCdf(a, theta / 2));
    const dTwice = ksDistance(samples, gibbsCdf(a, 2 * theta));
    // KS critical values: 1.63/√N at level 1% (accept), 1.95/√N at level 0.1% (reject). The CDFs of
    // θ/2 and 2θ lie ~0.09 from the true one, twice the 0.1% value: power ≈ 1 against either.
    const accept = 1.63 / Math.sqrt(N);
    const reject = 1.95 / Math.sqrt(N);
    console.log(
      `KS: D(θ) = ${dTrue.toFixed(4)}, D(θ/2) = ${dHalf.toFixed(4)}, D(2θ) = ${dTwice.toFixed(4)}; ` +
        `accept < ${accept.toFixed(4)}, reject > ${reject.toFixed(4)}`,
    );
    expect(dTrue).toBeLessThan(accept);
    expect(dHalf).toBeGreaterThan(reject);
    expect(dTwice).toBeGreaterThan(reject);
  });
});
