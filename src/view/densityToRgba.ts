import type { ColorMap, DensityField } from './colorMaps';

export interface DensityRange {
  lo: number;
  hi: number;
}

const NICE = [1, 1.5, 2, 3, 5, 7.5, 10];

/**
 * The smallest "nice" number (1, 1.5, 2, 3, 5, 7.5 × 10^k) ≥ m: colour ranges snap to these, so
 * the legend is easy to read and changes only now and then while the density evolves.
 */
export function niceCeil(m: number): number {
  const e = 10 ** Math.floor(Math.log10(m));
  for (const f of NICE) if (f * e >= m * (1 - 1e-12)) return f * e;
  return 10 * e;
}

/**
 * The scalar field to show (κ = ρ+ − ρ−, or ρ±) into `out`; returns the colour range used:
 * symmetric [−m, m] for κ, [0, m] for ρ±. The range never collapses onto round-off noise:
 * it is at least 2 % of the mean total density for κ and the mean for ρ±; its end is a niceCeil.
 */
export function densityValues(
  field: DensityField,
  rhoPlus: Float32Array,
  rhoMinus: Float32Array,
  out: Float32Array,
): DensityRange {
  const m = out.length;
  let maxAbs = 0;
  let total = 0;
  for (let i = 0; i < m; i++) {
    const p = rhoPlus[i];
    const q = rhoMinus[i];
    total += p + q;
    const v = field === 'kappa' ? p - q : field === 'rhoPlus' ? p : q;
    out[i] = v;
    const a = Math.abs(v);
    if (a > maxAbs) maxAbs = a;
  }
  const meanTotal = total / Math.max(1, m);
  if (field === 'kappa') {
    const s = niceCeil(Math.max(maxAbs, 0.02 * meanTotal, 1e-12));
    return { lo: -s, hi: s };
  }
  return { lo: 0, hi: niceCeil(Math.max(maxAbs, meanTotal, 1e-12)) };
}

/** Map values through the colour map's LUT into RGBA bytes (alpha 255). Non-finite → magenta. */
export function valuesToRgba(
  values: Float32Array,
  range: DensityRange,
  map: ColorMap,
  out: Uint8Array,
): void {
  const lut = map.lut;
  const scale = 255 / (range.hi - range.lo);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const o = 4 * i;
    if (!Number.isFinite(v)) {
      out[o] = 255;
      out[o + 1] = 0;
      out[o + 2] = 255;
    } else {
      let k = Math.round((v - range.lo) * scale);
      k = Math.max(0, Math.min(255, k));
      out[o] = lut[3 * k];
      out[o + 1] = lut[3 * k + 1];
      out[o + 2] = lut[3 * k + 2];
    }
    out[o + 3] = 255;
  }
}

/**
 * The range actually used for the colours: `auto` this picture's, `held` the largest so far
 * (`held` carries the running maximum of the range's end, reset by the caller), `fixed` [−m, m]
 * for κ and [0, m] for ρ± with m = fixedMax.
 */
export function chosenRange(
  field: DensityField,
  auto: DensityRange,
  mode: 'auto' | 'held' | 'fixed',
  held: number,
  fixedMax: number,
): DensityRange {
  const m = mode === 'fixed' ? fixedMax : mode === 'held' ? Math.max(held, auto.hi) : auto.hi;
  return field === 'kappa' ? { lo: -m, hi: m } : { lo: 0, hi: m };
}
