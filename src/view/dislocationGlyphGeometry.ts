import { BufferAttribute, InstancedBufferAttribute, InstancedBufferGeometry } from 'three';

/**
 * Instanced geometry of the edge-dislocation symbol ⊥ (a + dislocation); the glyph material
 * mirrors it to ⊤ for a − dislocation. One glyph is a horizontal bar (width 1) plus a stem from
 * the core point; the core (the junction) sits at the origin, so the per-instance `offset`
 * (x, y, sign) places the core exactly at the particle position. The outline variant is the same
 * shape padded on every side (drawn first, in the background colour, so glyphs stay legible on
 * top of the density map).
 */

const BAR_HALF_WIDTH = 0.5;
const THICKNESS = 0.24;
const STEM = 0.62;
const OUTLINE_PAD = 0.11;

type Rect = [x0: number, y0: number, x1: number, y1: number];

function glyphRects(pad: number): Rect[] {
  const h = THICKNESS / 2;
  return [
    [-BAR_HALF_WIDTH - pad, -h - pad, BAR_HALF_WIDTH + pad, h + pad],
    [-h - pad, 0, h + pad, STEM + pad],
  ];
}

function trianglesOf(rects: Rect[]): Float32Array {
  const out = new Float32Array(rects.length * 18);
  let o = 0;
  for (const [x0, y0, x1, y1] of rects) {
    const corners = [x0, y0, x1, y0, x1, y1, x0, y0, x1, y1, x0, y1];
    for (let i = 0; i < 12; i += 2) {
      out[o++] = corners[i];
      out[o++] = corners[i + 1];
      out[o++] = 0;
    }
  }
  return out;
}

/** A glyph geometry whose per-instance `offset` (x, y, sign) is `offsets` (shared between geometries). */
export function createGlyphGeometry(
  outline: boolean,
  offsets: InstancedBufferAttribute,
): InstancedBufferGeometry {
  const geometry = new InstancedBufferGeometry();
  geometry.setAttribute(
    'position',
    new BufferAttribute(trianglesOf(glyphRects(outline ? OUTLINE_PAD : 0)), 3),
  );
  geometry.setAttribute('offset', offsets);
  geometry.instanceCount = 0;
  return geometry;
}

/** A dynamic per-instance buffer (x, y, sign per particle) with room for `capacity` particles. */
export function createOffsetAttribute(capacity: number): InstancedBufferAttribute {
  const attribute = new InstancedBufferAttribute(new Float32Array(3 * Math.max(1, capacity)), 3);
  attribute.setUsage(35048); // DynamicDrawUsage
  return attribute;
}
