import { type CoreForms, pairConstants, pairRadialA, pairSlip } from './cores';
import type { RemainderTables } from './remainder';

/**
 * The O(n²) hot loop: raw[i] = −Σ_{j≠i} b_i b_j ∇V_δ(x_i − x_j), each pair visited once (∇V_δ is
 * odd), with the core profiles of the registry's hot-path dispatchers (cores/index.ts).
 */
export interface PairSumData {
  geometry: 'isotropic' | 'slip';
  forms: CoreForms;
  tables: RemainderTables;
}

/** Cubic Lagrange weights of nodes −1…2 around a point at fraction f ∈ [0, 1] into w[o..o+3]. */
function cubicWeights(f: number, w: Float64Array, o: number): void {
  const a = f - 1;
  const b = f - 2;
  const c = f + 1;
  w[o] = (-f * a * b) / 6;
  w[o + 1] = (c * a * b) / 2;
  w[o + 2] = (-c * f * b) / 2;
  w[o + 3] = (c * f * a) / 6;
}

/**
 * The cubic stencil of (x, y) ∈ [−½, ½)² on the gradient table (one ghost node a side), shared
 * by the gradient and its derivative, the Hessian: the x weights into w[0..3], the y weights
 * into w[4..7], the fractions tx, ty into w[8], w[9]; returns the interleaved offset of the
 * stencil's first node (i − 1, j − 1). Rows of the table are 2·(cells + 3) apart.
 */
export function gradientStencil(t: RemainderTables, x: number, y: number, w: Float64Array): number {
  const cells = t.cells;
  let tx = (x + 0.5) * cells + 1;
  let ty = (y + 0.5) * cells + 1;
  let i = Math.floor(tx);
  let j = Math.floor(ty);
  if (i > cells) i = cells;
  if (j > cells) j = cells;
  tx -= i;
  ty -= j;
  cubicWeights(tx, w, 0);
  cubicWeights(ty, w, 4);
  w[8] = tx;
  w[9] = ty;
  return 2 * ((i - 1) * (cells + 3) + (j - 1));
}

const stencil = new Float64Array(10);

/**
 * Remainder gradient from the tables by tensor cubic Lagrange at (x, y) = (g[0], g[1]) in
 * [−½, ½)², into g[0..1]. The point comes in the array, not as arguments: the function is too
 * large for V8 to inline, and two numbers passed to a call it does not inline are boxed, two
 * heap allocations per pair (the cluster sub-steps call it per stage; with remainderHessian's,
 * 100–140 MB of the 367 MB the main thread allocated in an i.i.d. n = 1000 run).
 */
export function remainderGradient(t: RemainderTables, g: Float64Array): void {
  const w = stencil;
  let r = gradientStencil(t, g[0], g[1], w);
  const row = 2 * (t.cells + 3);
  const v0 = w[4];
  const v1 = w[5];
  const v2 = w[6];
  const v3 = w[7];
  const t2 = t.grad;
  let sx = w[0] * (v0 * t2[r] + v1 * t2[r + 2] + v2 * t2[r + 4] + v3 * t2[r + 6]);
  let sy = w[0] * (v0 * t2[r + 1] + v1 * t2[r + 3] + v2 * t2[r + 5] + v3 * t2[r + 7]);
  r += row;
  sx += w[1] * (v0 * t2[r] + v1 * t2[r + 2] + v2 * t2[r + 4] + v3 * t2[r + 6]);
  sy += w[1] * (v0 * t2[r + 1] + v1 * t2[r + 3] + v2 * t2[r + 5] + v3 * t2[r + 7]);
  r += row;
  sx += w[2] * (v0 * t2[r] + v1 * t2[r + 2] + v2 * t2[r + 4] + v3 * t2[r + 6]);
  sy += w[2] * (v0 * t2[r + 1] + v1 * t2[r + 3] + v2 * t2[r + 5] + v3 * t2[r + 7]);
  r += row;
  sx += w[3] * (v0 * t2[r] + v1 * t2[r + 2] + v2 * t2[r + 4] + v3 * t2[r + 6]);
  sy += w[3] * (v0 * t2[r + 1] + v1 * t2[r + 3] + v2 * t2[r + 5] + v3 * t2[r + 7]);
  g[0] = sx;
  g[1] = sy;
}

let scratch = new Float64Array(0);

function wrapInto(pos: Float64Array, n: number): Float64Array {
  if (scratch.length < 2 * n) scratch = new Float64Array(2 * n);
  for (let k = 0; k < 2 * n; k++) scratch[k] = pos[k] - Math.floor(pos[k]);
  return scratch;
}

