import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import type { InstancedBufferAttribute, InstancedBufferGeometry } from 'three';
import { frames } from '../state/lab';
import type { ThemeName } from './colorMaps';
import { createGlyphGeometry, createOffsetAttribute } from './dislocationGlyphGeometry';
import { GLYPH_COLORS } from './glyphColors';
import { createGlyphMaterial, setGlyphColors } from './glyphMaterial';
import { glyphWorldSize } from './glyphSize';

interface Glyphs {
  offsets: InstancedBufferAttribute;
  glyph: InstancedBufferGeometry;
  outline: InstancedBufferGeometry;
}

/** Grow the instance buffer if needed (a new attribute object; three re-uploads it). */
function ensureCapacity(g: Glyphs, count: number): void {
  if (g.offsets.count >= count) return;
  const grown = createOffsetAttribute(Math.ceil(count * 1.25));
  g.offsets = grown;
  g.glyph.setAttribute('offset', grown);
  g.outline.setAttribute('offset', grown);
  // three caches the drawable instance count per geometry until it is disposed: release the GL
  // state so the next render uploads the larger buffer and counts its instances afresh.
  g.glyph.dispose();
  g.outline.dispose();
}

/**
 * Copy the newest frame into the instance buffer, the two signs interleaved in proportion so
 * neither colour is always drawn on top of the other (matters when glyphs overlap at large n).
 */
function fill(g: Glyphs, pos: Float64Array, signs: Int8Array): void {
  const n = signs.length;
  ensureCapacity(g, n);
  let nPlus = 0;
  for (let i = 0; i < n; i++) if (signs[i] > 0) nPlus++;
  const nMinus = n - nPlus;
  const out = g.offsets.array as Float32Array;
  let ip = 0;
  let im = 0;
  let written = 0;
  for (let i = 0, j = 0; written < n; ) {
    const takePlus = im >= nMinus || (ip < nPlus && ip * nMinus <= im * nPlus);
    let k: number;
    if (takePlus) {
      while (signs[i] <= 0) i++;
      k = i++;
      ip++;
    } else {
      while (signs[j] > 0) j++;
      k = j++;
      im++;
    }
    out[3 * written] = pos[2 * k];
    out[3 * written + 1] = pos[2 * k + 1];
    out[3 * written + 2] = signs[k];
    written++;
  }
  g.offsets.clearUpdateRanges();
  g.offsets.addUpdateRange(0, 3 * n);
  g.offsets.needsUpdate = true;
  g.glyph.instanceCount = n;
  g.outline.instanceCount = n;
}

/** Glyphs narrower than this (pixels) are drawn without their background halo. */
const OUTLINE_MIN_PIXELS = 4;

/**
 * The particles as instanced ⊥ / ⊤ glyphs, drawn once per tile offset (periodic images).
 * Reads the published display frame in the render loop; never blocks on the workers.
 */
export function ParticleLayer({ theme, tiles }: { theme: ThemeName; tiles: [number, number][] }) {
  const glyphs = useMemo<Glyphs>(() => {
    const offsets = createOffsetAttribute(1024);
    return {
      offsets,
      glyph: createGlyphGeometry(false, offsets),
      outline: createGlyphGeometry(true, offsets),
    };
  }, []);
  const material = useMemo(() => createGlyphMaterial('#000000', '#000000'), []);
  const outlineMaterial = useMemo(() => createGlyphMaterial('#ffffff', '#ffffff'), []);
  const seen = useRef(-1);
  const count = useRef(0);
  const camera = useThree((s) => s.camera);

  useEffect(() => {
    const c = GLYPH_COLORS[theme];
    setGlyphColors(material, c.plus, c.minus);
    setGlyphColors(outlineMaterial, c.outline, c.outline);
  }, [theme, material, outlineMaterial]);

  useEffect(
    () => () => {
      glyphs.glyph.dispose();
      glyphs.outline.dispose();
      material.dispose();
      outlineMaterial.dispose();
    },
    [glyphs, material, outlineMaterial],
  );

  useFrame(() => {
    const frame = frames.current?.particles ?? null;
    if (!frame) {
      glyphs.glyph.instanceCount = 0;
      glyphs.outline.instanceCount = 0;
      count.current = 0;
      seen.current = -1;
    } else if (frames.current?.version !== seen.current) {
      seen.current = frames.current?.version ?? -1;
      fill(glyphs, frame.pos, frame.signs);
      count.current = frame.signs.length;
    }
    const zoom = (camera as { zoom: number }).zoom;
    const size = glyphWorldSize(count.current, zoom);
    material.uniforms.uSize.value = size;
    outlineMaterial.uniforms.uSize.value = size;
    // a halo under glyphs a few pixels wide is sub-pixel: skip that pass (half the vertex work at large n)
    outlineMaterial.visible = size * zoom >= OUTLINE_MIN_PIXELS;
  });

  return (
    <group>
      {tiles.map(([dx, dy]) => (
        <group key={`${dx},${dy}`} position={[dx, dy, 0]}>
          <mesh geometry={glyphs.outline} material={outlineMaterial} frustumCulled={false} renderOrder={1} />
          <mesh geometry={glyphs.glyph} material={material} frustumCulled={false} renderOrder={2} />
        </group>
      ))}
    </group>
  );
}
