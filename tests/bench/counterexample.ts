/**
 * Wall time to T = 1 for the paper's counterexample (issue #2): n = 1000 as 500 short dipoles,
 * δ = 1e-7, U = cos 2πx₁, isotropic gaussian, default tolerances, automatic integrator choice.
 */
import { createSystem } from '../../src/model/dynamics/createSystem';
import { integrate } from '../../src/model/integrate';
import { defaultScenario } from '../../src/model/scenario/defaults';
import { initialConfiguration } from '../../src/model/scenario/initial';
import type { BenchRow } from './table';

export async function benchCounterexample(): Promise<BenchRow[]> {
  const s = defaultScenario();
  s.n = 1000;
  s.delta = 1e-7;
  s.field = { modes: [{ a: 1, p: 1, q: 0, phi: 0 }], force: [0, 0] };
  s.initial = {
    kind: 'dipoles',
    density: { kind: 'uniform' },
    gamma: 0.5,
    orientation: 'horizontal',
    seed: 1,
  };
  const config = initialConfiguration(s);
  const started = performance.now();
  const system = createSystem(
    { geometry: 'isotropic', core: 'gaussian', delta: 1e-7 },
    s.field,
    config.signs,
  );
  const built = performance.now();
  const r = integrate(system, config.pos, 1, {
    method: 'auto',
    rtol: s.integrator.rtol,
    atol: s.integrator.atol,
  });
  const wall = (performance.now() - started) / 1000;
  let maxMove = 0;
  for (let i = 0; i < s.n; i++) {
    const dx = r.unwrapped[2 * i] - config.pos[2 * i];
    const dy = r.unwrapped[2 * i + 1] - config.pos[2 * i + 1];
    maxMove = Math.max(maxMove, Math.hypot(dx, dy));
  }
  return [
    { name: 'counterexample n=1000 δ=1e-7 to T=1: wall time', value: wall, unit: 's' },
    { name: '  of which kernel build', value: (built - started) / 1000, unit: 's' },
    { name: '  accepted steps', value: r.steps, unit: '' },
    { name: '  rejected steps', value: r.rejected, unit: '' },
    { name: '  max particle displacement / δ', value: maxMove / 1e-7, unit: '' },
  ];
}
