/**
 * A study's table layout and its rows: `run`, one column per axis (the value as written), the
 * chosen measures, `status` (`ok` or the run's one-line error), and `link` when chosen.
 */
import { fail, quote } from '../scenario/read';
import type { Cell } from './csv';
import type { StudyDefinition } from './definition';
import type { StudyRun } from './expand';
import { availableFields, type FieldInfo, RUN_COLUMN, STATUS_COLUMN, selectFields } from './fields';
import type { Measures } from './measures';

export interface StudyLayout {
  columns: string[];
  /** The axis columns, in axis order. */
  axes: string[];
}

/** Every field this study can write (for --fields and the docs). */
export function studyFields(d: StudyDefinition): FieldInfo[] {
  return availableFields(d.run.pde, d.run.modes);
}

/** The columns of a study with `--fields` text (undefined: the defaults). */
export function studyLayout(d: StudyDefinition, fieldsText?: string): StudyLayout {
  const available = studyFields(d);
  const axes = d.axes.map((a) => a.name);
  for (const a of axes)
    if (
      a === RUN_COLUMN ||
      a === STATUS_COLUMN ||
      (available.some((f) => f.name === a) && !['n', 'T'].includes(a))
    )
      fail('vary', `the label ${quote(a)} is the name of a column; choose another`);
  const chosen = selectFields(fieldsText, available).filter((f) => !axes.includes(f));
  const measures = chosen.filter((f) => f !== 'link');
  const link = chosen.includes('link') ? ['link'] : [];
  return { columns: [RUN_COLUMN, ...axes, ...measures, STATUS_COLUMN, ...link], axes };
}

/** The row of a run: its measures (none if it failed), status and wall-clock seconds. */
export function studyRow(
  layout: StudyLayout,
  run: StudyRun,
  measures: Measures | undefined,
  status: string,
  wallSeconds: number | undefined,
): Cell[] {
  const axisValue = new Map(layout.axes.map((a, i) => [a, run.values[i]]));
  return layout.columns.map((c): Cell => {
    if (c === RUN_COLUMN) return run.index;
    if (axisValue.has(c)) return axisValue.get(c);
    if (c === STATUS_COLUMN) return status;
    if (c === 'link') return run.link;
    if (c === 'wall_s') return wallSeconds;
    return measures?.[c];
  });
}
