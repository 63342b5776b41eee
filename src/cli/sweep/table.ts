/**
 * The sweep's CSV file: a header, then one line per run appended (and so on disk) as the run
 * finishes. --resume reads what is there: same columns, rows of this study, and a line cut short
 * by an interrupted write is dropped.
 */
import { appendFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { quote } from '../../model/scenario/read';
import { type Cell, type CsvTable, csvLine, formatCell, parseCsv } from '../../model/study/csv';
import type { StudyRun } from '../../model/study/expand';
import type { StudyLayout } from '../../model/study/row';
import { asInput, InputError } from '../errors';
import { checkOutput, exists, readBounded } from '../input';

/** Largest CSV read (--resume, --merge): a million rows of a few hundred bytes. */
export const MAX_TABLE_BYTES = 512 * 2 ** 20;

export function readTable(path: string, field: string): CsvTable {
  const text = readBounded(path, field, MAX_TABLE_BYTES);
  return asInput(() => parseCsv(text, field));
}

export interface TableOutput {
  /** Runs with a row in the file already. */
  done: Set<number>;
  write(cells: readonly Cell[]): void;
  /** The rows written, or all rows of the file (for the summary). */
  table(): CsvTable;
}

function toStdout(layout: StudyLayout, stdout: (text: string) => void): TableOutput {
  const rows: string[][] = [];
  stdout(csvLine(layout.columns));
  return {
    done: new Set(),
    write(cells) {
      rows.push(cells.map(formatCell));
      stdout(csvLine(cells));
    },
    table: () => ({ header: layout.columns, rows }),
  };
}

/** Checks an existing file's rows against the study; returns the runs it holds. */
function rowsOfStudy(path: string, layout: StudyLayout, runs: readonly StudyRun[]): Set<number> {
  const t = readTable(path, 'out');
  if (t.header.join(',') !== layout.columns.join(','))
    throw new InputError(
      'out',
      `${quote(path)} has other columns than this sweep writes (was it made with other --vary, --pde, --modes or --fields?)`,
    );
  const done = new Set<number>();
  for (const row of t.rows) {
    const index = Number(row[0]);
    const run = runs[index];
    const same = run && layout.axes.every((a, k) => row[layout.columns.indexOf(a)] === run.values[k]);
    if (!Number.isInteger(index) || !same)
      throw new InputError('out', `${quote(path)} row run=${quote(row[0])} is not a run of this study`);
    done.add(index);
  }
  return done;
}

export function openTable(
  out: string | undefined,
  layout: StudyLayout,
  resume: boolean,
  runs: readonly StudyRun[],
  stdout: (text: string) => void,
): TableOutput {
  if (out === undefined || out === '-') {
    if (resume) throw new InputError('resume', 'needs --out (the file to continue)');
    return toStdout(layout, stdout);
  }
  checkOutput(out);
  const present = exists(out) && statSync(out).size > 0;
  if (present && !resume)
    throw new InputError('out', `${quote(out)} exists: add --resume to continue it, or remove it`);
  let done = new Set<number>();
  if (present) {
    const text = readFileSync(out, 'utf8');
    // a line cut short by an interrupted write: drop it, its run is done again
    if (!text.endsWith('\n')) truncateSync(out, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
  }
  if (present && statSync(out).size > 0) done = rowsOfStudy(out, layout, runs);
  else writeFileSync(out, csvLine(layout.columns));
  return {
    done,
    write(cells) {
      try {
        appendFileSync(out, csvLine(cells));
      } catch (e) {
        throw new InputError(
          'out',
          `could not write ${quote(out)} (${(e as NodeJS.ErrnoException).code ?? e})`,
        );
      }
    },
    table: () => readTable(out, 'out'),
  };
}
