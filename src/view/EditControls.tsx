import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import type { OrthographicCamera } from 'three';
import { cellAverages } from '../model/init/cellAverages';
import type { GridDensity } from '../model/init/densities';
import {
  atStart,
  commitStroke,
  drawDipole,
  moveTo,
  particleAt,
  placeParticle,
  strokeStart,
} from '../state/handEdits';
import { frames } from '../state/lab';
import { type Brush, dab } from '../state/paint';
import { patchUi, useLab } from '../state/store';
import { viewNav } from '../state/viewNav';
import type { ViewLayout } from './viewLayout';

/** A press within this many pixels of a particle picks it. */
const PICK_PX = 9;
/** Moves shorter than this (pixels) are a click, not a drag. */
const DRAG_PX = 4;
/** Brush radius in cells of the painted grid. */
const BRUSH_CELLS = 1.3;

const wrap = (x: number) => x - Math.floor(x);

/**
 * The hand tools on the view (ui.tool): place/move/pick particles, draw a dipole, paint ρ±. Maps
 * the pointer to a torus point through the camera, the square under it (particles, or the
 * density's in side-by-side) and the origin shift. Drags preview on the picture (the published
 * frame is edited in place) and are committed to the scenario on release.
 */
export function EditControls({ layout }: { layout: ViewLayout }) {
  const camera = useThree((s) => s.camera) as OrthographicCamera;
  const dom = useThree((s) => s.gl.domElement);
  const invalidate = useThree((s) => s.invalidate);

  useEffect(() => {
    /** The torus point under the pointer, or null off the squares. */
    const toTorus = (clientX: number, clientY: number): [number, number] | null => {
      const r = dom.getBoundingClientRect();
      const wx = camera.position.x + (clientX - r.left - r.width / 2) / camera.zoom;
      const wy = camera.position.y - (clientY - r.top - r.height / 2) / camera.zoom;
      const half = layout.cells / 2;
      const squares: [number, number][] = [];
      if (layout.particleTiles) squares.push([0.5, 0.5]);
      if (layout.densityCenter) squares.push(layout.densityCenter);
      for (const [cx, cy] of squares) {
        if (Math.abs(wx - cx) <= half && Math.abs(wy - cy) <= half) {
          const [ox, oy] = viewNav.origin;
          return [wrap(wx - (cx - 0.5) + ox), wrap(wy - (cy - 0.5) + oy)];
        }
      }
      return null;
    };

    type Gesture =
      | { kind: 'move'; i: number; x0: number; y0: number; moved: boolean }
      | { kind: 'new'; x: number; y: number; b: 1 | -1; x0: number; y0: number }
      | { kind: 'dipole'; x: number; y: number; x0: number; y0: number }
      | { kind: 'paint'; grid: GridDensity; brush: Brush };
    let g: Gesture | null = null;

    /** Show the stroke so far on the density picture (committed on release). */
    const previewPaint = (grid: GridDensity) => {
      const cur = frames.current;
      if (!cur?.density) return;
      const N = cur.density.N;
      const avg = cellAverages(grid, N);
      frames.publish(cur.t, cur.particles, {
        ...cur.density,
        rhoPlus: Float32Array.from(avg.rhoPlus),
        rhoMinus: Float32Array.from(avg.rhoMinus),
      });
      invalidate();
    };

    /** Show particle i at (x, y) while it is dragged. */
    const previewMove = (i: number, x: number, y: number) => {
      const cur = frames.current;
      const p = cur?.particles;
      if (!cur || !p || i >= p.n) return;
      const pos = p.pos.slice();
      pos[2 * i] = x;
      pos[2 * i + 1] = y;
      frames.publish(cur.t, { ...p, pos }, cur.density);
      invalidate();
    };

    const onDown = (e: PointerEvent) => {
      const tool = useLab.getState().ui.tool;
      if (tool === 'view' || e.button !== 0) return;
      const at = toTorus(e.clientX, e.clientY);
      if (!at || !atStart()) return;
      dom.setPointerCapture(e.pointerId);
      const [x, y] = at;
      if (tool === 'place') {
        const i = particleAt(x, y, PICK_PX / camera.zoom);
        if (i >= 0) {
          patchUi({ picked: i });
          g = { kind: 'move', i, x0: e.clientX, y0: e.clientY, moved: false };
        } else g = { kind: 'new', x, y, b: e.shiftKey ? -1 : 1, x0: e.clientX, y0: e.clientY };
      } else if (tool === 'dipole') {
        g = { kind: 'dipole', x, y, x0: e.clientX, y0: e.clientY };
      } else {
        const brush: Brush = tool === 'paintPlus' ? 'plus' : tool === 'paintMinus' ? 'minus' : 'erase';
        const start = strokeStart();
        const grid = dab(start, x, y, BRUSH_CELLS / start.G, brush);
        g = { kind: 'paint', grid, brush };
        previewPaint(grid);
      }
    };

    const onMove = (e: PointerEvent) => {
      if (!g) return;
      const at = toTorus(e.clientX, e.clientY);
      if (!at) return;
      if (g.kind === 'move') {
        if (!g.moved && Math.hypot(e.clientX - g.x0, e.clientY - g.y0) < DRAG_PX) return;
        g.moved = true;
        previewMove(g.i, at[0], at[1]);
      } else if (g.kind === 'paint') {
        g.grid = dab(g.grid, at[0], at[1], BRUSH_CELLS / g.grid.G, g.brush);
        previewPaint(g.grid);
      }
    };

    const onUp = (e: PointerEvent) => {
      const done = g;
      g = null;
      if (!done) return;
      const at = toTorus(e.clientX, e.clientY);
      if (done.kind === 'move') {
        if (done.moved && at) moveTo(done.i, at[0], at[1]);
      } else if (done.kind === 'new') {
        placeParticle(done.x, done.y, done.b);
      } else if (done.kind === 'dipole') {
        const far = Math.hypot(e.clientX - done.x0, e.clientY - done.y0) >= DRAG_PX;
        // screen y grows downwards, torus x₂ upwards
        drawDipole(done.x, done.y, far ? e.clientX - done.x0 : 0, far ? done.y0 - e.clientY : 0);
      } else commitStroke(done.grid);
    };

    dom.addEventListener('pointerdown', onDown);
    dom.addEventListener('pointermove', onMove);
    dom.addEventListener('pointerup', onUp);
    dom.addEventListener('pointercancel', onUp);
    return () => {
      dom.removeEventListener('pointerdown', onDown);
      dom.removeEventListener('pointermove', onMove);
      dom.removeEventListener('pointerup', onUp);
      dom.removeEventListener('pointercancel', onUp);
    };
  }, [camera, dom, layout, invalidate]);

  return null;
}
