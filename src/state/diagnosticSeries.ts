/**
 * Time series of the diagnostics, sampled at checkpoints t_k = k·h (the same grid in both
 * workers, so particle and PDE numbers for one k belong to the same simulated time). Plain
 * arrays outside React with null for "not yet known"; readers poll `version`. A side that computes
 * ahead records ahead: readers show only the checkpoints up to the clock on screen.
 */

export type SeriesName =
  | 'energyParticles'
  | 'energyPde'
  | 'freeEnergyPde'
  | 'distancePlus'
  | 'distanceMinus'
  | 'pdeChange'
  | 'particleChange'
  | 'boundFraction'
  | 'pdeMin'
  | 'pdeMassPlus'
  | 'pdeMassMinus'
  | 'pdeEntropy';

export const SERIES_NAMES: readonly SeriesName[] = [
  'energyParticles',
  'energyPde',
  'freeEnergyPde',
  'distancePlus',
  'distanceMinus',
  'pdeChange',
  'particleChange',
  'boundFraction',
  'pdeMin',
  'pdeMassPlus',
  'pdeMassMinus',
  'pdeEntropy',
];

export interface SeriesData {
  version: number;
  h: number;
  /** The horizon the series was started for (the plots' default t-range). */
  T: number;
  t: number[];
  values: Record<SeriesName, (number | null)[]>;
}

export interface DiagnosticSeries {
  /** The current data (mutated in place by record/truncate; replaced by reset). */
  data(): Readonly<SeriesData>;
  /** Forget everything (new run up to horizon T); checkpoints are spaced h apart. */
  reset(h: number, T: number): void;
  /** Drop checkpoints after index k (the run went back to an earlier time, e.g. t = 0). */
  truncate(k: number): void;
  /** Record one value at checkpoint k (grows every array with nulls as needed); non-finite → null. */
  record(k: number, name: SeriesName, value: number | null): void;
  /** The value at the last checkpoint at or before time t (null if unknown). */
  valueAt(name: SeriesName, t: number): number | null;
}

function empty(h: number, T: number, version: number): SeriesData {
  const values = {} as Record<SeriesName, (number | null)[]>;
  for (const name of SERIES_NAMES) values[name] = [];
  return { version, h, T, t: [], values };
}

/** Index of the last checkpoint at or before t (−1 before t = 0). */
export function checkpointIndexAt(t: number, h: number): number {
  return Math.floor(t / h + 1e-9);
}

export function createDiagnosticSeries(): DiagnosticSeries {
  let series = empty(1, 1, 0);
  return {
    data: () => series,
    reset(h, T) {
      series = empty(h, T, series.version + 1);
    },
    truncate(k) {
      series.t.length = Math.min(series.t.length, k + 1);
      for (const name of SERIES_NAMES)
        series.values[name].length = Math.min(series.values[name].length, k + 1);
      series.version++;
    },
    record(k, name, value) {
      if (!Number.isInteger(k) || k < 0) return;
      while (series.t.length <= k) {
        series.t.push(series.t.length * series.h);
        for (const n of SERIES_NAMES) series.values[n].push(null);
      }
      series.values[name][k] = value !== null && Number.isFinite(value) ? value : null;
      series.version++;
    },
    valueAt(name, t) {
      const k = Math.min(checkpointIndexAt(t, series.h), series.t.length - 1);
      return k >= 0 ? series.values[name][k] : null;
    },
  };
}
