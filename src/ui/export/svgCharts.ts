import type { SeriesData } from '../../state/diagnosticSeries';
import { plotData } from '../../state/plotData';
import type { ChartSpec } from '../plots/chartSpecs';
import { cssVar } from './download';

/**
 * The charts and the regime map as standalone SVG (vector figures for a paper): the charts drawn
 * from the same data and definitions as the live uPlot ones (up to the clock on screen), the regime
 * map serialised from the page with its theme colours written in.
 */

const W = 560;
const PAD = { l: 70, r: 14, t: 30, b: 40 };
const LEGEND_ROW = 18;

const esc = (t: string) =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** About five round ticks over [lo, hi]. */
export function niceTicks(lo: number, hi: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

function tickText(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(0) : String(Number(v.toPrecision(3)));
}

/** One chart as an SVG group of height `h` at vertical offset y0. */
function chartSvg(
  spec: ChartSpec,
  data: Readonly<SeriesData>,
  clock: number,
  y0: number,
  ink: string,
  grid: string,
) {
  const names = spec.series.map((s) => s.name);
  const d = plotData(data, names, clock, spec.log ?? false);
  const h = spec.height + PAD.t + PAD.b;
  const x1 = Math.max(data.T, d.t[d.t.length - 1] ?? 0) || 1;
  let ylo: number;
  let yhi: number;
  if (spec.log && d.logRange) [ylo, yhi] = [Math.log10(d.logRange[0]), Math.log10(d.logRange[1])];
  else if (spec.yRange) [ylo, yhi] = spec.yRange;
  else {
    const vals = d.columns.flat().filter((v): v is number => v !== null);
    ylo = vals.length ? Math.min(...vals) : 0;
    yhi = vals.length ? Math.max(...vals) : 1;
    const pad = yhi > ylo ? (yhi - ylo) * 0.08 : 1e-3 + Math.abs(ylo) * 0.01;
    ylo -= pad;
    yhi += pad;
  }
  const ph = spec.height;
  const pw = W - PAD.l - PAD.r;
  const sx = (t: number) => PAD.l + (t / x1) * pw;
  const yv = (v: number) => (spec.log ? Math.log10(v) : v);
  const sy = (v: number) => y0 + PAD.t + ((yhi - yv(v)) / (yhi - ylo)) * ph;
  const parts: string[] = [];
  parts.push(
    `<text x="${PAD.l}" y="${y0 + 18}" font-size="14" font-weight="700" fill="${ink}">${esc(spec.title)}</text>`,
  );
  parts.push(
    `<rect x="${PAD.l}" y="${y0 + PAD.t}" width="${pw}" height="${ph}" fill="none" stroke="${grid}"/>`,
  );
  for (const t of niceTicks(0, x1)) {
    const x = sx(t).toFixed(1);
    parts.push(`<line x1="${x}" x2="${x}" y1="${y0 + PAD.t}" y2="${y0 + PAD.t + ph}" stroke="${grid}"/>`);
    parts.push(
      `<text x="${x}" y="${y0 + PAD.t + ph + 15}" font-size="11" text-anchor="middle" fill="${ink}">${tickText(t)}</text>`,
    );
  }
  const yTicks = spec.log
    ? Array.from({ length: Math.round(yhi - ylo) + 1 }, (_, i) => 10 ** (Math.round(ylo) + i))
    : niceTicks(ylo, yhi);
  for (const v of yTicks) {
    const y = sy(v).toFixed(1);
    parts.push(`<line x1="${PAD.l}" x2="${PAD.l + pw}" y1="${y}" y2="${y}" stroke="${grid}"/>`);
    parts.push(
      `<text x="${PAD.l - 5}" y="${y}" dy="4" font-size="11" text-anchor="end" fill="${ink}">${tickText(v)}</text>`,
    );
  }
  parts.push(
    `<text x="${PAD.l + pw / 2}" y="${y0 + PAD.t + ph + 32}" font-size="12" text-anchor="middle" fill="${ink}">t (model time)</text>`,
  );
  const cy = y0 + PAD.t + ph / 2;
  parts.push(
    `<text x="14" y="${cy}" font-size="11" text-anchor="middle" fill="${ink}" transform="rotate(-90 14 ${cy})">${esc(spec.yTitle)}</text>`,
  );
  spec.series.forEach((s, k) => {
    const pts: string[] = [];
    d.columns[k].forEach((v, i) => {
      if (v !== null) pts.push(`${sx(d.t[i]).toFixed(2)},${sy(v).toFixed(2)}`);
    });
    const dash = s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : '';
    if (pts.length > 1)
      parts.push(
        `<polyline points="${pts.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`,
      );
    for (const i of d.clamped[k]) {
      const v = d.columns[k][i];
      if (v !== null)
        parts.push(
          `<circle cx="${sx(d.t[i]).toFixed(2)}" cy="${sy(v).toFixed(2)}" r="3" fill="none" stroke="${s.color}"/>`,
        );
    }
    const ly = y0 + h + k * LEGEND_ROW;
    parts.push(
      `<line x1="${PAD.l}" x2="${PAD.l + 30}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2.5"${dash}/>`,
    );
    parts.push(`<text x="${PAD.l + 36}" y="${ly}" font-size="12" fill="${ink}">${esc(s.label)}</text>`);
  });
  return { svg: parts.join(''), height: h + spec.series.length * LEGEND_ROW + 10 };
}

/** All charts stacked in one SVG document. */
export function chartsSvg(
  specs: readonly ChartSpec[],
  data: Readonly<SeriesData>,
  clock: number,
  colors: { ink: string; grid: string; bg: string },
): string {
  let y = 0;
  const groups: string[] = [];
  for (const spec of specs) {
    const c = chartSvg(spec, data, clock, y, colors.ink, colors.grid);
    groups.push(c.svg);
    y += c.height;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y}" viewBox="0 0 ${W} ${y}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif"><rect width="100%" height="100%" fill="${colors.bg}"/>${groups.join('')}</svg>
`;
}

/** The regime map's SVG element as a file: CSS variables replaced by the theme's colours. */
export function regimeMapSvg(): string {
  const el = document.querySelector('[data-testid=regime-map] svg');
  if (!el) throw new Error('the regime map is not on the page (plots hidden?)');
  const copy = el.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = el.getBoundingClientRect();
  copy.setAttribute('width', String(Math.round(box.width)));
  copy.setAttribute('height', String(Math.round(box.height)));
  copy.setAttribute('font-family', 'DejaVu Sans, Helvetica, Arial, sans-serif');
  const text = new XMLSerializer()
    .serializeToString(copy)
    .replace(/var\((--[a-z-]+)\)/g, (_m, name: string) => cssVar(name) || '#000000');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
}
