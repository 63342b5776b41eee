import type { ViewMode } from '../state/uiTypes';
import type { HomeView } from './PanZoomControls';

/** Where things go in world units for a view mode (the unit cell is [0,1]²). */
export interface ViewLayout {
  cells: number;
  particleTiles: [number, number][] | null;
  densityCenter: [number, number] | null;
  densityOpacity: number;
  outlines: [number, number][];
  ghostOutlines: [number, number][];
  home: HomeView;
}

const MARGIN = 1.06;

export function viewLayout(mode: ViewMode, tiled: boolean): ViewLayout {
  const cells = tiled ? 3 : 1;
  const tiles: [number, number][] = [];
  if (tiled) for (let j = -1; j <= 1; j++) for (let i = -1; i <= 1; i++) tiles.push([i, j]);
  else tiles.push([0, 0]);
  const ghosts = tiles.filter(([i, j]) => i !== 0 || j !== 0);
  const showParticles = mode !== 'density';
  const showDensity = mode !== 'particles';
  const shift = mode === 'side' ? cells * 1.08 : 0;
  const home: HomeView =
    mode === 'side'
      ? { cx: 0.5 + shift / 2, cy: 0.5, width: shift + cells * MARGIN, height: cells * MARGIN }
      : { cx: 0.5, cy: 0.5, width: cells * MARGIN, height: cells * MARGIN };
  return {
    cells,
    particleTiles: showParticles ? tiles : null,
    densityCenter: showDensity ? [0.5 + shift, 0.5] : null,
    densityOpacity: mode === 'overlay' ? 0.8 : 1,
    outlines:
      mode === 'side'
        ? [
            [0, 0],
            [shift, 0],
          ]
        : [[0, 0]],
    ghostOutlines: ghosts.flatMap(([i, j]) =>
      mode === 'side'
        ? ([
            [i, j],
            [i + shift, j],
          ] as [number, number][])
        : ([[i, j]] as [number, number][]),
    ),
    home,
  };
}
