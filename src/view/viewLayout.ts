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
const GAP = 1.08;

/**
 * `stacked`: side by side puts the PDE under the particles instead of to their right (a portrait
 * view, e.g. a phone), so both squares stay as large as the screen allows.
 */
export function viewLayout(mode: ViewMode, tiled: boolean, stacked = false): ViewLayout {
  const cells = tiled ? 3 : 1;
  const tiles: [number, number][] = [];
  if (tiled) for (let j = -1; j <= 1; j++) for (let i = -1; i <= 1; i++) tiles.push([i, j]);
  else tiles.push([0, 0]);
  const ghosts = tiles.filter(([i, j]) => i !== 0 || j !== 0);
  const showParticles = mode !== 'density';
  const showDensity = mode !== 'particles';
  const side = mode === 'side';
  // where the density square sits relative to the particles'
  const [sx, sy] = side ? (stacked ? [0, -cells * GAP] : [cells * GAP, 0]) : [0, 0];
  const home: HomeView = side
    ? {
        cx: 0.5 + sx / 2,
        cy: 0.5 + sy / 2,
        width: Math.abs(sx) + cells * MARGIN,
        height: Math.abs(sy) + cells * MARGIN,
      }
    : { cx: 0.5, cy: 0.5, width: cells * MARGIN, height: cells * MARGIN };
  return {
    cells,
    particleTiles: showParticles ? tiles : null,
    densityCenter: showDensity ? [0.5 + sx, 0.5 + sy] : null,
    densityOpacity: mode === 'overlay' ? 0.8 : 1,
    outlines: side
      ? [
          [0, 0],
          [sx, sy],
        ]
      : [[0, 0]],
    ghostOutlines: ghosts.flatMap(([i, j]) =>
      side
        ? ([
            [i, j],
            [i + sx, j + sy],
          ] as [number, number][])
        : ([[i, j]] as [number, number][]),
    ),
    home,
  };
}
