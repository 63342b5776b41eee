import type { ThemeName } from './colorMaps';

/**
 * Particle glyph colours (Okabe–Ito, colour-blind safe): + vermillion, − blue. Shape tells them
 * apart too (⊥ for +, ⊤ for −); a bound dipole too tight to resolve is a ring ◎ in the ink colour.
 * The outline takes the background colour so glyphs stay legible on top of the density map.
 */
export const GLYPH_COLORS: Record<
  ThemeName,
  { plus: string; minus: string; outline: string; bound: string }
> = {
  light: { plus: '#d55e00', minus: '#0072b2', outline: '#ffffff', bound: '#111418' },
  dark: { plus: '#ff9a4d', minus: '#56b4e9', outline: '#0d0f12', bound: '#e8eaed' },
};

/** Scene background per theme (also used by the unit-cell outline contrast). */
export const SCENE_COLORS: Record<ThemeName, { background: string; cell: string; ghost: string }> = {
  light: { background: '#ffffff', cell: '#333333', ghost: '#9a9a9a' },
  dark: { background: '#0d0f12', cell: '#d0d0d0', ghost: '#555555' },
};
