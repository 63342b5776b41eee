import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import type { InstancedBufferAttribute, InstancedBufferGeometry } from 'three';
import type { ParticleFrame } from '../state/displayFrames';
import { frames } from '../state/lab';
import { viewNav } from '../state/viewNav';
import type { ThemeName } from './colorMaps';
import { createGlyphGeometry, createOffsetAttribute, OFFSET_SIZE } from './dislocationGlyphGeometry';
import { GLYPH_PASSES, useGlyphMaterials } from './glyphPasses';
import { glyphWorldSize } from './glyphSize';

/** The four instanced passes over one buffer: halo and glyph, ring halo and ring. */
interface Glyphs {
  offsets: InstancedBufferAttribute;
  geometries: InstancedBufferGeometry[];
}

/** Render order of the first pass (the others follow it). */
const FIRST_ORDER = 1;

/** Grow the instance buffer if needed (a new attribute object; three re-uploads it). */
function ensureCapacity(g: Glyphs, count: number): void {
  if (g.offsets.count >= count) return;
  const grown = createOffsetAttribute(Math.ceil(count * 1.25));
  g.offsets = grown;
  for (const geometry of g.geometries) {
    geometry.setAttribute('offset', grown);
    // three caches the drawable instance count per geometry until it is disposed: release the GL
    // state so the next render uploads the larger buffer and counts its instances afresh.
    geometry.dispose();
  }
}

/**
 * Copy a frame into the instance buffer, the two signs interleaved in proportion so neither
 * colour is always drawn on top of the other (matters when glyphs overlap at large n).
 */
function fill(g: Glyphs, f: ParticleFrame): void {
  const { pos, signs, near } = f;
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
    const o = OFFSET_SIZE * written;
    out[o] = pos[2 * k];
    out[o + 1] = pos[2 * k + 1];
    out[o + 2] = signs[k];
    out[o + 3] = near.length === n ? near[k] : Number.POSITIVE_INFINITY;
    written++;
  }
  g.offsets.clearUpdateRanges();
  g.offsets.addUpdateRange(0, OFFSET_SIZE * n);
  g.offsets.needsUpdate = true;
  for (const geometry of g.geometries) geometry.instanceCount = n;
}

/** Glyphs narrower than this (pixels) are drawn without their background halo. */
const OUTLINE_MIN_PIXELS = 4;

/**
 * The particles as instanced ⊥ / ⊤ glyphs (◎ for a bound dipole too tight to resolve), drawn once
 * per tile offset (periodic images), shifted by the view's origin. Glyphs keep their size on
 * screen when zooming, so zooming in separates them. Reads the published display frame in the
 * render loop; never blocks on the workers.
 */
export function ParticleLayer({ theme, tiles }: { theme: ThemeName; tiles: [number, number][] }) {
  const glyphs = useMemo<Glyphs>(() => {
    const offsets = createOffsetAttribute(1024);
    return { offsets, geometries: GLYPH_PASSES.map((p) => createGlyphGeometry(p.outline, offsets, p.ring)) };
  }, []);
  const materials = useGlyphMaterials(theme);
  const seen = useRef(-1);
  const state = useRef({ count: 0, bound: 0 });
  const camera = useThree((s) => s.camera);

  useEffect(
    () => () => {
      for (const g of glyphs.geometries) g.dispose();
    },
    [glyphs],
  );

  useFrame(() => {
    const current = frames.current;
    const frame = current?.particles ?? null;
    if (!frame) {
      for (const g of glyphs.geometries) g.instanceCount = 0;
      state.current.count = 0;
      seen.current = -1;
    } else if (current && current.version !== seen.current) {
      seen.current = current.version;
      fill(glyphs, frame);
      state.current = { count: frame.signs.length, bound: frame.boundRadius };
    }
    const zoom = (camera as { zoom: number }).zoom;
    // the glyph keeps the pixel size it has at the home zoom
    const fit = zoom / (viewNav.commands?.scale().zoom ?? 1);
    const size = (glyphWorldSize(state.current.count, fit) * fit) / zoom;
    const [ox, oy] = viewNav.origin;
    for (const m of materials) {
      m.uniforms.uSize.value = size;
      m.uniforms.uOrigin.value = [ox, oy];
      m.uniforms.uBound.value = state.current.bound;
    }
    // a halo under glyphs a few pixels wide is sub-pixel: skip that pass (half the vertex work at large n)
    const halo = size * zoom >= OUTLINE_MIN_PIXELS;
    materials[0].visible = halo;
    materials[2].visible = halo;
  });

  return (
    <group>
      {tiles.map(([dx, dy]) => (
        <group key={`${dx},${dy}`} position={[dx, dy, 0]}>
          {GLYPH_PASSES.map((p, i) => (
            <mesh
              key={`${p.outline}${p.ring}`}
              geometry={glyphs.geometries[i]}
              material={materials[i]}
              frustumCulled={false}
              renderOrder={FIRST_ORDER + i}
            />
          ))}
        </group>
      ))}
    </group>
  );
}
