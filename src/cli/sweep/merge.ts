/**
 * `sweep --merge a.csv b.csv … --out all.csv`: the shards' rows as one table, sorted by run. The
 * files must have the same columns; a run in two files must have the same row there (up to its
 * wall-clock time), else the shards came from different studies.
 */
import { writeFileSync } from 'node:fs';
import { clip, quote } from '../../model/scenario/read';
import { type CsvTable, csvLine } from '../../model/study/csv';
import { RUN_COLUMN } from '../../model/study/fields';
import { COMMAND_OPTIONS, type Flags } from '../args';
import { InputError } from '../errors';
import { checkOutput } from '../input';
import { readTable } from './table';

const MERGE_OPTIONS = new Set(['merge', 'out', 'summary', 'debug', 'help']);

/** The rows of the files, one per run, sorted by run. */
export function mergeTables(tables: readonly { path: string; table: CsvTable }[]): CsvTable {
  const header = tables[0].table.header;
  const runCol = header.indexOf(RUN_COLUMN);
  const wallCol = header.indexOf('wall_s');
  if (runCol < 0) throw new InputError('merge', `${quote(tables[0].path)} has no ${RUN_COLUMN} column`);
  const byRun = new Map<number, { row: string[]; path: string }>();
  const key = (row: string[]) => row.filter((_, i) => i !== wallCol).join('\u0000');
  for (const { path, table } of tables) {
    if (table.header.join(',') !== header.join(','))
      throw new InputError('merge', `${quote(path)} has other columns than ${quote(tables[0].path)}`);
    for (const row of table.rows) {
      const index = Number(row[runCol]);
      if (!Number.isInteger(index) || index < 0)
        throw new InputError('merge', `${quote(path)}: ${quote(row[runCol])} is not a run number`);
      const seen = byRun.get(index);
      if (seen && key(seen.row) !== key(row))
        throw new InputError(
          'merge',
          `run ${index} differs between ${quote(seen.path)} and ${quote(path)} (shards of different studies?)`,
        );
      if (!seen) byRun.set(index, { row, path });
    }
  }
  const runs = [...byRun.keys()].sort((a, b) => a - b);
  return { header, rows: runs.map((r) => byRun.get(r)?.row as string[]) };
}

/** Runs below the largest run number that no file holds. */
export function missingRuns(table: CsvTable): number[] {
  const col = table.header.indexOf(RUN_COLUMN);
  const have = new Set(table.rows.map((r) => Number(r[col])));
  const top = Math.max(-1, ...have);
  const missing: number[] = [];
  for (let i = 0; i <= top; i++) if (!have.has(i)) missing.push(i);
  return missing;
}

export function mergeCommand(
  flags: Flags,
  files: readonly string[],
  stderr: (t: string) => void,
  stdout: (t: string) => void,
): CsvTable {
  for (const name of COMMAND_OPTIONS.sweep)
    if (!MERGE_OPTIONS.has(name) && flags[name as keyof Flags] !== undefined)
      throw new InputError(name, `--${name} is not an option of sweep --merge (it takes --out, --summary)`);
  if (files.length === 0)
    throw new InputError('merge', 'name the CSV files to join: sweep --merge a.csv b.csv … --out all.csv');
  checkOutput(flags.out);
  checkOutput(flags.summary);
  const merged = mergeTables(files.map((path) => ({ path, table: readTable(path, 'merge') })));
  const text = [merged.header, ...merged.rows].map((r) => csvLine(r)).join('');
  if (flags.out === undefined || flags.out === '-') stdout(text);
  else writeFileSync(flags.out, text);
  const missing = missingRuns(merged);
  const gap = missing.length > 0 ? `; missing runs: ${clip(missing.join(', '), 200)}` : '';
  stderr(`sweep --merge: ${merged.rows.length} runs from ${files.length} files${gap}\n`);
  return merged;
}
