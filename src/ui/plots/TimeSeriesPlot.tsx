import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesName } from '../../state/diagnosticSeries';
import { frames, series as store } from '../../state/lab';
import { plotData } from '../../state/plotData';
import { useLab } from '../../state/store';
import { formatValue } from '../controls/NumberField';
import { LineSwatch } from './LineSwatch';

export interface PlotSeries {
  name: SeriesName;
  label: string;
  color: string;
  dash?: number[];
}

interface Props {
  title: string;
  /** What the y axis measures, with its unit if it has one. */
  yTitle: string;
  series: PlotSeries[];
  log?: boolean;
  /** Fixed y range (else auto). */
  yRange?: [number, number];
  height?: number;
  /** Axis/grid colour (theme). */
  ink: string;
  grid: string;
}

const POLL_MS = 400;
/** Tick labels at text size 1 (px); the text size control scales them. */
const TICK_PX = 12;

function formatTick(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(0).replace('e', 'e');
  return String(Number(v.toPrecision(3)));
}

/**
 * A live uPlot chart of diagnostic series against simulated time t, up to the clock on screen.
 * Its own legend shows each line's colour and dash, and the values under the cursor (else the
 * newest). Log axes follow the data; values at or below the floor (0 included) are drawn on it
 * as hollow points. Fonts follow the text size control.
 */
export function TimeSeriesPlot({
  title,
  yTitle,
  series,
  log = false,
  yRange,
  height = 150,
  ink,
  grid,
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const scale = useLab((s) => s.ui.textScale);
  const [readout, setReadout] = useState<{ t: number | null; values: (number | null)[]; clamped: boolean[] }>(
    {
      t: null,
      values: [],
      clamped: [],
    },
  );

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const font = `${TICK_PX * scale}px system-ui, "DejaVu Sans", sans-serif`;
    const h = Math.round(height * (1 + 0.6 * (scale - 1)));
    const names = series.map((p) => p.name);
    let data = plotData(store.data(), names, frames.drawn?.t ?? 0, log);
    const axis = {
      stroke: ink,
      font,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
    };
    const showReadout = (idx: number | null) => {
      const i = idx ?? data.t.length - 1;
      setReadout({
        t: i >= 0 ? (data.t[i] ?? null) : null,
        values: names.map((n) => (i >= 0 ? (store.data().values[n][i] ?? null) : null)),
        clamped: data.clamped.map((c) => c.includes(i)),
      });
    };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: h,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 7 * scale } },
      scales: {
        x: { time: false, auto: false },
        y: log
          ? { distr: 3, log: 10, range: () => data.logRange ?? [1e-6, 1] }
          : yRange
            ? { auto: false, range: yRange }
            : {
                range: (_u, lo, hi) => {
                  if (lo === hi) return [lo - 1e-3 - Math.abs(lo) * 0.01, hi + 1e-3 + Math.abs(hi) * 0.01];
                  const pad = (hi - lo) * 0.08;
                  return [lo - pad, hi + pad];
                },
              },
      },
      axes: [
        { ...axis, size: Math.round(28 * scale) },
        { ...axis, size: Math.round(58 * scale), values: (_u, ticks) => ticks.map((v) => formatTick(v)) },
      ],
      series: [
        {},
        ...series.map((p, k) => ({
          label: p.label,
          stroke: p.color,
          width: 2,
          dash: p.dash,
          spanGaps: true,
          points: {
            show: true,
            size: 7 * scale,
            width: 1.5,
            fill: 'transparent',
            filter: () => data.clamped[k],
          },
        })),
      ],
      hooks: { setCursor: [(u) => showReadout(u.cursor.idx ?? null)] },
    };
    const plot = new uPlot(opts, [data.t, ...data.columns] as uPlot.AlignedData, el);
    let seen = '';
    const refresh = () => {
      const s = store.data();
      const clock = frames.drawn?.t ?? 0;
      const key = `${s.version}:${clock}`;
      if (key === seen) return;
      seen = key;
      data = plotData(s, names, clock, log);
      plot.setData([data.t, ...data.columns] as uPlot.AlignedData);
      // t from 0 to the horizon T (or beyond, if T was raised during the run)
      plot.setScale('x', { min: 0, max: Math.max(s.T, s.t[s.t.length - 1] ?? 0) || 1 });
      if (plot.cursor.idx == null) showReadout(null);
    };
    refresh();
    const timer = window.setInterval(refresh, POLL_MS);
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: h }));
    ro.observe(el);
    return () => {
      window.clearInterval(timer);
      ro.disconnect();
      plot.destroy();
    };
  }, [series, log, yRange, height, ink, grid, scale]);

  return (
    <figure className="plot" data-font-px={TICK_PX * scale} aria-label={title}>
      <figcaption className="plot-title">{title}</figcaption>
      <div className="axis-title">{yTitle}</div>
      <div ref={host} />
      <div className="axis-title x-title">t (model time)</div>
      <ul className="plot-legend" aria-label={`${title}: values at t = ${readout.t ?? '…'}`}>
        <li className="readout-t">
          t = {readout.t === null ? '…' : formatValue(Number(readout.t.toPrecision(4)))}
        </li>
        {series.map((p, k) => (
          <li key={p.name}>
            <LineSwatch color={p.color} dash={p.dash} />
            {p.label}:{' '}
            <span className="hud">
              {readout.values[k] === null || readout.values[k] === undefined
                ? '—'
                : formatValue(Number((readout.values[k] as number).toPrecision(4)))}
              {readout.clamped[k] ? ' ○ (below the axis: drawn on its floor)' : ''}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
