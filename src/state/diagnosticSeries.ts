/**
 * Time series of the diagnostics, sampled at checkpoints t_k = k·h (the same grid in both
 * workers, so particle and PDE numbers for one k belong to the same simulated time). Stored
 * outside React as plain arrays with null for "not yet known"; plots poll `version`.
 */

export type SeriesName =
  | 'energyParticles'
  | 'energyPde'
  | 'distancePlus'
  | 'distanceMinus'
  | 'pdeChange'
  | 'particleChange'
  | 'boundFraction';

export const SERIES_NAMES: readonly SeriesName[] = [
  'energyParticles',
  'energyPde',
  'distancePlus',
  'distanceMinus',
  'pdeChange',
  'particleChange',
  'boundFraction',
];

interface Series {
  version: number;
  h: number;
  /** The horizon the series was started for (the plots' default t-range). */
  T: number;
  t: number[];
  values: Record<SeriesName, (number | null)[]>;
}

function empty(h: number, T: number): Series {
  const values = {} as Record<SeriesName, (number | null)[]>;
  for (const name of SERIES_NAMES) values[name] = [];
  return { version: 0, h, T, t: [], values };
}

let series = empty(1, 1);

export function diagnosticSeries(): Readonly<Series> {
  return series;
}

/** Forget everything (new run up to horizon T); checkpoints are spaced h apart. */
export function resetSeries(h: number, T: number): void {
  series = { ...empty(h, T), version: series.version + 1 };
}

/** Drop checkpoints after index k (the run was reset to an earlier time, e.g. t = 0). */
export function truncateSeries(k: number): void {
  series.t.length = Math.min(series.t.length, k + 1);
  for (const name of SERIES_NAMES) series.values[name].length = Math.min(series.values[name].length, k + 1);
  series.version++;
}

/** Record one value at checkpoint k (grows every array with nulls as needed). */
export function recordSeries(k: number, name: SeriesName, value: number | null): void {
  if (!Number.isInteger(k) || k < 0) return;
  while (series.t.length <= k) {
    series.t.push(series.t.length * series.h);
    for (const n of SERIES_NAMES) series.values[n].push(null);
  }
  for (const n of SERIES_NAMES) while (series.values[n].length <= k) series.values[n].push(null);
  series.values[name][k] = value !== null && Number.isFinite(value) ? value : null;
  series.version++;
}
