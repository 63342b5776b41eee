/**
 * What the Study panel shows of the rows that have come in: the CSV table (model/study's layout
 * and rows, the CLI's columns), the log-log OLS summary of model/study per group, the points of
 * the distance-vs-n plot, and each run's outcome for the regime map.
 */
import { type CsvTable, cellNumber, csvLine, formatCell } from '../model/study/csv';
import type { StudyDefinition } from '../model/study/definition';
import type { StudyRun } from '../model/study/expand';
import { scenarioMeasures } from '../model/study/measures';
import { studyLayout, studyRow } from '../model/study/row';
import { type GroupSummary, type LineFit, type StudySummary, summarise } from '../model/study/summary';
import type { StudyJobResult } from '../worker/studyJob';

/** The table of the finished runs, in run order (as `sweep` writes it after a merge). */
export function studyTable(
  def: StudyDefinition,
  runs: readonly StudyRun[],
  results: ReadonlyMap<number, StudyJobResult>,
): CsvTable {
  const layout = studyLayout(def);
  const rows: string[][] = [];
  for (const run of runs) {
    const r = results.get(run.index);
    if (!r) continue;
    const measures = r.measures ?? (run.scenario && scenarioMeasures(run.scenario));
    rows.push(studyRow(layout, run, measures, r.status, r.wallSeconds).map(formatCell));
  }
  return { header: layout.columns, rows };
}

export function tableCsv(t: CsvTable): string {
  return [t.header, ...t.rows].map((r) => csvLine(r)).join('');
}

export interface GroupPoints {
  /** "samp=iid&d=0.05" etc.: the group's axis values (every axis but n and seed). */
  label: string;
  summary: GroupSummary;
  /** (n, value, run) of every ok run with a positive value of the measure. */
  points: { n: number; value: number; run: number }[];
  fit?: LineFit;
}

/** Groups as summarise makes them, with the points of `measure` and its fit. */
export function groupPoints(table: CsvTable, summary: StudySummary, measure: string): GroupPoints[] {
  const col = (name: string) => table.header.indexOf(name);
  const [nCol, mCol, runCol, statusCol] = ['n', measure, 'run', 'status'].map(col);
  return summary.groups.map((g) => {
    const keys = Object.entries(g.group);
    const label = keys
      .filter(([k]) => k !== 'T')
      .map(([k, v]) => (k === 'data' ? v : `${k}=${v}`))
      .join(' · ');
    const points = table.rows
      .filter((r) => r[statusCol] === 'ok' && keys.every(([k, v]) => r[col(k)] === v))
      .map((r) => ({ n: cellNumber(r[nCol]) ?? 0, value: cellNumber(r[mCol]) ?? 0, run: Number(r[runCol]) }))
      .filter((p) => p.value > 0 && p.n > 0);
    const f = g.fits[measure];
    return { label: label || 'all runs', summary: g, points, fit: f && f.slope !== null ? f : undefined };
  });
}

/** "slope −0.54 ± 0.03 (15 runs)" or why there is none. */
export function slopeText(g: Pick<GroupPoints, 'fit' | 'summary'>, measure: string): string {
  if (g.fit) {
    const digits = g.fit.slope_se < 0.001 ? 4 : g.fit.slope_se < 0.01 ? 3 : 2;
    return `slope ${g.fit.slope.toFixed(digits).replace('-', '−')} ± ${g.fit.slope_se.toFixed(digits)} (${g.fit.points} runs)`;
  }
  const f = g.summary.fits[measure];
  return `no slope yet (${f && f.slope === null ? f.reason : 'no runs'})`;
}

export type Outcome = 'converges' | 'stays' | 'between' | 'ok' | 'failed';

/**
 * What a run shows: with a PDE, the particles' distance d = max(d+, d−) at T against the PDE's
 * own change m — d < m/3: the particles followed the PDE ("converges"), d > 2m/3: they did not
 * move with it ("stays", d ≈ m is the counterexample); without a PDE, only ok or failed.
 */
export function runOutcome(row: Record<string, string>): Outcome {
  if (row.status !== 'ok') return 'failed';
  const dp = cellNumber(row.d_plus ?? '');
  const dm = cellNumber(row.d_minus ?? '');
  const moved = cellNumber(row.pde_moved ?? '');
  if (dp === undefined || dm === undefined || moved === undefined || !(moved > 0)) return 'ok';
  const r = Math.max(dp, dm) / moved;
  return r < 1 / 3 ? 'converges' : r > 2 / 3 ? 'stays' : 'between';
}

export function rowRecord(table: CsvTable, row: readonly string[]): Record<string, string> {
  return Object.fromEntries(table.header.map((h, i) => [h, row[i]]));
}

export { summarise };
