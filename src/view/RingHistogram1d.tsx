import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { BufferAttribute, BufferGeometry, LineBasicMaterial, LineLoop } from 'three';
import { frames } from '../state/lab';
import type { ThemeName } from './colorMaps';
import { SCENE_COLORS } from './glyphColors';
import type { RingLayout1d } from './ringLayout1d';
import { binCurveVertices, histogramBins, histograms1d } from './ringProfile1d';

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
 * The particles' μ± binned (linear weights) on the PDE's scale: + outside the ring, − inside, as
 * dark curves over the PDE bands, so particles and PDE compare where the glyphs are too dense.
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
  // made once, coloured by the effect: new objects on a theme change would start empty until the next frame
  const lines = useMemo(() => [loop('#000000'), loop('#000000')], []);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    for (const l of lines) l.material.color.set(ink);
    invalidate();
  }, [lines, ink, invalidate]);
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
      if (!attr || attr.count !== M) {
        attr = new BufferAttribute(new Float32Array(3 * M), 3);
        l.geometry.setAttribute('position', attr);
      }
      binCurveVertices(layout, bins, scale, i === 0 ? 1 : -1, attr.array as Float32Array);
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
