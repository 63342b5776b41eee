import { useLab } from '../../state/store';
import { RegimeMap } from './RegimeMap';
import { type PlotSeries, TimeSeriesPlot } from './TimeSeriesPlot';

const INK = { light: '#111418', dark: '#e8eaed' } as const;
const GRID = { light: '#e2e5ea', dark: '#262b33' } as const;
const COLORS = {
  light: { a: '#0057b8', b: '#d55e00', c: '#009e73', d: '#6a3d9a' },
  dark: { a: '#5aa9ff', b: '#ff9a4d', c: '#3ddc97', d: '#c49bff' },
} as const;

function energySeries(theme: 'light' | 'dark'): PlotSeries[] {
  return [
    { name: 'energyParticles', label: 'E_n(t) particles', color: COLORS[theme].a },
    { name: 'energyPde', label: 'E_δ(ρ(t)) PDE', color: COLORS[theme].b, dash: [6, 3] },
  ];
}

function distanceSeries(theme: 'light' | 'dark'): PlotSeries[] {
  return [
    { name: 'distancePlus', label: '‖μ+ − ρ+‖', color: COLORS[theme].b },
    { name: 'distanceMinus', label: '‖μ− − ρ−‖', color: COLORS[theme].a },
    { name: 'pdeChange', label: 'PDE moved ‖ρ(t) − ρ(0)‖', color: COLORS[theme].c, dash: [6, 3] },
    { name: 'particleChange', label: 'particles moved ‖μ(t) − μ(0)‖', color: COLORS[theme].d, dash: [2, 3] },
  ];
}

function boundSeries(theme: 'light' | 'dark'): PlotSeries[] {
  return [{ name: 'boundFraction', label: 'bound fraction', color: COLORS[theme].c }];
}

const MEMO = {
  light: { e: energySeries('light'), d: distanceSeries('light'), b: boundSeries('light') },
  dark: { e: energySeries('dark'), d: distanceSeries('dark'), b: boundSeries('dark') },
};

const UNIT_RANGE: [number, number] = [0, 1];

/** The live diagnostics of MATH §8 beside the view, and the regime map of §6. */
export function PlotsPanel() {
  const theme = useLab((s) => s.ui.theme);
  const forced = useLab((s) => s.scenario.field.force.some((f) => f !== 0));
  const series = MEMO[theme];
  return (
    <aside className="plots" aria-label="Diagnostics">
      <TimeSeriesPlot
        title={forced ? 'Energy (F ≠ 0: need not decrease)' : 'Energy (both non-increasing)'}
        series={series.e}
        ink={INK[theme]}
        grid={GRID[theme]}
      />
      <TimeSeriesPlot
        title="H⁻² distances (log axis)"
        series={series.d}
        log
        ink={INK[theme]}
        grid={GRID[theme]}
        height={170}
      />
      <TimeSeriesPlot
        title="Bound-dipole fraction"
        series={series.b}
        yRange={UNIT_RANGE}
        ink={INK[theme]}
        grid={GRID[theme]}
        height={120}
      />
      <RegimeMap />
    </aside>
  );
}
