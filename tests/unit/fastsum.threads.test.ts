/**
 * The fast sum with a helper thread (node worker_threads): the same bits as the same plan
 * computed on one thread, through re-plans and when the helper moves on to another evaluator;
 * and the direct sum's answer. Cost ~5 s (the helper loads the sources through tsx once).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createFastSum, installFastSumThreads } from '../../src/model/fastsum';
import { installNodeFastSumThreads, stopNodeFastSumThreads } from '../../src/model/fastsum/helperNode';
import { nearChunks } from '../../src/model/fastsum/nearField';
import { CTRL, sharedViews } from '../../src/model/fastsum/shared';
import { makeKernel } from '../../src/model/kernels';
import { rng } from './testRng';

function uniform(n: number, seed: number) {
  const r = rng(seed);
  const pos = Float64Array.from({ length: 2 * n }, () => 3 * r() - 1);
  const signs = Int8Array.from({ length: n }, () => (r() < 0.5 ? 1 : -1));
  return { pos, signs };
}

const same = (a: Float64Array, b: Float64Array) => a.every((v, i) => Object.is(v, b[i]));

afterAll(() => stopNodeFastSumThreads());

describe('fast sum on two threads', () => {
  for (const geometry of ['isotropic', 'slip'] as const)
    it(`${geometry}: the helper changes nothing but the time`, async () => {
      const k = makeKernel({ geometry, core: 'gaussian', delta: 1e-3 });
      const n = 6000;
      const { pos, signs } = uniform(n, 3);
      installFastSumThreads(null);
      const alone = createFastSum(k, n, { threads: 2 });
      expect(installNodeFastSumThreads()).toMatch(/two threads/);
      const helped = createFastSum(k, n);
      expect(helped.plan.threads).toBe(2);
      expect(helped.plan.near && nearChunks(helped.plan.near.cells, helped.plan.near.reach)).toBeGreaterThan(
        1,
      );
      expect(await helped.whenParallel()).toBe(true);
      expect(await alone.whenParallel()).toBe(false);
      const a = new Float64Array(2 * n);
      const b = new Float64Array(2 * n);
      for (let step = 0; step < 3; step++) {
        for (let i = 0; i < 2 * n; i++) pos[i] += 1e-4 * Math.sin(i + step);
        alone.accumulate(pos, signs, a);
        helped.accumulate(pos, signs, b);
        expect(same(a, b)).toBe(true);
        expect(helped.pairEnergy(pos, signs)).toBe(alone.pairEnergy(pos, signs));
        expect(helped.accumulateWithEnergy(pos, signs, b)).toBe(alone.accumulateWithEnergy(pos, signs, a));
        expect(same(a, b)).toBe(true);
      }
      // and the answer is the direct sum's (sampled: 40 particles)
      let worst = 0;
      let ms = 0;
      const g = new Float64Array(2);
      for (let s = 0; s < 40; s++) {
        const i = (s * 149) % n;
        let rx = 0;
        let ry = 0;
        for (let j = 0; j < n; j++) {
          if (j === i) continue;
          k.gradient(pos[2 * i] - pos[2 * j], pos[2 * i + 1] - pos[2 * j + 1], g, 0);
          rx -= signs[i] * signs[j] * g[0];
          ry -= signs[i] * signs[j] * g[1];
        }
        worst = Math.max(worst, Math.hypot(b[2 * i] - rx, b[2 * i + 1] - ry));
        ms += rx * rx + ry * ry;
      }
      expect(worst / Math.sqrt(ms / 40)).toBeLessThan(1e-7);
    });

  it('re-plans for a clustered configuration with the helper, and survives losing it', async () => {
    installNodeFastSumThreads();
    const k = makeKernel({ geometry: 'isotropic', core: 'gaussian', delta: 1e-3 });
    const n = 4000;
    const r = rng(17);
    const pos = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const a = 2 * Math.PI * r();
      const rr = 0.12 * Math.sqrt(r());
      pos[2 * i] = 0.3 + rr * Math.cos(a);
      pos[2 * i + 1] = 0.8 + rr * Math.sin(a);
    }
    const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
    const helped = createFastSum(k, n, { threads: 2 });
    expect(await helped.whenParallel()).toBe(true);
    installFastSumThreads(null);
    const alone = createFastSum(k, n, { threads: 2 });
    const a = new Float64Array(2 * n);
    const b = new Float64Array(2 * n);
    const m0 = helped.plan.M;
    for (let e = 0; e < 12; e++) {
      alone.accumulate(pos, signs, a);
      helped.accumulate(pos, signs, b);
      expect(same(a, b)).toBe(true);
    }
    expect(helped.plan.M).toBeGreaterThan(m0);
    // another evaluator takes the helper: the first computes its share itself, same bits
    installNodeFastSumThreads();
    const other = createFastSum(k, n, { threads: 2 });
    expect(await other.whenParallel()).toBe(true);
    alone.accumulate(pos, signs, a);
    helped.accumulate(pos, signs, b);
    expect(same(a, b)).toBe(true);
  });

  it('a helper that never runs (its core busy elsewhere) is not waited for: same bits, one thread', async () => {
    const k = makeKernel({ geometry: 'isotropic', core: 'gaussian', delta: 1e-3 });
    const n = 3000;
    const { pos, signs } = uniform(n, 5);
    // says it serves the block, then never runs a command: a thread the machine does not schedule
    installFastSumThreads({
      attach: (buffer, m) => Atomics.store(sharedViews(buffer, m).ctrl, CTRL.READY, 1),
    });
    const stuck = createFastSum(k, n, { threads: 2 });
    installFastSumThreads(null);
    const alone = createFastSum(k, n, { threads: 2 });
    expect(stuck.plan.near && nearChunks(stuck.plan.near.cells, stuck.plan.near.reach)).toBeGreaterThan(1);
    expect(await stuck.whenParallel()).toBe(true);
    const a = new Float64Array(2 * n);
    const b = new Float64Array(2 * n);
    for (let e = 0; e < 3; e++) {
      alone.accumulate(pos, signs, a);
      stuck.accumulate(pos, signs, b);
      expect(same(a, b)).toBe(true);
      expect(stuck.accumulateWithEnergy(pos, signs, b)).toBe(alone.accumulateWithEnergy(pos, signs, a));
      expect(same(a, b)).toBe(true);
      expect(stuck.pairEnergy(pos, signs)).toBe(alone.pairEnergy(pos, signs));
    }
  }, 20_000);
});
