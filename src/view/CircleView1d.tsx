import { Canvas, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useState } from 'react';
import {
  BufferAttribute,
  BufferGeometry,
  LineBasicMaterial,
  LineLoop,
  LineSegments,
  type OrthographicCamera,
} from 'three';
import type { ViewMode } from '../state/uiTypes';
import type { ThemeName } from './colorMaps';
import { FrameCounter } from './FrameCounter';
import { SCENE_COLORS } from './glyphColors';
import { InvalidateOnNewFrames } from './InvalidateOnNewFrames';
import { RingDensity1d } from './RingDensity1d';
import { RingHistogram1d } from './RingHistogram1d';
import { RingParticles1d } from './RingParticles1d';
import { type RingLayout1d, ringLayout1d } from './ringLayout1d';
import { ringWorld } from './ringProfile1d';
import { ViewCapture } from './ViewCapture';

/** World units around the unit square the ring lives in. */
const HOME = 1.02;

/** The camera shows the unit square, centred, whatever the canvas' shape. */
function FitCamera() {
  const camera = useThree((s) => s.camera) as OrthographicCamera;
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    camera.zoom = Math.min(size.width, size.height) / HOME;
    camera.position.set(0.5, 0.5, 10);
    camera.rotation.set(0, 0, 0);
    camera.updateProjectionMatrix();
    invalidate();
  }, [camera, size, invalidate]);
  return null;
}

/** The circle itself and ticks at x = 0, ¼, ½, ¾ (x = 0 longest). */
function RingOutline({ layout, color }: { layout: RingLayout1d; color: string }) {
  const objects = useMemo(() => {
    const pts = new Float32Array(3 * 256);
    for (let i = 0; i < 256; i++) pts.set([...ringWorld(layout, i / 256), 0], 3 * i);
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(pts, 3));
    const m = new LineBasicMaterial({ color, transparent: true, depthTest: false });
    const ring = new LineLoop(g, m);
    ring.renderOrder = 2;
    const ticks: number[] = [];
    for (const [x, len] of [
      [0, 0.04],
      [0.25, 0.02],
      [0.5, 0.02],
      [0.75, 0.02],
    ])
      ticks.push(...ringWorld(layout, x, -len), 0, ...ringWorld(layout, x, len), 0);
    const tg = new BufferGeometry();
    tg.setAttribute('position', new BufferAttribute(Float32Array.from(ticks), 3));
    const tickLines = new LineSegments(tg, m);
    tickLines.renderOrder = 2;
    return { ring, tickLines };
  }, [layout, color]);
  useEffect(
    () => () => {
      objects.ring.geometry.dispose();
      objects.tickLines.geometry.dispose();
      objects.ring.material.dispose();
    },
    [objects],
  );
  return (
    <>
      <primitive object={objects.ring} />
      <primitive object={objects.tickLines} />
    </>
  );
}

export interface CircleViewProps {
  theme: ThemeName;
  mode: ViewMode;
}

/**
 * The circle T¹ = [0,1) (MATH §12) as a ring, x = 0 at the top, x growing clockwise: the particles
 * as glyphs on it, the PDE's ρ+ as a band outside and ρ− inside (the 2D view's side-by-side and
 * overlay modes both overlay here: one picture holds both sides). Renders on demand.
 */
export function CircleView1d({ theme, mode }: CircleViewProps) {
  const layout = useMemo(() => ringLayout1d(1), []);
  const colors = SCENE_COLORS[theme];
  const [scale, setScale] = useState(1);
  const showParticles = mode !== 'density';
  const showDensity = mode !== 'particles';
  return (
    <>
      <Canvas
        orthographic
        flat
        frameloop="demand"
        dpr={[1, 2]}
        camera={{ position: [0.5, 0.5, 10], rotation: [0, 0, 0], zoom: 400, near: 0.1, far: 100 }}
        gl={{ antialias: true, preserveDrawingBuffer: false }}
        style={{ position: 'absolute', inset: 0, background: colors.background }}
        data-testid="circle-canvas"
      >
        <color attach="background" args={[colors.background]} />
        <FitCamera />
        <ViewCapture />
        <InvalidateOnNewFrames />
        <RingOutline layout={layout} color={colors.cell} />
        {showDensity && <RingDensity1d theme={theme} layout={layout} onScale={setScale} />}
        {showParticles && <RingParticles1d theme={theme} layout={layout} />}
        {showParticles && showDensity && <RingHistogram1d theme={theme} layout={layout} scale={scale} />}
        <FrameCounter />
      </Canvas>
      <div
        className="circle-legend"
        data-testid="circle-legend"
        aria-hidden="true"
        style={{
          position: 'absolute',
          left: 8,
          bottom: 8,
          fontSize: 12,
          opacity: 0.85,
          pointerEvents: 'none',
        }}
      >
        circle T¹: x = 0 at the top, clockwise
        {showDensity && (
          <>
            <br />
            PDE: ρ+ outside, ρ− inside the ring; band full at ρ = {scale} (grey: ρ = ½)
            {showParticles && (
              <>
                <br />
                dark curves: the particles’ μ± binned, same scale
              </>
            )}
          </>
        )}
      </div>
    </>
  );
}
