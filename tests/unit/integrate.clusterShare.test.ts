/**
 * The multirate method's cluster solves on two threads (integrate/clusterShare.ts with the node
 * helper): the same trajectory, bit for bit, and the same sub-step counts as one thread, with the
 * helper actually solving clusters; a helper that says it serves and never runs is not waited for.
 * Cost ~5 s (the helper loads the sources through tsx once).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import type { ParticleSystem } from '../../src/model/dynamics/particleSystem';
import { createStepper } from '../../src/model/integrate';
import {
  installNodeClusterThreads,
  stopNodeClusterThreads,
} from '../../src/model/integrate/clusterHelperNode';
import {
  CCTRL,
  type ClusterAttach,
  clusterShareFor,
  clusterViews,
  installClusterThreads,
} from '../../src/model/integrate/clusterShare';
import type { MultirateStepper } from '../../src/model/integrate/multirate';
import type { Geometry } from '../../src/model/types';
import { rng } from './testRng';

afterAll(() => stopNodeClusterThreads());

/** i.i.d. uniform ± particles with δ = 1/n and U = cos 2πx₁: opposite signs pair up during the run. */
function pairing(geometry: Geometry, n: number, seed: number) {
  const r = rng(seed);
  const pos = Float64Array.from({ length: 2 * n }, () => r());
  const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
  const field = { modes: [{ a: 1, p: 1, q: 0, phi: 0 }], force: [0, 0] as [number, number] };
  const system = createSystem({ geometry, core: 'gaussian', delta: 1 / n }, field, signs);
  return { system, pos };
}

/**
 * Steps toward T, each accepted state checked against `against` (the one-thread run's) as soon as
 * it is taken: a wrong cluster result fails at once rather than making the rest of the run stiff.
 */
function run(system: ParticleSystem, pos: Float64Array, T: number, against?: Float64Array[]) {
  const st = createStepper(system, pos, { method: 'multirate', rtol: 1e-6, atol: 1e-9 });
  const mr = st as unknown as MultirateStepper;
  const states: Float64Array[] = [];
  let most = 0;
  while (st.t < T) {
    st.stepToward(T);
    most = Math.max(most, mr.fast.clusters.count);
    states.push(Float64Array.from(st.unwrapped));
    if (against && !(states.length <= against.length && same(states.at(-1)!, against[states.length - 1])))
      break;
  }
  const { subSteps, subRejected, stageUnknowns } = mr.fast;
  return { states, steps: st.steps, subSteps, subRejected, stageUnknowns, most };
}

const same = (a: Float64Array, b: Float64Array) => a.every((v, i) => Object.is(v, b[i]));

describe('cluster solves on two threads', () => {
  for (const [geometry, T] of [
    ['isotropic', 0.01],
    ['slip', 0.004],
  ] as const)
    it(`${geometry}: the helper changes nothing but the time`, async () => {
      installClusterThreads(null);
      const a = pairing(geometry, 600, 11);
      const alone = run(a.system, a.pos, T);
      expect(installNodeClusterThreads()).toBe(true);
      const b = pairing(geometry, 600, 11);
      const share = clusterShareFor(b.system, geometry === 'slip' ? 1 : 2)!;
      expect(await share.whenReady()).toBe(true);
      const helped = run(b.system, b.pos, T, alone.states);
      expect(alone.most).toBeGreaterThan(10);
      expect(share.helperClusters).toBeGreaterThan(0);
      expect(helped.steps).toBe(alone.steps);
      expect(helped.subSteps).toBe(alone.subSteps);
      expect(helped.subRejected).toBe(alone.subRejected);
      expect(helped.stageUnknowns).toBe(alone.stageUnknowns);
      expect(helped.states.length).toBe(alone.states.length);
      expect(same(helped.states.at(-1)!, alone.states.at(-1)!)).toBe(true);
    }, 60_000);

  it('a helper that never runs is not waited for', () => {
    const alone = (() => {
      installClusterThreads(null);
      const a = pairing('isotropic', 400, 5);
      return run(a.system, a.pos, 0.005);
    })();
    // says it serves (READY), never claims a command
    installClusterThreads({
      attach: (m: ClusterAttach) => Atomics.store(clusterViews(m.buffer, m.n).ctrl, CCTRL.READY, 1),
    });
    const b = pairing('isotropic', 400, 5);
    const share = clusterShareFor(b.system, 2)!;
    expect(share.ready).toBe(true);
    const helped = run(b.system, b.pos, 0.005, alone.states);
    installClusterThreads(null);
    expect(share.helperClusters).toBe(0);
    expect(helped.subSteps).toBe(alone.subSteps);
    expect(helped.states.length).toBe(alone.states.length);
    expect(same(helped.states.at(-1)!, alone.states.at(-1)!)).toBe(true);
  }, 60_000);
});
