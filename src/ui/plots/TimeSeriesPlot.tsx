import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { checkpointIndexAt, type SeriesName } from '../../state/diagnosticSeries';
import { frames, series as store } from '../../state/lab';

export interface PlotSeries {
  name: SeriesName;
  label: string;
  color: string;
  dash?: number[];
}

interface Props {
  title: string;
  series: PlotSeries[];
  log?: boolean;
  /** Fixed y range (else auto). */
  yRange?: [number, number];
  height?: number;
  /** Axis/grid colour (theme). */
  ink: string;
  grid: string;
}

const POLL_MS = 1000;

/** The checkpoints up to the clock on screen (a side computing ahead has recorded further). */
function dataFor(series: PlotSeries[], log: boolean): uPlot.AlignedData {
  const s = store.data();
  const upTo = checkpointIndexAt(frames.drawn?.t ?? 0, s.h) + 1;
  const cols = series.map((p) =>
    s.values[p.name].slice(0, upTo).map((v) => (v === null || (log && v <= 0) ? null : v)),
  );
  return [s.t.slice(0, upTo), ...cols] as uPlot.AlignedData;
}

/**
 * A live uPlot chart of some diagnostic series against simulated time t. Polls the series store
 * a few times a second and redraws only when it changed; resizes with its container.
 */
export function TimeSeriesPlot({ title, series, log = false, yRange, height = 150, ink, grid }: Props) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const opts: uPlot.Options = {
      title,
      width: Math.max(200, el.clientWidth),
      height,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: false, auto: false },
        y: log
          ? { distr: 3, log: 10 }
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
        { ...axis, label: 't', labelSize: 18, size: 36 },
        { ...axis, size: 62, values: (_u, ticks) => ticks.map((v) => formatTick(v)) },
      ],
      series: [
        { label: 't' },
        ...series.map((p) => ({ label: p.label, stroke: p.color, width: 2, dash: p.dash, spanGaps: true })),
      ],
    };
    const plot = new uPlot(opts, dataFor(series, log), el);
    let seen = '';
    const refresh = () => {
      const s = store.data();
      const key = `${s.version}:${frames.drawn?.t}`;
      if (key === seen) return;
      seen = key;
      plot.setData(dataFor(series, log));
      // t from 0 to the horizon T (or beyond, if T was raised during the run).
      plot.setScale('x', { min: 0, max: Math.max(s.T, s.t[s.t.length - 1] ?? 0) || 1 });
    };
    refresh();
    const timer = window.setInterval(refresh, POLL_MS);
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      window.clearInterval(timer);
      ro.disconnect();
      plot.destroy();
    };
  }, [title, series, log, yRange, height, ink, grid]);

  return <div ref={host} className="plot" />;
}

function formatTick(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(0);
  return String(Number(v.toPrecision(3)));
}
