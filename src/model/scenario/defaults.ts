import type { DensitySpec } from '../init/densities';
import type { InitialKind, InitialSpec, Scenario } from './types';

/** Defaults of each density kind's parameters (filled in when missing). */
export function defaultDensity(kind: DensitySpec['kind']): DensitySpec {
  switch (kind) {
    case 'uniform':
      return { kind: 'uniform' };
    case 'sine':
      return { kind: 'sine', a: 0.5, p: 1, q: 0 };
    case 'stripes':
      return { kind: 'stripes', a: 0.8, beta: 5, m: 2 };
    case 'bumps':
      return { kind: 'bumps', background: 1, bumps: [] };
    case 'grid':
      return { kind: 'grid', G: 16, plus: new Array(256).fill(1), minus: new Array(256).fill(1) };
  }
}

export const DEFAULT_BUMP = { x: 0.5, y: 0.5, sigma: 0.1, w: 1, s: 1 } as const;
export const DEFAULT_MODE = { a: 1, p: 1, q: 0, phi: 0 } as const;

/** Defaults of each initial-data kind's fields (filled in when missing). */
export function defaultInitial(kind: InitialKind): InitialSpec {
  switch (kind) {
    case 'sample':
      return { kind: 'sample', density: { kind: 'uniform' }, sampling: 'stratified', seed: 1 };
    case 'dipoles':
      return { kind: 'dipoles', density: { kind: 'uniform' }, gamma: 0.5, orientation: 'random', seed: 1 };
    case 'explicit':
      return { kind: 'explicit', particles: [] };
  }
}

/**
 * The scenario the app opens with: 400 particles sampled (stratified) from the uniform density,
 * isotropic gaussian core δ = 0.02, U = 0.5 cos 2πx₁, PDE companion at 128² with the same δ.
 * The URL codec stores only differences from this object: changing it changes what old links mean.
 */
export const DEFAULT_SCENARIO: Readonly<Scenario> = deepFreeze({
  version: 1,
  geometry: 'isotropic',
  core: 'gaussian',
  delta: 0.02,
  n: 400,
  field: { modes: [{ a: 0.5, p: 1, q: 0, phi: 0 }], force: [0, 0] },
  initial: defaultInitial('sample'),
  pde: { enabled: true, grid: 128, delta: 'same' },
  T: 1,
  integrator: { method: 'auto', rtol: 1e-6, atol: 1e-9 },
  rate: 0.2,
} satisfies Scenario);

/** A fresh deep copy of DEFAULT_SCENARIO (safe to mutate). */
export function defaultScenario(): Scenario {
  return structuredClone(DEFAULT_SCENARIO) as Scenario;
}

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
