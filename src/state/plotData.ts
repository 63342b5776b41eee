import { checkpointIndexAt, type SeriesData, type SeriesName } from './diagnosticSeries';

/** What one chart draws: the checkpoints up to the clock on screen, ready for a linear or log axis. */
export interface PlotData {
  t: number[];
  /** One column per series; on a log axis values at or below the floor are drawn at the floor. */
  columns: (number | null)[][];
  /** Per series, the indices drawn at the floor although their value is lower (0 included). */
  clamped: number[][];
  /** The log axis range [floor, top] (decades), or null for a linear axis or no data. */
  logRange: [number, number] | null;
}

/** A log axis shows at most this many decades below the largest value; lower values are clamped. */
export const LOG_DECADES = 6;

/**
 * The data of a chart at display time `clock` (a side that computes ahead has recorded further;
 * those checkpoints are not shown yet). On a log axis the range follows the data: from the decade
 * of the smallest positive value (but not more than LOG_DECADES below the largest) to the decade
 * above the largest; zeros and smaller values are put on the floor and reported in `clamped`, so a
 * series that reaches 0 stays visible instead of vanishing.
 */
export function plotData(
  s: Readonly<SeriesData>,
  names: SeriesName[],
  clock: number,
  log: boolean,
): PlotData {
  const upTo = Math.min(s.t.length, checkpointIndexAt(clock, s.h) + 1);
  const t = s.t.slice(0, upTo);
  const raw = names.map((n) => s.values[n].slice(0, upTo));
  if (!log) return { t, columns: raw, clamped: names.map(() => []), logRange: null };
  let max = 0;
  let minPos = Number.POSITIVE_INFINITY;
  for (const col of raw)
    for (const v of col) {
      if (v === null || !(v > 0)) continue;
      if (v > max) max = v;
      if (v < minPos) minPos = v;
    }
  if (!(max > 0)) {
    // nothing positive yet: zeros on a nominal floor
    return {
      t,
      columns: raw.map((c) => c.map((v) => (v === null ? null : 1e-6))),
      clamped: raw.map((c) => c.flatMap((v, i) => (v === null ? [] : [i]))),
      logRange: [1e-6, 1e-5],
    };
  }
  const top = 10 ** Math.ceil(Math.log10(max) - 1e-12);
  const floor = 10 ** Math.floor(Math.log10(Math.max(minPos, max * 10 ** -LOG_DECADES)) + 1e-12);
  const clamped: number[][] = [];
  const columns = raw.map((col) => {
    const marks: number[] = [];
    const out = col.map((v, i) => {
      if (v === null) return null;
      if (v < floor) {
        marks.push(i);
        return floor;
      }
      return v;
    });
    clamped.push(marks);
    return out;
  });
  return { t, columns, clamped, logRange: [floor, top > floor ? top : floor * 10] };
}
