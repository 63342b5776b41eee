import type { PlotSeries } from './TimeSeriesPlot';

/** The live charts (MATH §8): one definition for the page and for the SVG export. */

export const INK = { light: '#111418', dark: '#e8eaed' } as const;
export const GRID = { light: '#d5d9df', dark: '#353b44' } as const;
const COLORS = {
  light: { a: '#0057b8', b: '#c24e00', c: '#007a5a', d: '#6a3d9a' },
  dark: { a: '#5aa9ff', b: '#ff9a4d', c: '#3ddc97', d: '#c49bff' },
} as const;

export type Theme = 'light' | 'dark';

export interface ChartSpec {
  key: string;
  title: string;
  yTitle: string;
  series: PlotSeries[];
  log?: boolean;
  yRange?: [number, number];
  height: number;
}

type Series = PlotSeries & { pde?: boolean; noise?: boolean };

function seriesOf(theme: Theme): Record<string, Series[]> {
  const c = COLORS[theme];
  return {
    energy: [
      { name: 'energyParticles', label: 'E_n(t) particles', color: c.a },
      { name: 'energyPde', label: 'E_δ(ρ(t)) PDE', color: c.b, dash: [6, 3], pde: true },
      // MATH §13: with noise the PDE's monotone quantity is the free energy, not E
      {
        name: 'freeEnergyPde',
        label: 'F = E_δ + θ∫ρ±log ρ± PDE',
        color: c.d,
        dash: [2, 2],
        pde: true,
        noise: true,
      },
    ],
    distance: [
      { name: 'distancePlus', label: '‖μ+ − ρ+‖', color: c.b, pde: true },
      { name: 'distanceMinus', label: '‖μ− − ρ−‖', color: c.a, pde: true },
      { name: 'pdeChange', label: 'PDE moved ‖ρ(t) − ρ(0)‖', color: c.c, dash: [6, 3], pde: true },
      { name: 'particleChange', label: 'particles moved ‖μ(t) − μ(0)‖', color: c.d, dash: [2, 3] },
    ],
    bound: [{ name: 'boundFraction', label: 'bound fraction', color: c.c }],
  };
}

const UNIT_RANGE: [number, number] = [0, 1];
const memo = new Map<string, ChartSpec[]>();

/**
 * The charts for a theme; PDE series (and their legends) are dropped when the PDE is off, the
 * free energy F unless there is noise (θ > 0).
 */
export function chartSpecs(
  theme: Theme,
  pdeOn: boolean,
  forced: boolean,
  noisy = false,
  circle = false,
): ChartSpec[] {
  const key = `${theme}:${pdeOn}:${forced}:${noisy}:${circle}`;
  const known = memo.get(key);
  if (known) return known;
  const all = seriesOf(theme);
  const pick = (name: string) => all[name].filter((p) => (pdeOn || !p.pde) && (noisy || !p.noise));
  const specs: ChartSpec[] = [
    {
      key: 'energy',
      title: forced
        ? 'Energy (F ≠ 0: need not decrease)'
        : noisy
          ? pdeOn
            ? 'Energy (noise: the PDE’s F non-increasing)'
            : 'Energy (noise: E_n fluctuates)'
          : 'Energy (non-increasing)',
      yTitle: 'energy (dimensionless, MATH §3, §5)',
      series: pick('energy'),
      height: 150,
    },
    {
      key: 'distance',
      title: pdeOn ? 'Particles vs PDE: H⁻² distances' : 'How far the particles moved (H⁻²)',
      yTitle: 'H⁻² norm, log axis (MATH §8)',
      series: pick('distance'),
      log: true,
      height: 170,
    },
    {
      key: 'bound',
      title: 'Bound-dipole fraction',
      // a quarter of the typical spacing: n^−½ on the torus, 1/n on the circle (particleEngine.ts)
      yTitle: `share of particles with a partner closer than min(3δ, ${circle ? '¼n^−1' : '¼n^−½'})`,
      series: pick('bound'),
      yRange: UNIT_RANGE,
      height: 120,
    },
  ];
  memo.set(key, specs);
  return specs;
}
