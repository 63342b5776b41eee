import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  BufferAttribute,
  BufferGeometry,
  DoubleSide,
  Line,
  LineBasicMaterial,
  LineLoop,
  Mesh,
  MeshBasicMaterial,
} from 'three';
import { frames } from '../state/lab';
import type { ThemeName } from './colorMaps';
import { GLYPH_COLORS, SCENE_COLORS } from './glyphColors';
import type { RingLayout1d } from './ringLayout1d';
import { bandIndices, bandVertices, profileScale, ringWorld } from './ringProfile1d';

/** One species' profile: a translucent band and its outline curve. */
interface Profile {
  band: Mesh<BufferGeometry, MeshBasicMaterial>;
  curve: Line<BufferGeometry, LineBasicMaterial>;
  cells: number;
}

function makeProfile(color: string, order: number): Profile {
  const band = new Mesh(
    new BufferGeometry(),
    new MeshBasicMaterial({
      color,
      transparent: true,
      opacity: 0.3,
      side: DoubleSide,
      depthTest: false,
      depthWrite: false,
    }),
  );
  band.renderOrder = order;
  band.frustumCulled = false;
  const curve = new Line(
    new BufferGeometry(),
    new LineBasicMaterial({ color, transparent: true, depthTest: false }),
  );
  curve.renderOrder = order + 1;
  curve.frustumCulled = false;
  return { band, curve, cells: 0 };
}

function setProfile(
  p: Profile,
  layout: RingLayout1d,
  cells: Float32Array,
  scale: number,
  side: 1 | -1,
): void {
  const N = cells.length;
  if (p.cells !== N) {
    p.band.geometry.dispose();
    p.curve.geometry.dispose();
    p.band.geometry = new BufferGeometry();
    p.band.geometry.setAttribute('position', new BufferAttribute(new Float32Array(6 * (N + 1)), 3));
    p.band.geometry.setIndex(new BufferAttribute(bandIndices(N), 1));
    p.curve.geometry = new BufferGeometry();
    p.curve.geometry.setAttribute('position', new BufferAttribute(new Float32Array(3 * (N + 1)), 3));
    p.cells = N;
  }
  const bandPos = p.band.geometry.getAttribute('position') as BufferAttribute;
  const v = bandVertices(layout, cells, scale, side, bandPos.array as Float32Array);
  const curvePos = p.curve.geometry.getAttribute('position') as BufferAttribute;
  const c = curvePos.array as Float32Array;
  for (let i = 0; i <= N; i++) c.set(v.subarray(6 * i + 3, 6 * i + 6), 3 * i);
  bandPos.needsUpdate = true;
  curvePos.needsUpdate = true;
}

/** A faint circle at the level ρ = ½ (the uniform state) on one side of the ring. */
function levelCircle(layout: RingLayout1d, offset: number, color: string): LineLoop {
  const pts = new Float32Array(3 * 128);
  for (let i = 0; i < 128; i++) pts.set([...ringWorld(layout, i / 128, offset), 0], 3 * i);
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(pts, 3));
  const l = new LineLoop(
    g,
    new LineBasicMaterial({ color, transparent: true, opacity: 0.6, depthTest: false }),
  );
  l.renderOrder = 0;
  return l;
}

/**
 * The PDE densities on the circle: ρ+ as a band outside the ring, ρ− inside it, the band's height
 * ρ/scale of the layout's profile height (scale from profileScale, reported through onScale when
 * it changes), with faint circles at ρ = ½. Reads the published display frame in the render loop.
 */
export function RingDensity1d({
  theme,
  layout,
  onScale,
}: {
  theme: ThemeName;
  layout: RingLayout1d;
  onScale?: (scale: number) => void;
}) {
  const colors = GLYPH_COLORS[theme];
  // made once, coloured by the effect: new objects on a theme change would start empty until the next frame
  const plus = useMemo(() => makeProfile('#000000', 1), []);
  const minus = useMemo(() => makeProfile('#000000', 1), []);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    for (const [p, c] of [
      [plus, colors.plus],
      [minus, colors.minus],
    ] as const) {
      p.band.material.color.set(c);
      p.curve.material.color.set(c);
    }
    invalidate();
  }, [plus, minus, colors.plus, colors.minus, invalidate]);
  const seen = useRef(-1);
  const [scale, setScale] = useState(1);
  const scaleRef = useRef(scale);
  const levels = useMemo(() => {
    const ghost = SCENE_COLORS[theme].ghost;
    const h = (0.5 / scale) * layout.profileHeight;
    return [levelCircle(layout, h, ghost), levelCircle(layout, -h, ghost)];
  }, [theme, layout, scale]);
  useEffect(() => onScale?.(scale), [scale, onScale]);
  useEffect(
    () => () => {
      for (const l of levels) {
        l.geometry.dispose();
        (l.material as LineBasicMaterial).dispose();
      }
    },
    [levels],
  );

  useEffect(
    () => () => {
      for (const p of [plus, minus]) {
        p.band.geometry.dispose();
        p.band.material.dispose();
        p.curve.geometry.dispose();
        p.curve.material.dispose();
      }
    },
    [plus, minus],
  );

  useFrame(() => {
    const cur = frames.current;
    const d = cur?.density;
    // a 2D frame (N×N cells) still on screen while a 1D run starts is not drawn
    const ok = !!d && d.rhoPlus.length === d.N;
    plus.band.visible = minus.band.visible = plus.curve.visible = minus.curve.visible = ok;
    if (!cur || !d || !ok || cur.version === seen.current) return;
    seen.current = cur.version;
    let mx = 0;
    for (let i = 0; i < d.N; i++) mx = Math.max(mx, d.rhoPlus[i], d.rhoMinus[i]);
    const s = profileScale(mx);
    if (s !== scaleRef.current) {
      scaleRef.current = s;
      setScale(s);
    }
    setProfile(plus, layout, d.rhoPlus, s, 1);
    setProfile(minus, layout, d.rhoMinus, s, -1);
  });

  return (
    <group>
      <primitive object={levels[0]} />
      <primitive object={levels[1]} />
      <primitive object={plus.band} />
      <primitive object={plus.curve} />
      <primitive object={minus.band} />
      <primitive object={minus.curve} />
    </group>
  );
}
