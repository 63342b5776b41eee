import type { ExplicitParticle } from '../model/init/explicit';
import { wrap01 } from '../model/init/torus';
import { resolveDelta } from '../model/scenario/delta';
import { initialConfiguration } from '../model/scenario/initial';
import type { Scenario } from '../model/scenario/types';

/**
 * Particles placed by hand: pure edits of a scenario's initial particles (an explicit list).
 * The first edit of a sampled scenario turns its initial particles into a list (every bit kept);
 * positions placed by hand are rounded to what a hand can mean (1e-5 of the cell, finer for a
 * dipole narrower than that), so links stay short.
 */

/** The scenario's initial particles as an explicit list (its own list, or the sampled ones). */
export function initialParticles(s: Scenario): ExplicitParticle[] {
  if (s.initial.kind === 'explicit') return s.initial.particles.map((p) => [p[0], p[1], p[2]]);
  const { pos, signs } = initialConfiguration(s);
  const out: ExplicitParticle[] = [];
  for (let i = 0; i < signs.length; i++) out.push([pos[2 * i], pos[2 * i + 1], signs[i]]);
  return out;
}

/** x on the torus, rounded to `step` (and wrapped again, since rounding can reach 1). */
export function placed(x: number, step = 1e-5): number {
  const digits = Math.max(0, Math.min(15, Math.ceil(-Math.log10(step))));
  const r = Number(wrap01(x).toFixed(digits));
  return r >= 1 ? 0 : r;
}

/** A scenario whose initial data is `particles` (n follows; a δ rule is kept at the δ in force). */
export function withParticles(s: Scenario, particles: ExplicitParticle[]): Scenario {
  const out = structuredClone(s);
  if (typeof out.delta !== 'number') out.delta = resolveDelta(s);
  out.n = particles.length;
  out.initial = { kind: 'explicit', particles };
  return out;
}

export function addParticle(list: ExplicitParticle[], x: number, y: number, b: 1 | -1): ExplicitParticle[] {
  return [...list, [placed(x), placed(y), b]];
}

export function moveParticle(list: ExplicitParticle[], i: number, x: number, y: number): ExplicitParticle[] {
  if (i < 0 || i >= list.length) return list;
  const out = list.slice();
  out[i] = [placed(x), placed(y), list[i][2]];
  return out;
}

export function removeParticle(list: ExplicitParticle[], i: number): ExplicitParticle[] {
  if (i < 0 || i >= list.length) return list;
  return list.filter((_, j) => j !== i);
}

/**
 * A ± dipole centred at (x, y), its + and − a distance `width` apart along the direction
 * (dx, dy) (the drag; no drag: along x₁), the + at the start of the drag.
 */
export function addDipole(
  list: ExplicitParticle[],
  x: number,
  y: number,
  dx: number,
  dy: number,
  width: number,
): ExplicitParticle[] {
  const len = Math.hypot(dx, dy);
  const [ux, uy] = len > 0 ? [dx / len, dy / len] : [1, 0];
  const step = Math.min(1e-5, width / 1000);
  const h = width / 2;
  return [
    ...list,
    [placed(x - h * ux, step), placed(y - h * uy, step), 1],
    [placed(x + h * ux, step), placed(y + h * uy, step), -1],
  ];
}

/** Signed shortest difference b − a on the circle of length 1. */
function torusDelta(a: number, b: number): number {
  const d = b - a;
  return d - Math.round(d);
}

/** The particle nearest to (x, y) on the torus within `radius`, or −1. */
export function nearestParticle(
  list: readonly ExplicitParticle[],
  x: number,
  y: number,
  radius: number,
): number {
  let best = -1;
  let bestD = radius;
  for (let i = 0; i < list.length; i++) {
    const d = Math.hypot(torusDelta(x, list[i][0]), torusDelta(y, list[i][1]));
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
