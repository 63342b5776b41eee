import type { CsvTable } from '../../model/study/csv';
import { cellNumber } from '../../model/study/csv';
import { useLab } from '../../state/store';
import { type Outcome, rowRecord, runOutcome } from '../../state/studyResults';
import { RegimeMapFigure, RegimeMapFigure1d, regimePoint, regimePoint1d } from '../plots/RegimeMap';

const MARK: Record<Outcome, { color: string; label: string }> = {
  converges: { color: '#2ca02c', label: 'followed the PDE: max d± < ⅓ of the PDE’s own change' },
  stays: { color: '#d62728', label: 'did not: max d± > ⅔ of the PDE’s own change' },
  between: { color: '#e6a700', label: 'in between' },
  ok: { color: '#777', label: 'done (no PDE: no verdict)' },
  failed: { color: '#000', label: 'failed (×)' },
};

/**
 * The regime map at the study's T and geometry (on the circle: the d = 1 lines and the base's
 * core), every finished run marked by its outcome.
 */
export function StudyRegimeMap({
  table,
  T,
  geometry,
  circle = false,
  core = 'gaussian',
}: {
  table: CsvTable;
  T: number;
  geometry: string;
  circle?: boolean;
  core?: string;
}) {
  const k = useLab((s) => s.ui.textScale);
  const seen = new Set<Outcome>();
  const marks = table.rows.map((row) => {
    const r = rowRecord(table, row);
    const n = cellNumber(r.n ?? '');
    const delta = cellNumber(r.delta ?? '');
    const outcome = runOutcome(r);
    seen.add(outcome);
    if (n === undefined || delta === undefined || !(delta > 0)) return null;
    const { x, y } = (circle ? regimePoint1d : regimePoint)(n, delta);
    const { color } = MARK[outcome];
    return outcome === 'failed' ? (
      <path
        key={r.run}
        d={`M${x - 4},${y - 4}L${x + 4},${y + 4}M${x - 4},${y + 4}L${x + 4},${y - 4}`}
        stroke={color}
        strokeWidth={2}
      />
    ) : (
      <circle
        key={r.run}
        cx={x}
        cy={y}
        r={4}
        fill={color}
        fillOpacity={0.75}
        stroke="var(--bg)"
        data-outcome={outcome}
      />
    );
  });
  return (
    <div className="plot" data-testid="study-regime-map">
      <div className="plot-title">
        Regime map at T = {T} ({circle ? 'circle, d = 1' : geometry}): every run by its outcome
      </div>
      {circle ? (
        <RegimeMapFigure1d T={T} core={core} k={k}>
          {marks}
        </RegimeMapFigure1d>
      ) : (
        <RegimeMapFigure T={T} geometry={geometry} k={k} label="Regime map of the study's runs">
          {marks}
        </RegimeMapFigure>
      )}
      <ul className="plot-legend">
        {(Object.keys(MARK) as Outcome[])
          .filter((o) => seen.has(o))
          .map((o) => (
            <li key={o}>
              <svg width="1em" height="1em" viewBox="0 0 10 10" aria-hidden="true">
                <circle cx={5} cy={5} r={4} fill={MARK[o].color} />
              </svg>{' '}
              {MARK[o].label}
            </li>
          ))}
      </ul>
    </div>
  );
}
