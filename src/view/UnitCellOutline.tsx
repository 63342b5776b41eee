import { useMemo } from 'react';
import { BufferGeometry, Float32BufferAttribute, LineBasicMaterial, LineLoop } from 'three';

/** The boundary of the fundamental cell [0,1)² shifted by `offset` (the torus is its quotient). */
export function UnitCellOutline({ color, offset = [0, 0] }: { color: string; offset?: [number, number] }) {
  const line = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute('position', new Float32BufferAttribute([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0], 3));
    const m = new LineBasicMaterial({ color, depthTest: false, transparent: true });
    const l = new LineLoop(g, m);
    l.renderOrder = 5;
    return l;
  }, [color]);
  return <primitive object={line} position={[offset[0], offset[1], 0]} />;
}
