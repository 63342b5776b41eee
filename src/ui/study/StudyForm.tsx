import { useMemo, useState } from 'react';
import { encodeStudy } from '../../model/study/definition';
import { setStudyText, useStudy } from '../../state/study';
import {
  DATA_KINDS,
  DICHOTOMY_FORM,
  type StudyForm as Form,
  formFromStudy,
  type StudyGroup,
  studyFromForm,
} from '../../state/studyBuilder';

/** The axes as a form; "Use these axes" writes its study link (the link is what runs). */
export function StudyForm() {
  const def = useStudy((s) => s.def);
  const shown = useMemo(() => formFromStudy(def), [def]);
  const [f, setF] = useState<Form>(() => shown ?? structuredClone(DICHOTOMY_FORM));
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<Form>) => setF({ ...f, ...patch });
  const setGroup = (k: number, patch: Partial<StudyGroup>) =>
    set({ groups: f.groups.map((g, j) => (j === k ? { ...g, ...patch } : g)) });
  const num = (v: string) => Number(v);
  const apply = () => {
    try {
      setStudyText(encodeStudy(studyFromForm(f)), 'push');
      setError(null);
    } catch (e) {
      setError(
        e instanceof Error ? `${(e as { field?: string }).field ?? ''} ${e.message}`.trim() : String(e),
      );
    }
  };
  return (
    <fieldset className="study-form" data-testid="study-form">
      <legend>Axes</legend>
      {!shown && (
        <p className="note">
          This study's axes are not of the kinds below: edit its link, or write new axes here.
        </p>
      )}
      <label>
        n from{' '}
        <input type="number" value={f.nFrom} min={2} onChange={(e) => set({ nFrom: num(e.target.value) })} />
      </label>
      <label>
        to <input type="number" value={f.nTo} min={2} onChange={(e) => set({ nTo: num(e.target.value) })} />
      </label>
      <label>
        ×{' '}
        <input
          type="number"
          value={f.nFactor}
          min={2}
          onChange={(e) => set({ nFactor: num(e.target.value) })}
        />
      </label>
      <label>
        seeds{' '}
        <input
          type="number"
          value={f.seeds}
          min={1}
          max={100}
          onChange={(e) => set({ seeds: num(e.target.value) })}
        />
      </label>
      <label>
        geometry{' '}
        <select value={f.geometry} onChange={(e) => set({ geometry: e.target.value as Form['geometry'] })}>
          <option value="isotropic">isotropic</option>
          <option value="slip">slip</option>
          <option value="both">both</option>
        </select>
      </label>
      <label>
        T{' '}
        <input
          type="number"
          value={f.T}
          step={0.05}
          min={0.001}
          onChange={(e) => set({ T: num(e.target.value) })}
        />
      </label>
      <label>
        grid{' '}
        <select value={f.grid} onChange={(e) => set({ grid: num(e.target.value) })}>
          {[32, 64, 128, 256].map((g) => (
            <option key={g} value={g}>
              {g}²
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={f.pde} onChange={(e) => set({ pde: e.target.checked })} /> with the
        PDE
      </label>
      {f.groups.map((g, k) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a group is its position in the list (controlled inputs, no own state)
        <div className="study-group" key={k}>
          <select
            aria-label="initial data"
            value={g.data}
            onChange={(e) => setGroup(k, { data: e.target.value as StudyGroup['data'] })}
          >
            {DATA_KINDS.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
          <select
            aria-label="δ rule"
            value={g.family}
            onChange={(e) => setGroup(k, { family: e.target.value as StudyGroup['family'] })}
          >
            <option value="fixed">δ fixed =</option>
            <option value="power">δ = n^−p, p =</option>
          </select>
          <input
            aria-label="values"
            value={g.values}
            onChange={(e) => setGroup(k, { values: e.target.value })}
          />
          <button type="button" onClick={() => set({ groups: f.groups.filter((_, j) => j !== k) })}>
            −
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => set({ groups: [...f.groups, { data: 'iid', family: 'fixed', values: '0.05' }] })}
      >
        + group
      </button>{' '}
      <button type="button" data-testid="study-apply" onClick={apply}>
        Use these axes
      </button>
      {error && <p className="caveat">{error}</p>}
    </fieldset>
  );
}
