import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import type { InstancedBufferAttribute, InstancedBufferGeometry } from 'three';
import type { ParticleFrame } from '../state/displayFrames';
import { frames } from '../state/lab';
import type { ThemeName } from './colorMaps';
import { createGlyphGeometry, createOffsetAttribute, OFFSET_SIZE } from './dislocationGlyphGeometry';
import { GLYPH_PASSES, useGlyphMaterials } from './glyphPasses';
import type { RingLayout1d } from './ringLayout1d';
import { ringWorld } from './ringProfile1d';

/** Render order of the first pass (the others follow it). */
const FIRST_ORDER = 3;

const MAX_WORLD = 0.03;
const MIN_PIXELS = 4;

/**
 * The particles on the circle as the 2D view's ⊥ / ⊤ glyphs (◎ for a bound dipole), each at its
 * point of the ring. Distances along the circle are x-distances times the circumference 2πR, so the
 * bound-dipole test of the glyph shader works in world units as in 2D.
 */
export function RingParticles1d({ theme, layout }: { theme: ThemeName; layout: RingLayout1d }) {
  const first = useMemo(() => createOffsetAttribute(1024), []);
  const offsets = useRef<InstancedBufferAttribute>(first);
  const geometries = useMemo<InstancedBufferGeometry[]>(
    () => GLYPH_PASSES.map((p) => createGlyphGeometry(p.outline, offsets.current, p.ring)),
    [],
  );
  const materials = useGlyphMaterials(theme);
  const seen = useRef(-1);
  const count = useRef(0);
  const circumference = 2 * Math.PI * layout.radius;

  useEffect(
    () => () => {
      for (const g of geometries) g.dispose();
    },
    [geometries],
  );

  const fill = (f: ParticleFrame) => {
    const n = f.signs.length;
    if (offsets.current.count < n) {
      offsets.current = createOffsetAttribute(Math.ceil(n * 1.25));
      for (const g of geometries) {
        g.setAttribute('offset', offsets.current);
        g.dispose();
      }
    }
    const out = offsets.current.array as Float32Array;
    for (let i = 0; i < n; i++) {
      const [x, y] = ringWorld(layout, f.pos[2 * i]);
      const o = OFFSET_SIZE * i;
      out[o] = x;
      out[o + 1] = y;
      out[o + 2] = f.signs[i];
      out[o + 3] = f.near.length === n ? f.near[i] * circumference : Number.POSITIVE_INFINITY;
    }
    offsets.current.clearUpdateRanges();
    offsets.current.addUpdateRange(0, OFFSET_SIZE * n);
    offsets.current.needsUpdate = true;
    for (const g of geometries) g.instanceCount = n;
    count.current = n;
  };

  useFrame(({ camera }) => {
    const cur = frames.current;
    const f = cur?.particles ?? null;
    if (!f) {
      for (const g of geometries) g.instanceCount = 0;
      seen.current = -1;
    } else if (cur && cur.version !== seen.current) {
      seen.current = cur.version;
      fill(f);
      for (const m of materials) m.uniforms.uBound.value = f.boundRadius * circumference;
    }
    const zoom = (camera as { zoom: number }).zoom;
    // about 0.6 of the spacing along the circle, never under MIN_PIXELS
    const natural = Math.min(MAX_WORLD, (0.6 * circumference) / Math.max(1, count.current));
    const glyph = Math.max(natural, MIN_PIXELS / Math.max(1e-9, zoom));
    for (const m of materials) {
      m.uniforms.uSize.value = glyph;
      m.uniforms.uOrigin.value = [0, 0];
    }
  });

  return (
    <group>
      {GLYPH_PASSES.map((p, i) => (
        <mesh
          key={`${p.outline}${p.ring}`}
          geometry={geometries[i]}
          material={materials[i]}
          frustumCulled={false}
          renderOrder={FIRST_ORDER + i}
        />
      ))}
    </group>
  );
}
