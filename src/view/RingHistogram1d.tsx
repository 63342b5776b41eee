import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { BufferAttribute, BufferGeometry, LineBasicMaterial, LineLoop } from 'three';
import { frames } from '../state/lab';
import type { ThemeName } from './colorMaps';
import { SCENE_COLORS } from './glyphColors';
import type { RingLayout1d } from './ringLayout1d';
import { histogramBins, histograms1d, stepVertices } from './ringProfile1d';

function loop(color: string): LineLoop<BufferGeometry, LineBasicMaterial> {
  const l = new LineLoop(
    new BufferGeometry(),
    new LineBasicMaterial({ color, transparent: true, opacity: 0.85, depthTest: false }),
  );
  l.renderOrder = 7;
  l.frustumCulled = false;
  return l;
}

/**
 * The particles' μ± as histograms on the PDE's scale: + outside the ring, − inside, as dark step
 * curves over the PDE bands, so particles and PDE can be compared where the glyphs are too dense.
 */
export function RingHistogram1d({
  theme,
  layout,
  scale,
}: {
  theme: ThemeName;
  layout: RingLayout1d;
  scale: number;
}) {
  const ink = SCENE_COLORS[theme].cell;
  const lines = useMemo(() => [loop(ink), loop(ink)], [ink]);
  const seen = useRef({ version: -1, scale: 0 });

  useEffect(
    () => () => {
      for (const l of lines) {
        l.geometry.dispose();
        l.material.dispose();
      }
    },
    [lines],
  );

  useFrame(() => {
    const cur = frames.current;
    const f = cur?.particles;
    for (const l of lines) l.visible = !!f;
    if (!cur || !f || (cur.version === seen.current.version && scale === seen.current.scale)) return;
    seen.current = { version: cur.version, scale };
    const M = histogramBins(f.signs.length);
    const h = histograms1d(f.pos, f.signs, M);
    [h.plus, h.minus].forEach((bins, i) => {
      const l = lines[i];
      let attr = l.geometry.getAttribute('position') as BufferAttribute | undefined;
      if (!attr || attr.count !== 2 * M) {
        attr = new BufferAttribute(new Float32Array(6 * M), 3);
        l.geometry.setAttribute('position', attr);
      }
      stepVertices(layout, bins, scale, i === 0 ? 1 : -1, attr.array as Float32Array);
      attr.needsUpdate = true;
    });
  });

  return (
    <group>
      <primitive object={lines[0]} />
      <primitive object={lines[1]} />
    </group>
  );
}