export function accumulatePairGradients(
  data: PairSumData,
  pos: Float64Array,
  signs: Int8Array,
  n: number,
  raw: Float64Array,
): void {
  const { forms, tables } = data;
  const c = pairConstants(forms.core, forms.delta);
  const slip = data.geometry === 'slip';
  const g = new Float64Array(2);
  const prof = new Float64Array(3);
  raw.fill(0, 0, 2 * n);
  // Wrapped copies make every difference lie in (−1, 1), so the minimum image is two compares
  // (Math.round per pair cost 4× the whole loop).
  const wrapped = wrapInto(pos, n);
  for (let i = 0; i < n; i++) {
    const xi = wrapped[2 * i];
    const yi = wrapped[2 * i + 1];
    const bi = signs[i];
    let ax = 0;
    let ay = 0;
    for (let j = i + 1; j < n; j++) {
      let dx = xi - wrapped[2 * j];
      let dy = yi - wrapped[2 * j + 1];
      if (dx >= 0.5) dx -= 1;
      else if (dx < -0.5) dx += 1;
      if (dy >= 0.5) dy -= 1;
      else if (dy < -0.5) dy += 1;
      const q = dx * dx + dy * dy;
      g[0] = dx;
      g[1] = dy;
      remainderGradient(tables, g);
      let gx = g[0];
      let gy = g[1];
      if (q > 0) {
        if (slip) {
          pairSlip(q, c, prof);
          const a = prof[0];
          const w2 = ((dx * dx - dy * dy) / q) * prof[2];
          const bn2 = (2 * prof[1]) / q;
          gx += dx * (a + w2 + bn2 * dy * dy);
          gy += dy * (a + w2 - bn2 * dx * dx);
        } else {
          const a = pairRadialA(q, c);
          gx += a * dx;
          gy += a * dy;
        }
      }
      const bb = bi * signs[j];
      gx *= bb;
      gy *= bb;
      ax += gx;
      ay += gy;
      raw[2 * j] += gx;
      raw[2 * j + 1] += gy;
    }
    raw[2 * i] -= ax;
    raw[2 * i + 1] -= ay;
  }
}

/** Lagrange weights for nodes at offsets −2…3 around a point at fraction f ∈ [0, 1]. */
export function quinticWeights(f: number, w: Float64Array): void {
  const a = f + 2;
  const b = f + 1;
  const c = f - 1;
  const d = f - 2;
  const e = f - 3;
  w[0] = -(b * f * c * d * e) / 120;
  w[1] = (a * f * c * d * e) / 24;
  w[2] = -(a * b * c * d * e) / 12;
  w[3] = (a * b * f * d * e) / 12;
  w[4] = -(a * b * f * c * e) / 24;
  w[5] = (a * b * f * c * d) / 120;
}

/** R(x, y) for x, y in [−½, ½) by tensor quintic Lagrange on the value table (two ghosts a side). */
export function remainderValue(
  t: RemainderTables,
  x: number,
  y: number,
  wx: Float64Array,
  wy: Float64Array,
): number {
  const cells = t.cells;
  const stride = cells + 5;
  let tx = (x + 0.5) * cells + 2;
  let ty = (y + 0.5) * cells + 2;
  let i = Math.floor(tx);
  let j = Math.floor(ty);
  if (i > cells + 1) i = cells + 1;
  if (j > cells + 1) j = cells + 1;
  tx -= i;
  ty -= j;
  quinticWeights(tx, wx);
  quinticWeights(ty, wy);
  const v = t.value;
  let sum = 0;
  for (let a = 0; a < 6; a++) {
    const r = (i - 2 + a) * stride + (j - 2);
    sum +=
      wx[a] *
      (wy[0] * v[r] +
        wy[1] * v[r + 1] +
        wy[2] * v[r + 2] +
        wy[3] * v[r + 3] +
        wy[4] * v[r + 4] +
        wy[5] * v[r + 5]);
  }
  return sum;
}

/** Σ_{i<j} b_i b_j V_δ(x_i − x_j): the off-diagonal half of the energy's double sum. */
export function pairEnergySum(data: PairSumData, pos: Float64Array, signs: Int8Array, n: number): number {
  const { forms, tables } = data;
  const slip = data.geometry === 'slip';
  const wx = new Float64Array(6);
  const wy = new Float64Array(6);
  const wrapped = wrapInto(pos, n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const xi = wrapped[2 * i];
    const yi = wrapped[2 * i + 1];
    let row = 0;
    for (let j = i + 1; j < n; j++) {
      let dx = xi - wrapped[2 * j];
      let dy = yi - wrapped[2 * j + 1];
      if (dx >= 0.5) dx -= 1;
      else if (dx < -0.5) dx += 1;
      if (dy >= 0.5) dy -= 1;
      else if (dy < -0.5) dy += 1;
      const q = dx * dx + dy * dy;
      let v = forms.phi(q) + remainderValue(tables, dx, dy, wx, wy);
      if (slip) v += 0.5 + (q > 0 ? (forms.slipBn(q) * (dx * dx - dy * dy)) / 2 : 0);
      row += signs[j] * v;
    }
    total += signs[i] * row;
  }
  return total;
}
