import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useLab } from '../../state/store';
import { type GroupPoints, slopeText } from '../../state/studyResults';
import { LineSwatch } from '../plots/LineSwatch';

export const GROUP_COLORS = {
  light: ['#0057b8', '#c24e00', '#007a5a', '#6a3d9a', '#8c564b', '#b8006b'],
  dark: ['#5aa9ff', '#ff9a4d', '#3ddc97', '#c49bff', '#d9a68c', '#ff7ac0'],
} as const;
const INK = { light: '#111418', dark: '#e8eaed' } as const;
const GRID = { light: '#d5d9df', dark: '#353b44' } as const;
const TICK_PX = 12;

interface Props {
  groups: GroupPoints[];
  measure: string;
  measureLabel: string;
  /** Receives the chart's canvas (PNG export). */
  onCanvas?: (c: HTMLCanvasElement | null) => void;
}

const sup = (v: number | null) =>
  v === null || !Number.isFinite(v) ? '' : v === 0 ? '0' : v.toExponential(0).replace('e+', 'e');

/**
 * Log-log scatter of a measure against n, one colour per group (seeds as replicates), each
 * group's OLS line exp(intercept)·n^slope over its n range, and the n^−½ guide through the
 * first group's smallest-n mean.
 */
export function DistancePlot({ groups, measure, measureLabel, onCanvas }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useLab((s) => s.ui.theme);
  const scale = useLab((s) => s.ui.textScale);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const colors = GROUP_COLORS[theme];
    const ns = [...new Set(groups.flatMap((g) => g.points.map((p) => p.n)))].sort((a, b) => a - b);
    if (ns.length === 0) {
      onCanvas?.(null);
      return;
    }
    const columns: (number | null)[][] = [];
    const series: uPlot.Series[] = [{}];
    // one points series per group and seed slot (uPlot aligns on x: replicates need own series)
    groups.forEach((g, k) => {
      const byN = new Map<number, number[]>();
      for (const p of g.points) byN.set(p.n, [...(byN.get(p.n) ?? []), p.value]);
      const slots = Math.max(0, ...[...byN.values()].map((v) => v.length));
      for (let s = 0; s < slots; s++) {
        columns.push(ns.map((n) => byN.get(n)?.[s] ?? null));
        series.push({
          label: `${g.label} #${s + 1}`,
          stroke: colors[k % colors.length],
          paths: () => null,
          points: { show: true, size: 7 * scale, fill: colors[k % colors.length] },
        });
      }
      const f = g.fit;
      const lo = Math.min(...g.points.map((p) => p.n));
      const hi = Math.max(...g.points.map((p) => p.n));
      if (f) {
        columns.push(ns.map((n) => (n >= lo && n <= hi ? Math.exp(f.intercept) * n ** f.slope : null)));
        series.push({
          label: `${g.label} fit`,
          stroke: colors[k % colors.length],
          width: 1.5,
          spanGaps: true,
          points: { show: false },
        });
      }
    });
    const first = groups.find((g) => g.points.length > 0);
    if (first) {
      const n0 = Math.min(...first.points.map((p) => p.n));
      const at = first.points.filter((p) => p.n === n0).map((p) => p.value);
      const y0 = at.reduce((a, b) => a + b, 0) / at.length;
      columns.push(ns.map((n) => y0 * (n / n0) ** -0.5));
      series.push({ label: 'n^−½', stroke: INK[theme], width: 1, dash: [4, 4], points: { show: false } });
    }
    const values = columns.flat().filter((v): v is number => v !== null && v > 0);
    const yLo = 10 ** Math.floor(Math.log10(Math.min(...values)) - 0.05);
    const yHi = 10 ** Math.ceil(Math.log10(Math.max(...values)) + 0.05);
    const font = `${TICK_PX * scale}px system-ui, "DejaVu Sans", sans-serif`;
    const axis = {
      stroke: INK[theme],
      font,
      grid: { stroke: GRID[theme], width: 1 },
      ticks: { stroke: GRID[theme], width: 1 },
    };
    const opts: uPlot.Options = {
      width: Math.max(260, el.clientWidth),
      height: Math.round(260 * (1 + 0.5 * (scale - 1))),
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: {
          time: false,
          distr: 3,
          log: 10,
          // whole decades: uPlot labels a log axis at 1, 2, 3, 5, 7 × 10^k inside them
          range: () => [
            10 ** Math.floor(Math.log10(ns[0] / 1.2)),
            10 ** Math.ceil(Math.log10(ns[ns.length - 1] * 1.2)),
          ],
        },
        y: { distr: 3, log: 10, range: () => [yLo, yHi] },
      },
      axes: [
        {
          ...axis,
          size: Math.round(30 * scale),
          values: (_u, ticks) => ticks.map((v) => (v == null ? '' : String(v))),
        },
        { ...axis, size: Math.round(58 * scale), values: (_u, ticks) => ticks.map(sup) },
      ],
      series,
    };
    const plot = new uPlot(opts, [ns, ...columns] as uPlot.AlignedData, el);
    onCanvas?.(plot.ctx.canvas);
    const ro = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(260, el.clientWidth), height: opts.height }),
    );
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [groups, theme, scale, onCanvas]);
  const colors = GROUP_COLORS[theme];
  return (
    <figure
      className="plot study-plot"
      aria-label={`${measureLabel} against n`}
      data-testid="study-distance-plot"
    >
      <figcaption className="plot-title">
        {measureLabel} against n (log-log), fitted slope per group
      </figcaption>
      <div className="axis-title">{measureLabel}, log axis</div>
      <div ref={host} />
      <div className="axis-title x-title">n (particles), log axis</div>
      <ul className="plot-legend">
        {groups.map((g, k) => (
          <li key={g.label} data-testid="study-slope">
            <LineSwatch color={colors[k % colors.length]} />
            {g.label}: <span className="hud">{slopeText(g, measure)}</span>
          </li>
        ))}
        <li>
          <LineSwatch color={INK[theme]} dash={[4, 4]} /> n^−½ guide (the i.i.d. sampling rate)
        </li>
      </ul>
    </figure>
  );
}
