import { cellAverages } from '../model/init/cellAverages';
import type { GridDensity } from '../model/init/densities';
import { initialDensity } from '../model/scenario/initial';
import type { Scenario } from '../model/scenario/types';

/**
 * The brush: pure edits of a painted initial density (a coarse grid of integer weights, MATH §7
 * "grid"). Painting starts from the scenario's own initial density, quantised to the grid, so the
 * first stroke changes only what it touches.
 */

/** Side of the painted grid (a 16×16 grid is 256 cells: a link of a few dozen characters when mostly background). */
export const PAINT_GRID = 16;
/** Weight of ρ = ½ (the uniform density) on the painted grid, and the largest weight a stroke reaches. */
export const PAINT_UNIFORM = 10;
export const PAINT_TOP = 60;
/** What one dab adds at the brush centre (falling off to the rim). */
export const PAINT_AMOUNT = 6;

/** The scenario's initial density as a painted grid (its own, or the cell averages quantised). */
export function paintedDensity(s: Scenario): GridDensity {
  const init = s.initial;
  if (init.kind !== 'explicit' && init.density.kind === 'grid') {
    const d = init.density;
    return { kind: 'grid', G: d.G, plus: d.plus.slice(), minus: d.minus.slice() };
  }
  const avg = cellAverages(initialDensity(s), PAINT_GRID);
  const level = (v: number) => Math.min(PAINT_TOP, Math.round(2 * PAINT_UNIFORM * v));
  const plus = Array.from(avg.rhoPlus, level);
  const minus = Array.from(avg.rhoMinus, level);
  // a density too faint to show at this quantisation still needs mass: start uniform
  if (!plus.some((v) => v > 0) && !minus.some((v) => v > 0)) {
    plus.fill(PAINT_UNIFORM);
    minus.fill(PAINT_UNIFORM);
  }
  return { kind: 'grid', G: PAINT_GRID, plus, minus };
}

export type Brush = 'plus' | 'minus' | 'erase';

/**
 * One dab of the brush at the torus point (x, y) with radius r (cell units of the unit square):
 * cells whose centre is within r (periodically) gain up to PAINT_AMOUNT (plus/minus) or are
 * cleared (erase). Returns a new grid.
 */
export function dab(g: GridDensity, x: number, y: number, r: number, brush: Brush): GridDensity {
  const out: GridDensity = { kind: 'grid', G: g.G, plus: g.plus.slice(), minus: g.minus.slice() };
  const G = g.G;
  for (let b = 0; b < G; b++) {
    for (let a = 0; a < G; a++) {
      const dx = (a + 0.5) / G - x;
      const dy = (b + 0.5) / G - y;
      const d = Math.hypot(dx - Math.round(dx), dy - Math.round(dy));
      if (d > r) continue;
      const c = b * G + a;
      if (brush === 'erase') {
        out.plus[c] = 0;
        out.minus[c] = 0;
        continue;
      }
      const add = Math.max(1, Math.round(PAINT_AMOUNT * (1 - d / (r + 1e-12))));
      const target = brush === 'plus' ? out.plus : out.minus;
      target[c] = Math.min(PAINT_TOP, target[c] + add);
    }
  }
  return out;
}

/** A scenario whose initial density is `g`: particles are sampled from it and the PDE starts from it. */
export function withDensity(s: Scenario, g: GridDensity): Scenario {
  const out = structuredClone(s);
  if (out.initial.kind === 'explicit')
    out.initial = { kind: 'sample', density: g, sampling: 'stratified', seed: 1 };
  else out.initial.density = g;
  return out;
}

/** Whether anything is left to sample (an all-erased grid has no mass). */
export function hasMass(g: GridDensity): boolean {
  return g.plus.some((v) => v > 0) || g.minus.some((v) => v > 0);
}
