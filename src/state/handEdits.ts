import type { GridDensity } from '../model/init/densities';
import { resolveDelta } from '../model/scenario/delta';
import { editScenario } from './actions';
import { frames, runner } from './lab';
import { paintedDensity, withDensity } from './paint';
import {
  addDipole,
  addParticle,
  initialParticles,
  moveParticle,
  nearestParticle,
  removeParticle,
  withParticles,
} from './placement';
import { patchUi, useLab } from './store';
import type { ViewTool } from './uiTypes';

/**
 * The view's hand tools as actions on the scenario (each edit is validated and lands in the link;
 * the run starts over at t = 0 from the edited initial data, paused). The initial data can only be
 * edited where it is shown: at t = 0.
 */

const EDIT_KEY = 'hand';

function edit(change: Parameters<typeof editScenario>[1]): boolean {
  if (useLab.getState().run.status === 'playing') runner.pause();
  return editScenario(EDIT_KEY, change);
}

/** Whether the picture shows the initial data (else the run is taken back to it first). */
export function atStart(): boolean {
  const t = frames.drawn?.t ?? 0;
  if (t === 0) return true;
  void runner.reset();
  return false;
}

export function setTool(tool: ViewTool): void {
  patchUi({ tool, picked: null });
  if (tool !== 'view') atStart();
}

/** The hand-placed particle under (x, y) (torus coordinates) within `radius`, or −1. */
export function particleAt(x: number, y: number, radius: number): number {
  return nearestParticle(initialParticles(useLab.getState().scenario), x, y, radius);
}

export function placeParticle(x: number, y: number, b: 1 | -1): void {
  const s = useLab.getState().scenario;
  const list = addParticle(initialParticles(s), x, y, b);
  if (edit((d) => Object.assign(d, withParticles(s, list)))) patchUi({ picked: list.length - 1 });
}

export function moveTo(i: number, x: number, y: number): void {
  const s = useLab.getState().scenario;
  if (edit((d) => Object.assign(d, withParticles(s, moveParticle(initialParticles(s), i, x, y)))))
    patchUi({ picked: i });
}

/** Delete the particle picked last (a run needs two: removing below that is refused in the controls). */
export function removePicked(): boolean {
  const i = useLab.getState().ui.picked;
  if (i === null) return false;
  const s = useLab.getState().scenario;
  if (edit((d) => Object.assign(d, withParticles(s, removeParticle(initialParticles(s), i)))))
    patchUi({ picked: null });
  return true;
}

/** A dipole of the chosen width (× δ) centred at (x, y) along the drag (dx, dy). */
export function drawDipole(x: number, y: number, dx: number, dy: number): void {
  const s = useLab.getState().scenario;
  const width = useLab.getState().ui.dipoleWidth * resolveDelta(s);
  // no drag: along the glide direction x₁ (isotropic) or across the slip planes (slip)
  const [ux, uy] = Math.hypot(dx, dy) > 0 ? [dx, dy] : s.geometry === 'slip' ? [0, 1] : [1, 0];
  edit((d) => Object.assign(d, withParticles(s, addDipole(initialParticles(s), x, y, ux, uy, width))));
}

/** The grid a stroke starts from. */
export function strokeStart(): GridDensity {
  return paintedDensity(useLab.getState().scenario);
}

/** Commit a finished stroke: particles are sampled from the painted density, the PDE starts from it. */
export function commitStroke(g: GridDensity): void {
  const s = useLab.getState().scenario;
  edit((d) => Object.assign(d, withDensity(s, g)));
}
