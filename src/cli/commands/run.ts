import { createSystem } from '../../model/dynamics/createSystem';
import type { IntegratorOptions } from '../../model/integrate';
import { integrate } from '../../model/integrate';
import { particlesJson, type RunSetup } from '../setup';

export interface RunOptions {
  T: number;
  integrator: IntegratorOptions;
}

/** `run`: integrate the particles to T; positions wrapped to [0,1)², in input order. */
export function runCommand(setup: RunSetup, opts: RunOptions) {
  const { spec, field, config } = setup;
  const started = performance.now();
  const system = createSystem(spec, field, config.signs);
  const result = integrate(system, config.pos, opts.T, opts.integrator);
  return {
    T: opts.T,
    particles: particlesJson(result.pos, config.signs),
    energy: result.energy,
    steps: result.steps,
    rejected: result.rejected,
    wallSeconds: (performance.now() - started) / 1000,
  };
}
