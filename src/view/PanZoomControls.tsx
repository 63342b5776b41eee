import { useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import type { OrthographicCamera } from 'three';

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
 * Pan (drag) and zoom (wheel, at the cursor) for the orthographic camera; double-click returns
 * home. Zoom and pan are kept relative to the home view, so a resize or a mode change re-fits.
 */
export function PanZoomControls({ home }: { home: HomeView }) {
  const camera = useThree((s) => s.camera) as OrthographicCamera;
  const size = useThree((s) => s.size);
  const dom = useThree((s) => s.gl.domElement);
  const invalidate = useThree((s) => s.invalidate);
  const view = useRef({ zoom: 1, panX: 0, panY: 0 });

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

    const toWorld = (clientX: number, clientY: number): [number, number] => {
      const r = dom.getBoundingClientRect();
      const z = camera.zoom;
      return [
        camera.position.x + (clientX - r.left - r.width / 2) / z,
        camera.position.y - (clientY - r.top - r.height / 2) / z,
      ];
    };

    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const v = view.current;
      const [wx, wy] = toWorld(e.clientX, e.clientY);
      const factor = Math.exp(-e.deltaY * 0.0015);
      const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom * factor));
      const k = v.zoom / next;
      // Keep the world point under the cursor fixed.
      const px = home.cx + v.panX;
      const py = home.cy + v.panY;
      v.panX = wx - (wx - px) * k - home.cx;
      v.panY = wy - (wy - py) * k - home.cy;
      v.zoom = next;
      apply();
    };

    let drag: { x: number; y: number; id: number } | null = null;
    const onDown = (e: PointerEvent) => {
      drag = { x: e.clientX, y: e.clientY, id: e.pointerId };
      dom.setPointerCapture(e.pointerId);
    };
    const onMove = (e: PointerEvent) => {
      if (!drag || drag.id !== e.pointerId) return;
      const z = camera.zoom;
      view.current.panX -= (e.clientX - drag.x) / z;
      view.current.panY += (e.clientY - drag.y) / z;
      drag.x = e.clientX;
      drag.y = e.clientY;
      apply();
    };
    const onUp = (e: PointerEvent) => {
      if (drag?.id === e.pointerId) drag = null;
    };
    const onDouble = () => {
      view.current = { zoom: 1, panX: 0, panY: 0 };
      apply();
    };

    dom.addEventListener('wheel', onWheel, { passive: false });
    dom.addEventListener('pointerdown', onDown);
    dom.addEventListener('pointermove', onMove);
    dom.addEventListener('pointerup', onUp);
    dom.addEventListener('pointercancel', onUp);
    dom.addEventListener('dblclick', onDouble);
    return () => {
      dom.removeEventListener('wheel', onWheel);
      dom.removeEventListener('pointerdown', onDown);
      dom.removeEventListener('pointermove', onMove);
      dom.removeEventListener('pointerup', onUp);
      dom.removeEventListener('pointercancel', onUp);
      dom.removeEventListener('dblclick', onDouble);
    };
  }, [camera, size.width, size.height, dom, home.cx, home.cy, home.width, home.height, invalidate]);

  return null;
}
