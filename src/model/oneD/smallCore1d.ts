/**
 * The `gaussian` core on the circle for small δ (MATH §12), where the FFT table of kernel1d.ts
 * (≥ 64/δ points) is out of reach: δ from 1e-12 up to MIN_TABLE_DELTA.
 *
 * V_δ = P_δ (the exact poisson closed form) + C_δ with C_δ = Σ_{k≥1}(m_δ(k) − q^k) cos(2πkx)/k. By
 * Poisson summation C_δ(x) = Σ_{m∈Z} d((x + m)/δ) − πδ, where d is the δ = 1 line function with
 * transform d̂(η) = (e^{−2π²η²} − e^{−2π|η|})/(2|η|) (d̂(0) = π gives the −πδ), i.e. the line forms'
 * difference d = Φ_gauss − Φ_poisson, Φ_gauss(u) = E[−log|u − Z|], Φ_poisson(u) = −½ log(1 + u²):
 *  - |u| ≤ U_TABLE: d, d', d'' from d(u) = ∫₀^∞ (d̂·2) cos(2πηu) dη by composite Gauss–Legendre
 *    (the integrand is analytic: g(η)/η with g = e^{−2π²η²} − e^{−2πη}), tabulated once per process
 *    (degree-7 pieces, fastsum/table.ts);
 *  - beyond, the expansion of −log|u − t| in t/u under both densities: d(u) = Σ_j a_j u^{−2j},
 *    a_j = ((2j − 1)!! − (−1)^j)/(2j) (gaussian moments against the Cauchy series), asymptotic with
 *    error ~e^{−u²/2} < 1e-21 at u ≥ 10;
 *  - the images m ≠ 0 (|x + m| ≥ ½, u ≥ 1/(2δ)): their first term δ²·Σ_{m≠0}(x + m)^{−2} =
 *    δ²(π²/sin²πx − 1/x²); the next is δ⁴·½Σ(x + m)^{−4} < 2e-13 for δ < 5e-4, dropped.
 */
import { buildTable, type PiecewiseTable, tableValue } from '../fastsum/table';
import { gaussLegendre } from '../kernels/gaussLegendre';
import type { Kernel1d } from './kernel1d';
import { PoissonKernel1d } from './kernel1d';

const U_TABLE = 10;
const TWO_PI = 2 * Math.PI;
const ASYMPTOTIC_TERMS = 24;

let table: PiecewiseTable | undefined;

/** d, d', d'' on [0, U_TABLE] (built on first use, ~0.1 s). */
function lineTable(): PiecewiseTable {
  if (table) return table;
  // η ∈ [0, 8] (e^{−2π·8} < 1e-21) in 200 panels of 20 Gauss–Legendre nodes: ≥ 2.5 panels per
  // period of cos(2πηu) at u = 10
  const gl = gaussLegendre(20);
  const panels = 200;
  const h = 8 / panels;
  const m = panels * gl.nodes.length;
  const eta = new Float64Array(m);
  const w0 = new Float64Array(m);
  const w1 = new Float64Array(m);
  const w2 = new Float64Array(m);
  for (let p = 0, i = 0; p < panels; p++)
    for (let j = 0; j < gl.nodes.length; j++, i++) {
      const e = (p + 0.5 * (gl.nodes[j] + 1)) * h;
      const w = 0.5 * h * gl.weights[j];
      // g = e^{−2π²η²} − e^{−2πη} from expm1 (no cancellation near η = 0)
      const g = Math.expm1(-2 * Math.PI * Math.PI * e * e) - Math.expm1(-TWO_PI * e);
      eta[i] = e;
      w0[i] = (w * g) / e;
      w1[i] = -TWO_PI * w * g;
      w2[i] = -TWO_PI * TWO_PI * w * g * e;
    }
  table = buildTable(U_TABLE, 160, 3, (u, out) => {
    let a = 0;
    let b = 0;
    let c = 0;
    for (let i = 0; i < m; i++) {
      const ph = TWO_PI * eta[i] * u;
      const co = Math.cos(ph);
      a += w0[i] * co;
      b += w1[i] * Math.sin(ph);
      c += w2[i] * co;
    }
    out[0] = a;
    out[1] = b;
    out[2] = c;
  });
  return table;
}

