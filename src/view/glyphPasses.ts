import { useEffect, useMemo } from 'react';
import type { ShaderMaterial } from 'three';
import type { ThemeName } from './colorMaps';
import { GLYPH_COLORS } from './glyphColors';
import { createGlyphMaterial, setGlyphColors } from './glyphMaterial';

/** The four instanced passes over one offset buffer, drawn in this order: halo, glyph, ring halo, ring. */
export const GLYPH_PASSES = [
  { outline: true, ring: false },
  { outline: false, ring: false },
  { outline: true, ring: true },
  { outline: false, ring: true },
] as const;

/**
 * One material per pass, coloured for the theme (halos in the outline colour, rings in the
 * bound-dipole colour, glyphs in the ± colours) and disposed with the component. Shared by the
 * torus's and the circle's particle layers.
 */
export function useGlyphMaterials(theme: ThemeName): ShaderMaterial[] {
  const materials = useMemo<ShaderMaterial[]>(
    () => GLYPH_PASSES.map((p) => createGlyphMaterial('#000000', '#000000', p.ring)),
    [],
  );
  useEffect(() => {
    const c = GLYPH_COLORS[theme];
    GLYPH_PASSES.forEach((p, i) => {
      const [plus, minus] = p.outline
        ? [c.outline, c.outline]
        : p.ring
          ? [c.bound, c.bound]
          : [c.plus, c.minus];
      setGlyphColors(materials[i], plus, minus);
    });
  }, [theme, materials]);
  useEffect(
    () => () => {
      for (const m of materials) m.dispose();
    },
    [materials],
  );
  return materials;
}
