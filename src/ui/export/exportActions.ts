import { resolveTemperature } from '../../model/scenario/noise';
import { currentLink } from '../../state/actions';
import {
  captionText,
  exportName,
  particlesScenario,
  plottedSeries,
  seriesCsv,
  seriesJson,
} from '../../state/exports';
import { frames, series } from '../../state/lab';
import type { ExportKind } from '../../state/labApi';
import { useLab } from '../../state/store';
import { chartSpecs, GRID, INK } from '../plots/chartSpecs';
import { canvasBlob, cssVar, download } from './download';
import { viewFigure } from './figure';
import { pageCanvas } from './pagePng';
import { type Recording, startRecording } from './recorder';
import { chartsSvg, regimeMapSvg } from './svgCharts';

/** Everything the Export menu, the keyboard and the postMessage API can export. */

const clock = () => frames.drawn?.t ?? 0;
const pdeOn = () => useLab.getState().scenario.pde.enabled;
const noisy = () => resolveTemperature(useLab.getState().scenario) > 0;

function text(what: 'csv' | 'json' | 'particles'): string {
  const s = useLab.getState().scenario;
  if (what === 'csv') return seriesCsv(series.data(), plottedSeries(pdeOn(), noisy()), clock());
  if (what === 'json')
    return seriesJson(series.data(), plottedSeries(pdeOn(), noisy()), clock(), currentLink(false));
  const p = frames.drawn?.particles;
  if (!p) throw new Error('no particles are on screen yet');
  return `${JSON.stringify(particlesScenario(s, p))}\n`;
}

function figure(caption: boolean): HTMLCanvasElement {
  return viewFigure(caption ? captionText(useLab.getState().scenario, clock()) : null);
}

/** The data of an export as text (a data: URL for png), for the postMessage API. */
export async function exportData(what: ExportKind): Promise<string> {
  if (what === 'png') return figure(true).toDataURL('image/png');
  return text(what);
}

export async function saveViewPng(caption: boolean): Promise<void> {
  download(exportName(clock(), 'png', 'view'), await canvasBlob(figure(caption)));
}

export async function savePagePng(): Promise<void> {
  download(exportName(clock(), 'png', 'page'), await canvasBlob(await pageCanvas()));
}

export function saveChartsSvg(): void {
  const { theme } = useLab.getState().ui;
  const forced = useLab.getState().scenario.field.force.some((f) => f !== 0);
  const svg = chartsSvg(
    chartSpecs(theme, pdeOn(), forced, noisy(), useLab.getState().scenario.dimension === 1),
    series.data(),
    clock(),
    {
      ink: INK[theme],
      grid: GRID[theme],
      bg: cssVar('--bg') || '#ffffff',
    },
  );
  download(exportName(clock(), 'svg', 'plots'), svg, 'image/svg+xml');
}

export function saveRegimeSvg(): void {
  download(exportName(clock(), 'svg', 'regime-map'), regimeMapSvg(), 'image/svg+xml');
}

export function saveCsv(): void {
  download(exportName(clock(), 'csv', 'series'), text('csv'), 'text/csv');
}

export function saveJson(): void {
  download(exportName(clock(), 'json', 'series'), text('json'), 'application/json');
}

export function saveParticles(): void {
  download(exportName(clock(), 'json', 'particles'), text('particles'), 'application/json');
}

let recording: Recording | null = null;

/** Start a recording, or stop the one running (its video is saved either way). */
export function toggleRecording(onError: (message: string) => void): void {
  if (recording) {
    recording.stop();
    return;
  }
  const t0 = clock();
  const r = startRecording();
  recording = r;
  r.done
    .then((blob) => download(exportName(t0, 'webm', 'video'), blob))
    .catch((e) => onError(e instanceof Error ? e.message : String(e)))
    .finally(() => {
      if (recording === r) recording = null;
    });
}