/** a_j = ((2j − 1)!! − (−1)^j)/(2j), j = 1…ASYMPTOTIC_TERMS. */
const A = (() => {
  const a = new Float64Array(ASYMPTOTIC_TERMS + 1);
  let dfact = 1;
  for (let j = 1; j <= ASYMPTOTIC_TERMS; j++) {
    dfact *= 2 * j - 1;
    a[j] = (dfact - (j % 2 === 0 ? 1 : -1)) / (2 * j);
  }
  return a;
})();

/** d, d', d'' at u ≥ 0 into out. */
function lineFunction(u: number, out: Float64Array): void {
  if (u < U_TABLE) {
    const t = lineTable();
    out[0] = tableValue(t, 0, u);
    out[1] = tableValue(t, 1, u);
    out[2] = tableValue(t, 2, u);
    return;
  }
  const iu2 = 1 / (u * u);
  let p = iu2;
  let v = 0;
  let d1 = 0;
  let d2 = 0;
  for (let j = 1; j <= ASYMPTOTIC_TERMS; j++) {
    const term = A[j] * p;
    v += term;
    d1 -= 2 * j * term;
    d2 += 2 * j * (2 * j + 1) * term;
    if (term < 1e-22 * v) break;
    p *= iu2;
  }
  out[0] = v;
  out[1] = d1 / u;
  out[2] = d2 * iu2;
}

/** 2ζ(2j+2) for the images' series near 0. */
const Z2 = [Math.PI ** 2 / 3, (2 * Math.PI ** 4) / 90, (2 * Math.PI ** 6) / 945, (2 * Math.PI ** 8) / 9450];

/** h = Σ_{m≠0}(x + m)^{−2} = π²/sin²πx − 1/x² and its derivatives (|x| ≤ ½). */
function images(x: number, out: Float64Array): void {
  if (Math.abs(x) < 0.05) {
    // h = Σ_j (2j + 1)·2ζ(2j + 2)·x^{2j}
    const x2 = x * x;
    out[0] = Z2[0] + 3 * Z2[1] * x2 + 5 * Z2[2] * x2 * x2 + 7 * Z2[3] * x2 * x2 * x2;
    out[1] = x * (6 * Z2[1] + 20 * Z2[2] * x2 + 42 * Z2[3] * x2 * x2);
    out[2] = 6 * Z2[1] + 60 * Z2[2] * x2 + 210 * Z2[3] * x2 * x2;
    return;
  }
  const s = Math.sin(Math.PI * x);
  const c = Math.cos(Math.PI * x);
  const p2 = Math.PI * Math.PI;
  out[0] = p2 / (s * s) - 1 / (x * x);
  out[1] = (-2 * p2 * Math.PI * c) / (s * s * s) + 2 / (x * x * x);
  out[2] = (2 * p2 * p2 * (s * s + 3 * c * c)) / (s * s * s * s) - 6 / (x * x * x * x);
}

/** The gaussian 1D kernel for small δ (any δ > 0; meant for δ < MIN_TABLE_DELTA). */
export function smallGaussianKernel1d(delta: number): Kernel1d {
  const p = new PoissonKernel1d(delta);
  const dd = new Float64Array(3);
  const hh = new Float64Array(3);
  const d2 = delta * delta;
  const parts = (x: number) => {
    const r = x - Math.round(x);
    lineFunction(Math.abs(r) / delta, dd);
    images(r, hh);
    return r;
  };
  const value = (x: number) => {
    parts(x);
    return p.value(x) + dd[0] + d2 * hh[0] - Math.PI * delta;
  };
  const derivative = (x: number) => {
    const r = parts(x);
    return p.derivative(x) + (r < 0 ? -dd[1] : dd[1]) / delta + d2 * hh[1];
  };
  const second = (x: number) => {
    parts(x);
    return p.second(x) + dd[2] / d2 + d2 * hh[2];
  };
  return {
    core: 'gaussian',
    delta,
    value,
    derivative,
    second,
    selfValue: value(0),
    lambda: Math.abs(second(0)),
  };
}
