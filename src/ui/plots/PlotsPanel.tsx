import { useLab } from '../../state/store';
import { RegimeMap } from './RegimeMap';
import { type PlotSeries, TimeSeriesPlot } from './TimeSeriesPlot';

const INK = { light: '#111418', dark: '#e8eaed' } as const;
const GRID = { light: '#d5d9df', dark: '#353b44' } as const;
const COLORS = {
  light: { a: '#0057b8', b: '#c24e00', c: '#007a5a', d: '#6a3d9a' },
  dark: { a: '#5aa9ff', b: '#ff9a4d', c: '#3ddc97', d: '#c49bff' },
} as const;

type Theme = 'light' | 'dark';

/** The series of each chart; `pde` ones are dropped (with their legend) when the PDE is off. */
const CHARTS = (theme: Theme) => {
  const c = COLORS[theme];
  return {
    energy: [
      { name: 'energyParticles', label: 'E_n(t) particles', color: c.a },
      { name: 'energyPde', label: 'E_δ(ρ(t)) PDE', color: c.b, dash: [6, 3], pde: true },
    ],
    distance: [
      { name: 'distancePlus', label: '‖μ+ − ρ+‖', color: c.b, pde: true },
      { name: 'distanceMinus', label: '‖μ− − ρ−‖', color: c.a, pde: true },
      { name: 'pdeChange', label: 'PDE moved ‖ρ(t) − ρ(0)‖', color: c.c, dash: [6, 3], pde: true },
      { name: 'particleChange', label: 'particles moved ‖μ(t) − μ(0)‖', color: c.d, dash: [2, 3] },
    ],
    bound: [{ name: 'boundFraction', label: 'bound fraction', color: c.c }],
  } as Record<string, (PlotSeries & { pde?: boolean })[]>;
};

const MEMO: Record<Theme, Record<'on' | 'off', ReturnType<typeof CHARTS>>> = {
  light: { on: CHARTS('light'), off: pick(CHARTS('light')) },
  dark: { on: CHARTS('dark'), off: pick(CHARTS('dark')) },
};

function pick(charts: ReturnType<typeof CHARTS>): ReturnType<typeof CHARTS> {
  return Object.fromEntries(Object.entries(charts).map(([k, v]) => [k, v.filter((p) => !p.pde)]));
}

const UNIT_RANGE: [number, number] = [0, 1];

/** The live diagnostics of MATH §8 beside the view, and the regime map of §6. */
export function PlotsPanel() {
  const theme = useLab((s) => s.ui.theme);
  const pdeOn = useLab((s) => s.scenario.pde.enabled);
  const forced = useLab((s) => s.scenario.field.force.some((f) => f !== 0));
  const charts = MEMO[theme][pdeOn ? 'on' : 'off'];
  return (
    <aside className="plots" aria-label="Diagnostics" data-testid="plots">
      <TimeSeriesPlot
        title={forced ? 'Energy (F ≠ 0: need not decrease)' : 'Energy (non-increasing)'}
        yTitle="energy (dimensionless, MATH §3, §5)"
        series={charts.energy}
        ink={INK[theme]}
        grid={GRID[theme]}
      />
      <TimeSeriesPlot
        title={pdeOn ? 'Particles vs PDE: H⁻² distances' : 'How far the particles moved (H⁻²)'}
        yTitle="H⁻² norm, log axis (MATH §8)"
        series={charts.distance}
        log
        ink={INK[theme]}
        grid={GRID[theme]}
        height={170}
      />
      <TimeSeriesPlot
        title="Bound-dipole fraction"
        yTitle="share of particles with a partner closer than min(3δ, ¼n^−½)"
        series={charts.bound}
        yRange={UNIT_RANGE}
        ink={INK[theme]}
        grid={GRID[theme]}
        height={120}
      />
      <RegimeMap />
    </aside>
  );
}
