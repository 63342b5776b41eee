/**
 * What `run --fields` can choose: the study measures (model/study/fields.ts) and the bulky
 * groups. Grids and the initial particles are written only on request.
 */
import type { Wavevector } from '../model/diagnostics/runMeasures';
import { availableFields, type FieldInfo, selectFields } from '../model/study/fields';

export const RUN_GROUPS: readonly FieldInfo[] = [
  { name: 'particles', what: 'the particles at T, [[x, y, b], …] in [0,1)²', default: true },
  {
    name: 'series',
    what: 'energy per step (--pde: distance, pdeEnergy, entropy, boundFraction, medianNearestOpposite at the samples)',
    default: true,
  },
  { name: 'grids', what: 'rhoPlus, rhoMinus: the PDE cell averages at T (--pde)', default: false },
  { name: 'initial_particles', what: 'initialParticles: the particles at t = 0', default: false },
];

export interface RunSelection {
  /** The measures to report (in "measures"). */
  measures: string[];
  groups: Set<string>;
}

export function runSelection(
  text: string | undefined,
  pde: boolean,
  modes: readonly Wavevector[],
): RunSelection {
  const measures = availableFields(pde, modes);
  const chosen = selectFields(text, [...measures, ...RUN_GROUPS]);
  const groups = new Set(RUN_GROUPS.map((g) => g.name).filter((g) => chosen.includes(g)));
  return { measures: chosen.filter((c) => !groups.has(c)), groups };
}
