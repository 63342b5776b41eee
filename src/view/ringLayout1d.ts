// Pure layout of the 1D torus T¹ = [0,1) as a ring in the view plane (DOM-free, so it is unit-tested).
// x = 0 sits at the top and x grows clockwise, so the picture reads like a clock face.

export interface RingLayout1d {
  /** Centre of the ring in view units. */
  cx: number;
  cy: number;
  /** Radius of the circle on which the particles sit. */
  radius: number;
  /** Largest radial offset a density profile may take (outside the ring). */
  profileHeight: number;
}

/** The ring for a square view of side `size`: particles on radius 0.3·size, profiles up to 0.15·size outside it. */
export function ringLayout1d(size: number): RingLayout1d {
  return { cx: size / 2, cy: size / 2, radius: 0.3 * size, profileHeight: 0.15 * size };
}

/** Angle (radians, clockwise from the top) of the position x on T¹; x is reduced mod 1 first. */
export function ringAngle(x: number): number {
  const u = x - Math.floor(x);
  return 2 * Math.PI * u;
}

/** Point of the ring at position x, pushed outward by `offset` (0 = on the circle). y grows downward. */
export function ringPoint(layout: RingLayout1d, x: number, offset = 0): [number, number] {
  const a = ringAngle(x);
  const r = layout.radius + offset;
  return [layout.cx + r * Math.sin(a), layout.cy - r * Math.cos(a)];
}

/** Radial offset of a density value ρ ∈ [0, rhoMax]; clamped so a profile never leaves its band. */
export function profileOffset(layout: RingLayout1d, rho: number, rhoMax: number): number {
  if (!(rhoMax > 0) || !(rho > 0)) return 0;
  return layout.profileHeight * Math.min(1, rho / rhoMax);
}
