import { encodeScenario } from '../model/scenario/codec';
import { resolveDelta } from '../model/scenario/delta';
import type { Scenario } from '../model/scenario/types';
import { checkpointIndexAt, type SeriesData, type SeriesName } from './diagnosticSeries';
import type { ParticleFrame } from './displayFrames';

/** What the exports say about each plotted series: its name in a header, and its unit. */
export interface SeriesInfo {
  name: SeriesName;
  label: string;
  unit: string;
  /** Only meaningful with the PDE on. */
  pde?: boolean;
  /** Only meaningful with noise (θ > 0). */
  noise?: boolean;
}

/** Every series the plots draw (MATH §3, §5, §8), in the plots' order. */
export const PLOTTED_SERIES: readonly SeriesInfo[] = [
  { name: 'energyParticles', label: 'E_n particles', unit: 'energy (model units)' },
  { name: 'energyPde', label: 'E_delta(rho) PDE', unit: 'energy (model units)', pde: true },
  {
    name: 'freeEnergyPde',
    label: 'F = E_delta + theta*int(rho log rho) PDE',
    unit: 'energy (model units)',
    pde: true,
    noise: true,
  },
  { name: 'distancePlus', label: '|mu+ - rho+| H^-2', unit: 'H^-2 norm (model units)', pde: true },
  { name: 'distanceMinus', label: '|mu- - rho-| H^-2', unit: 'H^-2 norm (model units)', pde: true },
  { name: 'pdeChange', label: '|rho(t) - rho(0)| H^-2', unit: 'H^-2 norm (model units)', pde: true },
  { name: 'particleChange', label: '|mu(t) - mu(0)| H^-2', unit: 'H^-2 norm (model units)' },
  { name: 'boundFraction', label: 'bound fraction', unit: 'share of particles (1)' },
];

export function plottedSeries(pdeOn: boolean, noisy = false): SeriesInfo[] {
  return PLOTTED_SERIES.filter((s) => (pdeOn || !s.pde) && (noisy || !s.noise));
}

/** Checkpoints up to the clock on screen (a side computing ahead has recorded further). */
function shownRows(s: Readonly<SeriesData>, clock: number): number {
  return Math.min(s.t.length, checkpointIndexAt(clock, s.h) + 1);
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
function cell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The plotted series as CSV: t first, one column per series, a header with units, one row per
 * checkpoint up to the clock on screen; unknown values are empty cells. Numbers in shortest
 * round-trip form (every digit of the double).
 */
export function seriesCsv(s: Readonly<SeriesData>, series: readonly SeriesInfo[], clock: number): string {
  const rows = shownRows(s, clock);
  const header = ['t (model time)', ...series.map((x) => `${x.label} [${x.unit}]`)].map(cell).join(',');
  const lines = [header];
  for (let k = 0; k < rows; k++) {
    const values = series.map((x) => {
      const v = s.values[x.name][k];
      return v === null || v === undefined ? '' : String(v);
    });
    lines.push([String(s.t[k]), ...values].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The same data as JSON, with the scenario link it belongs to. */
export function seriesJson(
  s: Readonly<SeriesData>,
  series: readonly SeriesInfo[],
  clock: number,
  link: string,
): string {
  const rows = shownRows(s, clock);
  return JSON.stringify({
    link,
    t: s.t.slice(0, rows),
    units: { t: 'model time' },
    series: Object.fromEntries(
      series.map((x) => [x.name, { label: x.label, unit: x.unit, values: s.values[x.name].slice(0, rows) }]),
    ),
  });
}

/**
 * The particles on screen as an app scenario starting from them (explicit list, the same physics),
 * which `npm run sim -- run --in` reads back. Positions are the drawn ones: at a checkpoint the
 * state's own bits, between checkpoints the interpolated picture.
 */
export function particlesScenario(s: Scenario, frame: ParticleFrame): Scenario {
  const particles: [number, number, number][] = [];
  for (let i = 0; i < frame.n; i++) particles.push([frame.pos[2 * i], frame.pos[2 * i + 1], frame.signs[i]]);
  const out = structuredClone(s);
  // a δ rule evaluated at the old n could move once n is fixed by the list: keep the δ in force
  if (typeof out.delta !== 'number') out.delta = resolveDelta(s);
  out.n = particles.length;
  out.initial = { kind: 'explicit', particles };
  return out;
}

/** One line naming the run for a figure caption: the scenario link and the time shown. */
export function captionText(s: Scenario, t: number): string {
  return `${encodeScenario(s)}   t = ${Number(t.toPrecision(6))}`;
}

/** A file name for an export at time t: `dislocation-lab-t0.125.csv`. */
export function exportName(t: number, ext: string, what = ''): string {
  return `dislocation-lab${what ? `-${what}` : ''}-t${Number(t.toPrecision(6))}.${ext}`;
}
