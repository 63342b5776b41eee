/**
 * Colour maps for the density layer and its legend: 256-entry RGB lookup tables built from a few
 * stops (piecewise linear in sRGB). Diverging maps for κ = ρ+ − ρ−, sequential maps for ρ±.
 * Red/orange means "+", blue means "−", matching the particle glyphs.
 */

import type { DensityField, ThemeName } from '../state/uiTypes';

export type { DensityField, ThemeName };

export interface ColorMap {
  /** 256 × RGB bytes. */
  readonly lut: Uint8Array;
  /** The stops as CSS colours at positions 0…1, for a CSS linear-gradient legend. */
  readonly stops: readonly [number, string][];
  /** True when the map is centred on 0 (diverging). */
  readonly diverging: boolean;
}

const STOPS: Record<ThemeName, Record<DensityField, [number, string][]>> = {
  light: {
    kappa: [
      [0, '#0571b0'],
      [0.25, '#92c5de'],
      [0.5, '#f7f7f7'],
      [0.75, '#f4a582'],
      [1, '#ca0020'],
    ],
    rhoPlus: [
      [0, '#f7f7f7'],
      [0.5, '#f4a582'],
      [1, '#b2182b'],
    ],
    rhoMinus: [
      [0, '#f7f7f7'],
      [0.5, '#92c5de'],
      [1, '#2166ac'],
    ],
  },
  dark: {
    kappa: [
      [0, '#9fd3ff'],
      [0.25, '#2f6ea8'],
      [0.5, '#16181c'],
      [0.75, '#b5532a'],
      [1, '#ffc09a'],
    ],
    rhoPlus: [
      [0, '#16181c'],
      [0.5, '#b5532a'],
      [1, '#ffc09a'],
    ],
    rhoMinus: [
      [0, '#16181c'],
      [0.5, '#2f6ea8'],
      [1, '#9fd3ff'],
    ],
  },
};

function hexToRgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function buildLut(stops: [number, string][]): Uint8Array {
  const lut = new Uint8Array(256 * 3);
  const rgb = stops.map(([p, c]) => [p, ...hexToRgb(c)] as [number, number, number, number]);
  for (let i = 0; i < 256; i++) {
    const s = i / 255;
    let j = 0;
    while (j < rgb.length - 2 && s > rgb[j + 1][0]) j++;
    const [p0, r0, g0, b0] = rgb[j];
    const [p1, r1, g1, b1] = rgb[j + 1];
    const w = p1 > p0 ? Math.min(1, Math.max(0, (s - p0) / (p1 - p0))) : 0;
    lut[3 * i] = Math.round(r0 + w * (r1 - r0));
    lut[3 * i + 1] = Math.round(g0 + w * (g1 - g0));
    lut[3 * i + 2] = Math.round(b0 + w * (b1 - b0));
  }
  return lut;
}

const cache = new Map<string, ColorMap>();

/** The colour map for one density field in one theme (built once, then cached). */
export function colorMapFor(theme: ThemeName, field: DensityField): ColorMap {
  const key = `${theme}:${field}`;
  let map = cache.get(key);
  if (!map) {
    const stops = STOPS[theme][field];
    map = { lut: buildLut(stops), stops, diverging: field === 'kappa' };
    cache.set(key, map);
  }
  return map;
}

/** CSS linear-gradient for a legend bar (left = low, right = high). */
export function cssGradient(map: ColorMap): string {
  return `linear-gradient(to right, ${map.stops.map(([p, c]) => `${c} ${(p * 100).toFixed(0)}%`).join(', ')})`;
}
