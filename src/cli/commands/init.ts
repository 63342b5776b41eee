import { particlesJson, type RunSetup } from '../setup';

/** `init`: the particles a scenario starts from (bit-identical to the app's). */
export function initCommand(setup: RunSetup) {
  return { particles: particlesJson(setup.config.pos, setup.config.signs, setup.dimension) };
}
