import { BufferAttribute, InstancedBufferAttribute, InstancedBufferGeometry } from 'three';

/**
 * Instanced geometry of the edge-dislocation symbol ⊥ (a + dislocation); the glyph material
 * mirrors it to ⊤ for a − dislocation. One glyph is a horizontal bar (width 1) plus a stem from
 * the core point; the core (the junction) sits at the origin, so the per-instance `offset`
 * (x, y, sign, nearest opposite distance) places the core exactly at the particle position. The
 * bound-dipole symbol ◎ is a ring with a centre dot. The outline variants are the same shapes
 * padded on every side (drawn first, in the background colour, so glyphs stay legible on top of
 * the density map).
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

const RING_OUTER = 0.5;
const RING_INNER = 0.34;
const DOT = 0.12;
const SEGMENTS = 20;

/** Triangles of an annulus (inner 0: a disc) as x, y, 0 triples. */
function annulus(inner: number, outer: number, out: number[]): void {
  for (let k = 0; k < SEGMENTS; k++) {
    const a0 = (2 * Math.PI * k) / SEGMENTS;
    const a1 = (2 * Math.PI * (k + 1)) / SEGMENTS;
    const [c0, s0, c1, s1] = [Math.cos(a0), Math.sin(a0), Math.cos(a1), Math.sin(a1)];
    out.push(inner * c0, inner * s0, 0, outer * c0, outer * s0, 0, outer * c1, outer * s1, 0);
    if (inner > 0) out.push(inner * c0, inner * s0, 0, outer * c1, outer * s1, 0, inner * c1, inner * s1, 0);
  }
}

function ringTriangles(pad: number): Float32Array {
  const out: number[] = [];
  if (pad > 0) annulus(0, RING_OUTER + pad, out);
  else {
    annulus(RING_INNER, RING_OUTER, out);
    annulus(0, DOT, out);
  }
  return Float32Array.from(out);
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

/**
 * A glyph geometry (⊥, or the ring ◎ of a bound dipole) whose per-instance `offset` is `offsets`
 * (shared between geometries).
 */
export function createGlyphGeometry(
  outline: boolean,
  offsets: InstancedBufferAttribute,
  ring = false,
): InstancedBufferGeometry {
  const geometry = new InstancedBufferGeometry();
  const pad = outline ? OUTLINE_PAD : 0;
  geometry.setAttribute(
    'position',
    new BufferAttribute(ring ? ringTriangles(pad) : trianglesOf(glyphRects(pad)), 3),
  );
  geometry.setAttribute('offset', offsets);
  geometry.instanceCount = 0;
  return geometry;
}

/** Floats per instance: x, y, sign, distance to the nearest opposite-sign particle. */
export const OFFSET_SIZE = 4;

/** A dynamic per-instance buffer with room for `capacity` particles. */
export function createOffsetAttribute(capacity: number): InstancedBufferAttribute {
  const attribute = new InstancedBufferAttribute(
    new Float32Array(OFFSET_SIZE * Math.max(1, capacity)),
    OFFSET_SIZE,
  );
  attribute.setUsage(35048); // DynamicDrawUsage
  return attribute;
}
