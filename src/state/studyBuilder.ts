/**
 * The Study panel's form: a few choices (n ladder, groups of initial data with a δ rule family and
 * a list of its parameter, seeds, geometry, T, grid) written as model/study axes, and the shipped
 * "Dichotomy" study. The form only writes study links; the link is what runs and travels.
 */
import { decodeScenario } from '../model/scenario/codec';
import { formatNumber, parseNumber } from '../model/scenario/numbers';
import { fail, quote } from '../model/scenario/read';
import { type Axis, parseAxis } from '../model/study/axes';
import { checkAxes, defaultRunOptions, encodeStudy, type StudyDefinition } from '../model/study/definition';

export type DataKind = 'iid' | 'stratified' | 'dipoles';
/** δ fixed at each listed value, or δ = n^−p for each listed p. */
export type DeltaFamily = 'fixed' | 'power';

export interface StudyGroup {
  data: DataKind;
  family: DeltaFamily;
  /** Comma-separated δ values or exponents p. */
  values: string;
}

export interface StudyForm {
  nFrom: number;
  nTo: number;
  nFactor: number;
  groups: StudyGroup[];
  seeds: number;
  geometry: 'isotropic' | 'slip' | 'both';
  T: number;
  grid: number;
  pde: boolean;
  /** PDE runs: sample times at which both sides end a step (fewer is faster, same measures at T). */
  samples: number;
}

export const DATA_KINDS: { value: DataKind; label: string }[] = [
  { value: 'iid', label: 'i.i.d. sample' },
  { value: 'stratified', label: 'stratified sample' },
  { value: 'dipoles', label: 'short dipoles' },
];

const DATA_FRAGMENT: Record<DataKind, string> = {
  iid: 'i=sample&samp=iid',
  stratified: 'i=sample&samp=stratified',
  dipoles: 'i=dipoles',
};

/**
 * The Dichotomy: i.i.d. data at δ = 0.05 against short dipoles at δ = n^−1.5, n = 250, 1000, 4000,
 * 3 seeds, T = 0.1 on a 64² PDE grid with 4 sample times (sized to finish in well under a minute
 * on one worker; the measured times are in docs/study.md).
 */
export const DICHOTOMY_FORM: StudyForm = {
  nFrom: 250,
  nTo: 4000,
  nFactor: 4,
  groups: [
    { data: 'iid', family: 'fixed', values: '0.05' },
    { data: 'dipoles', family: 'power', values: '1.5' },
  ],
  seeds: 3,
  geometry: 'isotropic',
  T: 0.1,
  grid: 64,
  pde: true,
  samples: 4,
};

function numbers(text: string, field: string): number[] {
  const items = text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) fail(field, 'needs at least one value');
  return items.map((s) => {
    const x = parseNumber(s);
    if (x === undefined || !(x > 0)) fail(field, `${quote(s)} is not a positive number`);
    return x;
  });
}

/** The link piece of each group value: `i=sample&samp=iid&d=0.05`, `i=dipoles&d=pow:1,1.5`. */
export function groupFragments(g: StudyGroup, field = 'groups'): string[] {
  return numbers(g.values, field).map(
    (v) =>
      `${DATA_FRAGMENT[g.data]}&d=${g.family === 'fixed' ? formatNumber(v) : `pow:1,${formatNumber(v)}`}`,
  );
}

/** The study the form describes (errors name the field of the form). */
export function studyFromForm(f: StudyForm): StudyDefinition {
  const base = decodeScenario(`v1&T=${formatNumber(f.T)}&N=${formatNumber(f.grid)}`);
  if (!base.ok) fail(base.error.field, base.error.message);
  if (!(Number.isInteger(f.seeds) && f.seeds >= 1 && f.seeds <= 100)) fail('seeds', 'must be 1 … 100');
  const axes: Axis[] = [];
  const fragments = f.groups.flatMap((g, k) => groupFragments(g, `group ${k + 1}`));
  if (fragments.length === 0) fail('groups', 'add at least one group');
  axes.push({ name: 'data', values: [...new Set(fragments)] });
  axes.push(
    parseAxis(f.nFrom === f.nTo ? `n=${f.nFrom}` : `n=${f.nFrom}..${f.nTo}*${f.nFactor}`, 'n ladder'),
  );
  axes.push(parseAxis(`seed=1..${f.seeds}`, 'seeds'));
  if (f.geometry === 'both') axes.push(parseAxis('g=isotropic;slip', 'geometry'));
  else base.scenario.geometry = f.geometry;
  checkAxes(axes);
  const run = { ...defaultRunOptions(), pde: f.pde, samples: f.samples };
  return { base: base.scenario, axes, run };
}

const KIND_OF_FRAGMENT = new Map(Object.entries(DATA_FRAGMENT).map(([k, v]) => [v, k as DataKind]));

/** The form that writes this study, or null when its axes are not of the form's kinds. */
export function formFromStudy(d: StudyDefinition): StudyForm | null {
  const axis = (name: string) => d.axes.find((a) => a.name === name);
  const [data, n, seed, g] = ['data', 'n', 'seed', 'g'].map(axis);
  if (!data || !n || !seed || d.axes.length !== (g ? 4 : 3)) return null;
  const groups: StudyGroup[] = [];
  for (const v of data.values) {
    const m = /^(.*)&d=(pow:1,)?([^&]+)$/.exec(v);
    const kind = m && KIND_OF_FRAGMENT.get(m[1]);
    if (!m || !kind) return null;
    const family: DeltaFamily = m[2] ? 'power' : 'fixed';
    const last = groups[groups.length - 1];
    if (last && last.data === kind && last.family === family) last.values += `, ${m[3]}`;
    else groups.push({ data: kind, family, values: m[3] });
  }
  const ns = n.values.map(Number);
  const form: StudyForm = {
    nFrom: ns[0],
    nTo: ns[ns.length - 1],
    nFactor: ns.length > 1 ? ns[1] / ns[0] : 2,
    groups,
    seeds: seed.values.length,
    geometry: g ? 'both' : d.base.geometry,
    T: d.base.T,
    grid: d.base.pde.grid,
    pde: d.run.pde,
    samples: d.run.samples,
  };
  try {
    // the form must write exactly this study back
    return encodeStudy(studyFromForm(form)) === encodeStudy(d) ? form : null;
  } catch {
    return null;
  }
}
