import { useCallback, useMemo, useRef, useState } from 'react';
import { summarise } from '../../model/study/summary';
import {
  cancelStudy,
  closeStudyPanel,
  DICHOTOMY_TEXT,
  setStudyText,
  startStudy,
  useStudy,
} from '../../state/study';
import { groupPoints, slopeText, studyTable, tableCsv } from '../../state/studyResults';
import { DistancePlot } from './DistancePlot';
import { download, figurePng } from './exportFiles';
import { StudyForm } from './StudyForm';
import { StudyRegimeMap } from './StudyRegimeMap';
import { StudyTable } from './StudyTable';
import './study.css';

const MEASURES: { value: string; label: string; pde: boolean }[] = [
  { value: 'd_plus', label: 'd₊ = ‖μ+(T) − ρ+(T)‖ (H⁻²)', pde: true },
  { value: 'd_minus', label: 'd₋ = ‖μ−(T) − ρ−(T)‖ (H⁻²)', pde: true },
  { value: 'pde_moved', label: 'PDE’s own change (H⁻²)', pde: true },
  { value: 'particles_moved', label: 'particles’ own change (H⁻²)', pde: false },
  { value: 'max_displacement', label: 'max displacement', pde: false },
];

/** The Study panel (issue 9): axes, a pool of background runs, the results as they come in. */
export function StudyPanel() {
  const s = useStudy();
  const [measure, setMeasure] = useState('d_plus');
  const [linkDraft, setLinkDraft] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const mapHost = useRef<HTMLDivElement>(null);
  const onCanvas = useCallback((c: HTMLCanvasElement | null) => {
    canvas.current = c;
  }, []);
  const shown = s.ranText === s.text;
  const resultsMap = useMemo(() => new Map(Object.values(s.results).map((r) => [r.index, r])), [s.results]);
  const table = useMemo(
    () => (shown ? studyTable(s.def, s.runs, resultsMap) : { header: [], rows: [] }),
    [shown, s.def, s.runs, resultsMap],
  );
  const m = s.def.run.pde || !MEASURES.find((x) => x.value === measure)?.pde ? measure : 'particles_moved';
  const measureLabel = MEASURES.find((x) => x.value === m)?.label ?? m;
  const groups = useMemo(
    () => (table.rows.length > 0 ? groupPoints(table, summarise(table), m) : []),
    [table, m],
  );
  if (!s.open) return null;
  const total = shown ? s.runs.length : 0;
  const done = table.rows.length;
  const failed = table.rows.filter((r) => r[table.header.indexOf('status')] !== 'ok').length;
  const geometry = s.def.axes.some((a) => a.name === 'g') ? s.def.base.geometry : s.def.base.geometry;
  const exportPng = async () => {
    const svg = mapHost.current?.querySelector('svg') ?? null;
    const title = [
      `Study: ${measureLabel} against n`,
      ...groups.map((g) => `${g.label}: ${slopeText(g, m)}`),
    ];
    download('study.png', await figurePng(title, canvas.current, svg));
  };
  return (
    <section className="study-panel" aria-label="Study" data-testid="study-panel" data-status={s.status}>
      <header className="study-head">
        <h2>Study</h2>
        <button
          type="button"
          data-testid="study-dichotomy"
          onClick={() => setStudyText(DICHOTOMY_TEXT, 'push')}
        >
          Dichotomy preset
        </button>
        {s.status === 'running' ? (
          <button type="button" data-testid="study-cancel" onClick={cancelStudy}>
            Cancel
          </button>
        ) : (
          <button type="button" data-testid="study-run" onClick={startStudy}>
            Run
          </button>
        )}
        <button
          type="button"
          disabled={done === 0}
          data-testid="study-csv"
          onClick={() => download('study.csv', new Blob([tableCsv(table)], { type: 'text/csv' }))}
        >
          CSV
        </button>
        <button type="button" disabled={done === 0} data-testid="study-png" onClick={() => void exportPng()}>
          PNG
        </button>
        <button type="button" data-testid="study-close" onClick={closeStudyPanel}>
          Close
        </button>
      </header>
      {s.problem && (
        <p className="caveat" role="alert" data-testid="study-problem">
          {s.problem}
        </p>
      )}
      <p className="note" data-testid="study-progress">
        {shown
          ? `${done}/${total} runs${failed > 0 ? ` (${failed} failed)` : ''} · ${s.elapsed.toFixed(1)} s on ${s.workers} background worker${s.workers === 1 ? '' : 's'} · ${s.status}`
          : 'Not run yet: press Run.'}
      </p>
      <details className="study-setup" open={!shown}>
        <summary>Axes and link</summary>
        <StudyForm key={s.text} />
        <label className="study-link">
          Study link{' '}
          <textarea
            data-testid="study-link"
            value={linkDraft ?? s.text}
            onChange={(e) => setLinkDraft(e.target.value)}
            rows={2}
          />
        </label>
        <button
          type="button"
          onClick={() => {
            if (linkDraft !== null) setStudyText(linkDraft.trim().replace(/^#/, ''), 'push');
            setLinkDraft(null);
          }}
        >
          Use this link
        </button>
      </details>
      <div className="study-figures">
        <div className="study-figure">
          <label>
            measure{' '}
            <select value={m} onChange={(e) => setMeasure(e.target.value)}>
              {MEASURES.filter((x) => s.def.run.pde || !x.pde).map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </select>
          </label>
          <DistancePlot groups={groups} measure={m} measureLabel={measureLabel} onCanvas={onCanvas} />
        </div>
        <div className="study-figure" ref={mapHost}>
          <StudyRegimeMap
            table={table}
            T={s.def.base.T}
            geometry={geometry}
            circle={s.def.base.dimension === 1}
            core={s.def.base.core}
          />
        </div>
      </div>
      <StudyTable table={table} axes={s.def.axes.map((a) => a.name)} />
    </section>
  );
}
