/**
 * Glyph width in world units (the torus has side 1): about half the typical spacing 1/√n,
 * capped for tiny n, and never below MIN_PIXELS on screen so n = 1e5 stays visible.
 */
const MAX_WORLD = 0.045;
const SPACING_FRACTION = 0.6;
export const MIN_PIXELS = 5;

export function glyphWorldSize(n: number, pixelsPerUnit: number): number {
  const natural = Math.min(MAX_WORLD, SPACING_FRACTION / Math.sqrt(Math.max(1, n)));
  return Math.max(natural, MIN_PIXELS / Math.max(1e-9, pixelsPerUnit));
}
