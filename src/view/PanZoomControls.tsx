import { useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import type { OrthographicCamera } from 'three';
import { useLab } from '../state/store';
import { viewNav } from '../state/viewNav';

/** The world rectangle the camera shows at zoom 1 ("home"); its centre and extent. */
export interface HomeView {
  cx: number;
  cy: number;
  width: number;
  height: number;
}

const MIN_ZOOM = 0.25;
const MAX_ZOOM = 400;

/**
 * Zoom (wheel at the cursor, or viewNav commands) for the orthographic camera, and dragging,
 * which moves the picture around the torus: it shifts the origin (wrapped), so a band across the
 * border can be brought to the middle. Double-click returns home. Zoom and pan are kept relative
 * to the home view, so a resize or a mode change re-fits.
 */
export function PanZoomControls({ home }: { home: HomeView }) {
  const camera = useThree((s) => s.camera) as OrthographicCamera;
  const size = useThree((s) => s.size);
  const dom = useThree((s) => s.gl.domElement);
  const invalidate = useThree((s) => s.invalidate);
  const view = useRef({ zoom: 1, panX: 0, panY: 0 });

  useEffect(() => viewNav.onChange(() => invalidate()), [invalidate]);

  useEffect(() => {
    const fit = Math.min(size.width / home.width, size.height / home.height);
    const apply = () => {
      const v = view.current;
      camera.zoom = fit * v.zoom;
      camera.position.set(home.cx + v.panX, home.cy + v.panY, 10);
      camera.rotation.set(0, 0, 0);
      camera.updateProjectionMatrix();
      invalidate();
    };
    apply();

    /** Zoom by `factor` keeping the world point (wx, wy) where it is on screen. */
    const zoomAt = (wx: number, wy: number, factor: number) => {
      const v = view.current;
      const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom * factor));
      const k = v.zoom / next;
      const px = home.cx + v.panX;
      const py = home.cy + v.panY;
      v.panX = wx - (wx - px) * k - home.cx;
      v.panY = wy - (wy - py) * k - home.cy;
      v.zoom = next;
      apply();
    };

    const toWorld = (clientX: number, clientY: number): [number, number] => {
      const r = dom.getBoundingClientRect();
      const z = camera.zoom;
      return [
        camera.position.x + (clientX - r.left - r.width / 2) / z,
        camera.position.y - (clientY - r.top - r.height / 2) / z,
      ];
    };

    const goHome = () => {
      view.current = { zoom: 1, panX: 0, panY: 0 };
      viewNav.resetOrigin();
      apply();
    };

    viewNav.register({
      zoomBy: (factor) => zoomAt(camera.position.x, camera.position.y, factor),
      home: goHome,
      focus(x, y, zoom) {
        const v = view.current;
        v.zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
        v.panX = x - home.cx;
        v.panY = y - home.cy;
        apply();
      },
      scale: () => ({ fit, zoom: view.current.zoom }),
    });

    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const [wx, wy] = toWorld(e.clientX, e.clientY);
      zoomAt(wx, wy, Math.exp(-e.deltaY * 0.0015));
    };

    let drag: { x: number; y: number; id: number } | null = null;
    const onDown = (e: PointerEvent) => {
      // the hand tools (EditControls) take presses on the picture
      if (useLab.getState().ui.tool !== 'view') return;
      drag = { x: e.clientX, y: e.clientY, id: e.pointerId };
      dom.setPointerCapture(e.pointerId);
    };
    const onMove = (e: PointerEvent) => {
      if (!drag || drag.id !== e.pointerId) return;
      const z = camera.zoom;
      // the picture follows the pointer, wrapping around the torus
      viewNav.shiftBy((e.clientX - drag.x) / z, -(e.clientY - drag.y) / z);
      drag.x = e.clientX;
      drag.y = e.clientY;
    };
    const onUp = (e: PointerEvent) => {
      if (drag?.id === e.pointerId) drag = null;
    };

    dom.addEventListener('wheel', onWheel, { passive: false });
    dom.addEventListener('pointerdown', onDown);
    dom.addEventListener('pointermove', onMove);
    dom.addEventListener('pointerup', onUp);
    dom.addEventListener('pointercancel', onUp);
    dom.addEventListener('dblclick', goHome);
    return () => {
      viewNav.register(null);
      dom.removeEventListener('wheel', onWheel);
      dom.removeEventListener('pointerdown', onDown);
      dom.removeEventListener('pointermove', onMove);
      dom.removeEventListener('pointerup', onUp);
      dom.removeEventListener('pointercancel', onUp);
      dom.removeEventListener('dblclick', goHome);
    };
  }, [camera, size.width, size.height, dom, home.cx, home.cy, home.width, home.height, invalidate]);

  return null;
}
