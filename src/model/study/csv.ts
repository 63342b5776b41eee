/**
 * CSV of study rows (RFC 4180: comma-separated, a field quoted with "…" when it holds a comma,
 * quote or line break, "" for a quote inside). Numbers are written in their shortest round-trip
 * form (formatNumber), so reading a cell back gives the very double that was computed; a missing
 * value is an empty cell.
 */
import { formatNumber, parseNumber } from '../scenario/numbers';
import { fail } from '../scenario/read';

export type Cell = number | string | undefined;

export function formatCell(v: Cell): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? formatNumber(v) : String(v);
  return v;
}

function quoteField(s: string): string {
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line (with its '\n') of the cells. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map((c) => quoteField(formatCell(c))).join(',')}\n`;
}

export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** Reads CSV text; every row must have as many fields as the header. Errors name `field`. */
export function parseCsv(text: string, field = 'csv'): CsvTable {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  let line = 1;
  const endCell = () => {
    record.push(cell);
    cell = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else cell += c;
      if (c === '\n') line++;
      i++;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n' || c === '\r') {
      endCell();
      records.push(record);
      record = [];
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
    } else if (c === '"') fail(field, `line ${line}: a quote inside an unquoted field`);
    else cell += c;
    i++;
  }
  if (quoted) fail(field, `line ${line}: a quoted field is not closed`);
  if (cell !== '' || record.length > 0) {
    endCell();
    records.push(record);
  }
  if (records.length === 0) fail(field, 'is empty (no header line)');
  const [header, ...rows] = records;
  rows.forEach((r, k) => {
    if (r.length !== header.length)
      fail(field, `row ${k + 1} has ${r.length} fields, the header ${header.length}`);
  });
  return { header, rows };
}

/** A cell as a number (undefined if empty or not a plain decimal). */
export function cellNumber(s: string): number | undefined {
  return s === '' ? undefined : parseNumber(s);
}
