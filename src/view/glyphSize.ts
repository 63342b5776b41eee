/**
 * Glyph width in world units (the torus has side 1): about 0.6 of the typical spacing 1/√n,
 * capped for tiny n. On screen it never drops below MIN_PIXELS while glyphs have room; for very
 * large n (spacing of a pixel or two) it shrinks towards 2 px, so the mixture of the two colours
 * still shows the local balance of signs instead of a solid carpet.
 */
const MAX_WORLD = 0.045;
const SPACING_FRACTION = 0.6;
export const MIN_PIXELS = 5;
const FLOOR_PIXELS = 2;

export function glyphWorldSize(n: number, pixelsPerUnit: number): number {
  const spacing = 1 / Math.sqrt(Math.max(1, n));
  const natural = Math.min(MAX_WORLD, SPACING_FRACTION * spacing);
  const ppu = Math.max(1e-9, pixelsPerUnit);
  const minPixels = Math.min(MIN_PIXELS, Math.max(FLOOR_PIXELS, 0.9 * spacing * ppu));
  return Math.max(natural, minPixels / ppu);
}
