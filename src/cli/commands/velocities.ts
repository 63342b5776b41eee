import { createSystem } from '../../model/dynamics/createSystem';
import type { RunSetup } from '../setup';

/** `velocities`: dx/dt of every particle and E_n, at the input configuration. */
export function velocitiesCommand(setup: RunSetup) {
  const { spec, field, config } = setup;
  const system = createSystem(spec, field, config.signs);
  const v = new Float64Array(config.pos.length);
  system.velocities(config.pos, v);
  const velocities: number[][] = [];
  for (let i = 0; i < config.signs.length; i++) velocities.push([v[2 * i], v[2 * i + 1]]);
  return { velocities, energy: system.energy(config.pos) };
}
