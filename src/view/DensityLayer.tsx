import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { DataTexture, LinearFilter, RepeatWrapping, RGBAFormat, UnsignedByteType } from 'three';
import { frames } from '../state/lab';
import { viewNav } from '../state/viewNav';
import { colorMapFor, type DensityField, type ThemeName } from './colorMaps';
import { createDensityMaterial } from './densityMaterial';
import { chosenRange, type DensityRange, densityValues, valuesToRgba } from './densityToRgba';

function createTexture(N: number): DataTexture {
  const tex = new DataTexture(new Uint8Array(4 * N * N), N, N, RGBAFormat, UnsignedByteType);
  tex.wrapS = RepeatWrapping;
  tex.wrapT = RepeatWrapping;
  tex.magFilter = LinearFilter;
  tex.minFilter = LinearFilter;
  tex.generateMipmaps = false;
  tex.needsUpdate = true;
  return tex;
}

interface Props {
  theme: ThemeName;
  field: DensityField;
  /** Centre of the (tiled) square in world units and how many cells per side it spans (1 or 3). */
  center: [number, number];
  cells: number;
  opacity: number;
  colorScale: 'auto' | 'held' | 'fixed';
  colorMax: number;
  onRange?: (range: DensityRange) => void;
}

/**
 * The PDE density (κ or ρ±) as a DataTexture on a square, periodic-repeated for tiling.
 * Recolours only when a new density frame arrives or the field/theme changes.
 */
export function DensityLayer({ theme, field, center, cells, opacity, colorScale, colorMax, onRange }: Props) {
  const state = useRef({
    tex: createTexture(1),
    values: new Float32Array(1),
    seen: -1,
    key: '',
    held: 0,
    t: 0,
  });
  const material = useMemo(() => createDensityMaterial(state.current.tex), []);

  useEffect(
    () => () => {
      material.dispose();
      state.current.tex.dispose();
    },
    [material],
  );

  // The canvas renders on demand: a new field, theme or layout must ask for a frame (else a paused
  // run keeps the old picture under the new legend).
  const invalidate = useThree((st) => st.invalidate);
  // biome-ignore lint/correctness/useExhaustiveDependencies: these props change the picture
  useEffect(() => invalidate(), [invalidate, theme, field, cells, opacity, center, colorScale, colorMax]);

  useFrame(() => {
    const version = frames.current?.version ?? -1;
    const frame = frames.current?.density ?? null;
    const s = state.current;
    material.uniforms.uRepeat.value = cells;
    material.uniforms.uOpacity.value = frame ? opacity : 0;
    material.uniforms.uOrigin.value = [...viewNav.origin];
    if (!frame) {
      s.held = 0;
      return;
    }
    const key = `${theme}:${field}:${colorScale}:${colorMax}`;
    if (version === s.seen && key === s.key) return;
    // 'held' keeps the largest range of this run and field (a reset or a new field starts afresh)
    if (frame.t < s.t || !s.key.startsWith(`${theme}:${field}:`)) s.held = 0;
    s.seen = version;
    s.key = key;
    s.t = frame.t;
    const N = frame.N;
    if (s.tex.image.width !== N) {
      s.tex.dispose();
      s.tex = createTexture(N);
      s.values = new Float32Array(N * N);
      material.uniforms.uMap.value = s.tex;
    }
    const auto = densityValues(field, frame.rhoPlus, frame.rhoMinus, s.values);
    s.held = Math.max(s.held, auto.hi);
    const range = chosenRange(field, auto, colorScale, s.held, colorMax);
    valuesToRgba(s.values, range, colorMapFor(theme, field), s.tex.image.data as Uint8Array);
    s.tex.needsUpdate = true;
    onRange?.(range);
  });

  return (
    <mesh position={[center[0], center[1], 0]} material={material} renderOrder={0} frustumCulled={false}>
      <planeGeometry args={[cells, cells]} />
    </mesh>
  );
}
