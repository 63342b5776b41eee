/**
 * The summary of a study: for each group of runs (equal values of every axis except n and seed;
 * seeds are replicates and pooled) and each measure, the slope of log(measure) against log(n) by
 * ordinary least squares, one point per successful run, with the slope's standard error.
 */
import { type CsvTable, cellNumber } from './csv';
import { MEASURE_FIELDS, RUN_COLUMN, STATUS_COLUMN } from './fields';

export interface LineFit {
  slope: number;
  /** Standard error of the slope: s/√Sxx, s² = Σ residual² / (m − 2). */
  slope_se: number;
  intercept: number;
  intercept_se: number;
  /** Points used (m), and the coefficient of determination. */
  points: number;
  r2: number;
}

/**
 * y = intercept + slope·x by ordinary least squares (centred sums). Needs ≥ 3 points and two
 * distinct x; otherwise undefined (no standard error exists).
 */
export function olsFit(x: readonly number[], y: readonly number[]): LineFit | undefined {
  const m = x.length;
  if (m !== y.length || m < 3) return undefined;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < m; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= m;
  my /= m;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < m; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
    syy += (y[i] - my) ** 2;
  }
  if (!(sxx > 0)) return undefined;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < m; i++) sse += (y[i] - intercept - slope * x[i]) ** 2;
  const s2 = sse / (m - 2);
  return {
    slope,
    slope_se: Math.sqrt(s2 / sxx),
    intercept,
    intercept_se: Math.sqrt(s2 * (1 / m + (mx * mx) / sxx)),
    points: m,
    r2: syy > 0 ? 1 - sse / syy : 1,
  };
}

export const SUMMARY_METHOD =
  'ordinary least squares of ln(measure) on ln(n), one point per run with status ok (seeds pooled as replicates); ' +
  'slope_se is the standard error of the slope, s/sqrt(Sxx) with s^2 = (sum of squared residuals)/(points - 2); ' +
  'intercept is ln(measure) at n = 1';

export type MeasureFit = LineFit | { slope: null; reason: string };

export interface GroupSummary {
  /** The axis values that define the group (every axis but n and seed). */
  group: Record<string, string>;
  runs: number;
  failed: number;
  n: number[];
  fits: Record<string, MeasureFit>;
}

export interface StudySummary {
  method: string;
  against: 'n';
  groups: GroupSummary[];
}

const META = new Set([RUN_COLUMN, STATUS_COLUMN, 'link']);
const POOLED = new Set(['n', 'seed']);
const MEASURES = new Set(MEASURE_FIELDS.map((f) => f.name));
const isMeasure = (c: string) => MEASURES.has(c) || /^kappa(_pde)?_-?\d+_-?\d+_(re|im|abs)$/.test(c);

/** The slopes against n of every numeric measure in a table of study rows. */
export function summarise(table: CsvTable): StudySummary {
  const { header, rows } = table;
  const col = (name: string) => header.indexOf(name);
  const nCol = col('n');
  const statusCol = col(STATUS_COLUMN);
  // T is a measure column and a link key: when varied it must split the groups, and when not it
  // is one value, so it always groups (and is never fitted)
  const axes = header.filter((c) => !META.has(c) && (!isMeasure(c) || c === 'T') && !POOLED.has(c));
  const measures = header.filter((c) => isMeasure(c) && c !== 'n' && c !== 'T');
  const groups = new Map<string, string[][]>();
  for (const r of rows) {
    const key = JSON.stringify(axes.map((a) => r[col(a)]));
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const out: GroupSummary[] = [];
  for (const list of groups.values()) {
    const ok = list.filter((r) => r[statusCol] === 'ok');
    const ns = ok.map((r) => cellNumber(r[nCol]) ?? Number.NaN);
    const fits: Record<string, MeasureFit> = {};
    for (const m of measures) {
      const values = ok.map((r) => cellNumber(r[col(m)]));
      if (values.every((v) => v === undefined)) continue; // text or empty: nothing to fit
      fits[m] = fitLogLog(ns, values);
    }
    out.push({
      group: Object.fromEntries(axes.map((a) => [a, list[0][col(a)]])),
      runs: list.length,
      failed: list.length - ok.length,
      n: [...new Set(ns)].sort((a, b) => a - b),
      fits,
    });
  }
  return { method: SUMMARY_METHOD, against: 'n', groups: out };
}

function fitLogLog(ns: readonly number[], values: readonly (number | undefined)[]): MeasureFit {
  const bad = values.filter((v) => v === undefined || !(v > 0)).length;
  if (bad > 0) return { slope: null, reason: `${bad} of ${values.length} values are not positive numbers` };
  const y = values.map((v) => Math.log(v as number));
  if (y.every((v) => v === y[0])) return { slope: null, reason: 'constant' };
  const fit = olsFit(
    ns.map((n) => Math.log(n)),
    y,
  );
  return fit ?? { slope: null, reason: 'needs at least 3 runs at 2 or more values of n' };
}
