import { Canvas } from '@react-three/fiber';
import { useMemo } from 'react';
import type { ColorScaleMode, ViewMode } from '../state/uiTypes';
import type { DensityField, ThemeName } from './colorMaps';
import { DensityLayer } from './DensityLayer';
import type { DensityRange } from './densityToRgba';
import { EditControls } from './EditControls';
import { FrameCounter } from './FrameCounter';
import { SCENE_COLORS } from './glyphColors';
import { InvalidateOnNewFrames } from './InvalidateOnNewFrames';
import { PanZoomControls } from './PanZoomControls';
import { ParticleLayer } from './ParticleLayer';
import { UnitCellOutline } from './UnitCellOutline';
import { ViewCapture } from './ViewCapture';
import { viewLayout } from './viewLayout';

export interface TorusViewProps {
  theme: ThemeName;
  mode: ViewMode;
  field: DensityField;
  tiled: boolean;
  /** Side by side above each other (portrait screens). */
  stacked: boolean;
  colorScale: ColorScaleMode;
  colorMax: number;
  onDensityRange?: (range: DensityRange) => void;
}

/**
 * The torus T² = [0,1)² drawn with an orthographic camera: particles as ⊥/⊤ glyphs, the PDE
 * density as a texture, optionally 3×3 periodic images. Renders on demand (new data, pan, zoom).
 */
export function TorusView(p: TorusViewProps) {
  const { theme, mode, field, tiled, stacked, colorScale, colorMax, onDensityRange } = p;
  const layout = useMemo(() => viewLayout(mode, tiled, stacked), [mode, tiled, stacked]);
  const colors = SCENE_COLORS[theme];
  return (
    <Canvas
      orthographic
      flat
      frameloop="demand"
      dpr={[1, 2]}
      // An explicit rotation stops R3F from pointing the camera at the origin (a tilt would skew 2D).
      camera={{ position: [0.5, 0.5, 10], rotation: [0, 0, 0], zoom: 400, near: 0.1, far: 100 }}
      gl={{ antialias: false, preserveDrawingBuffer: false }}
      style={{ position: 'absolute', inset: 0, background: colors.background, touchAction: 'none' }}
    >
      <color attach="background" args={[colors.background]} />
      <PanZoomControls home={layout.home} />
      <EditControls layout={layout} />
      <ViewCapture />
      <InvalidateOnNewFrames />
      {layout.densityCenter && (
        <DensityLayer
          theme={theme}
          field={field}
          center={layout.densityCenter}
          cells={layout.cells}
          opacity={layout.densityOpacity}
          colorScale={colorScale}
          colorMax={colorMax}
          onRange={onDensityRange}
        />
      )}
      {layout.particleTiles && <ParticleLayer theme={theme} tiles={layout.particleTiles} />}
      {layout.ghostOutlines.map((o) => (
        <UnitCellOutline key={`g${o[0]},${o[1]}`} color={colors.ghost} offset={o} />
      ))}
      {layout.outlines.map((o) => (
        <UnitCellOutline key={`o${o[0]},${o[1]}`} color={colors.cell} offset={o} />
      ))}
      <FrameCounter />
    </Canvas>
  );
}
