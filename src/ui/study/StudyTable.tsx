import type { CsvTable } from '../../model/study/csv';
import { cellNumber } from '../../model/study/csv';
import { openStudyRun } from '../../state/study';

const SHOWN = [
  'run',
  'n',
  'delta',
  'd_plus',
  'd_minus',
  'pde_moved',
  'particles_moved',
  'bound_fraction',
  'steps',
  'wall_s',
  'status',
];

function cell(v: string): string {
  const x = cellNumber(v);
  if (x === undefined) return v;
  return Number.isInteger(x) ? String(x) : x.toPrecision(3);
}

/** The finished runs; a row opens its run in the app (its share link). */
export function StudyTable({ table, axes }: { table: CsvTable; axes: string[] }) {
  const cols = [...new Set(['run', ...axes.filter((a) => a !== 'n'), ...SHOWN])].filter((c) =>
    table.header.includes(c),
  );
  const idx = cols.map((c) => table.header.indexOf(c));
  const runCol = table.header.indexOf('run');
  return (
    <div className="study-table-wrap">
      <table className="study-table" data-testid="study-table">
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr
              key={r[runCol]}
              data-testid="study-row"
              tabIndex={0}
              title="Open this run in the app"
              onClick={() => openStudyRun(Number(r[runCol]))}
              onKeyDown={(e) => {
                if (e.key === 'Enter') openStudyRun(Number(r[runCol]));
              }}
            >
              {idx.map((i, k) => (
                <td key={cols[k]}>{cell(r[i])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
