import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import type { InstancedBufferAttribute, InstancedBufferGeometry, ShaderMaterial } from 'three';
import { latestFrames } from '../state/latestFrames';
import type { ThemeName } from './colorMaps';
import { createGlyphGeometry, createOffsetAttribute, type GlyphSign } from './dislocationGlyphGeometry';
import { GLYPH_COLORS } from './glyphColors';
import { createGlyphMaterial, setGlyphColor } from './glyphMaterial';
import { glyphWorldSize } from './glyphSize';

interface SignLayer {
  offsets: InstancedBufferAttribute;
  glyph: InstancedBufferGeometry;
  outline: InstancedBufferGeometry;
  material: ShaderMaterial;
}

function createSignLayer(sign: GlyphSign): SignLayer {
  const offsets = createOffsetAttribute(1024);
  return {
    offsets,
    glyph: createGlyphGeometry(sign, false, offsets),
    outline: createGlyphGeometry(sign, true, offsets),
    material: createGlyphMaterial('#000000'),
  };
}

/** Grow the offset buffer of a layer if needed (a new attribute object; three re-uploads it). */
function ensureCapacity(layer: SignLayer, count: number): void {
  if (layer.offsets.count >= count) return;
  const grown = createOffsetAttribute(Math.ceil(count * 1.25));
  layer.offsets = grown;
  layer.glyph.setAttribute('offset', grown);
  layer.outline.setAttribute('offset', grown);
}

/** Copy the newest particle frame into the two instanced layers (+ and −). */
function fillLayers(plus: SignLayer, minus: SignLayer, pos: Float32Array, signs: Int8Array): number {
  const n = signs.length;
  let np = 0;
  for (let i = 0; i < n; i++) if (signs[i] > 0) np++;
  ensureCapacity(plus, np);
  ensureCapacity(minus, n - np);
  const a = plus.offsets.array as Float32Array;
  const b = minus.offsets.array as Float32Array;
  let ia = 0;
  let ib = 0;
  for (let i = 0; i < n; i++) {
    if (signs[i] > 0) {
      a[ia++] = pos[2 * i];
      a[ia++] = pos[2 * i + 1];
    } else {
      b[ib++] = pos[2 * i];
      b[ib++] = pos[2 * i + 1];
    }
  }
  for (const [layer, count] of [
    [plus, np],
    [minus, n - np],
  ] as const) {
    layer.offsets.clearUpdateRanges();
    layer.offsets.addUpdateRange(0, 2 * count);
    layer.offsets.needsUpdate = true;
    layer.glyph.instanceCount = count;
    layer.outline.instanceCount = count;
  }
  return n;
}

/**
 * The particles as instanced ⊥ / ⊤ glyphs, drawn once per tile offset (periodic images).
 * Reads `latestFrames` in the render loop; never blocks on the workers.
 */
export function ParticleLayer({ theme, tiles }: { theme: ThemeName; tiles: [number, number][] }) {
  const layers = useMemo(() => ({ plus: createSignLayer('plus'), minus: createSignLayer('minus') }), []);
  const outlineMaterial = useMemo(() => createGlyphMaterial('#ffffff'), []);
  const seen = useRef(-1);
  const count = useRef(0);
  const camera = useThree((s) => s.camera);

  useEffect(() => {
    const c = GLYPH_COLORS[theme];
    setGlyphColor(layers.plus.material, c.plus);
    setGlyphColor(layers.minus.material, c.minus);
    setGlyphColor(outlineMaterial, c.outline);
  }, [theme, layers, outlineMaterial]);

  useEffect(
    () => () => {
      for (const l of [layers.plus, layers.minus]) {
        l.glyph.dispose();
        l.outline.dispose();
        l.material.dispose();
      }
      outlineMaterial.dispose();
    },
    [layers, outlineMaterial],
  );

  useFrame(() => {
    const frame = latestFrames.particles;
    if (!frame) {
      layers.plus.glyph.instanceCount = 0;
      layers.plus.outline.instanceCount = 0;
      layers.minus.glyph.instanceCount = 0;
      layers.minus.outline.instanceCount = 0;
      seen.current = -1;
    } else if (frame.version !== seen.current) {
      seen.current = frame.version;
      count.current = fillLayers(layers.plus, layers.minus, frame.pos, frame.signs);
    }
    const pixelsPerUnit = (camera as { zoom: number }).zoom;
    const size = glyphWorldSize(count.current, pixelsPerUnit);
    layers.plus.material.uniforms.uSize.value = size;
    layers.minus.material.uniforms.uSize.value = size;
    outlineMaterial.uniforms.uSize.value = size;
  });

  return (
    <group>
      {tiles.map(([dx, dy]) => (
        <group key={`${dx},${dy}`} position={[dx, dy, 0]}>
          <mesh
            geometry={layers.plus.outline}
            material={outlineMaterial}
            frustumCulled={false}
            renderOrder={1}
          />
          <mesh
            geometry={layers.minus.outline}
            material={outlineMaterial}
            frustumCulled={false}
            renderOrder={1}
          />
          <mesh
            geometry={layers.plus.glyph}
            material={layers.plus.material}
            frustumCulled={false}
            renderOrder={2}
          />
          <mesh
            geometry={layers.minus.glyph}
            material={layers.minus.material}
            frustumCulled={false}
            renderOrder={2}
          />
        </group>
      ))}
    </group>
  );
}
