/**
 * Structural properties of the integrators: symmetries of the dynamics, conservation of Σ x_i
 * when U = 0 and F = 0, energy monotonicity at every accepted step, the Stepper API contract.
 */
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/model/dynamics/createSystem';
import type { ParticleSystem } from '../../src/model/dynamics/particleSystem';
import { createStepper, type IntegratorOptions, integrate, LAMBDA_SWITCH } from '../../src/model/integrate';
import { makeKernel } from '../../src/model/kernels';
import type { ExternalField, InteractionSpec } from '../../src/model/types';
import { rng } from './testRng';

function randomConfig(n: number, seed: number): { pos: Float64Array; signs: Int8Array } {
  const r = rng(seed);
  const pos = Float64Array.from({ length: 2 * n }, () => r());
  const signs = Int8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1));
  return { pos, signs };
}

function minImageDistance(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i += 2) {
    let dx = a[i] - b[i];
    let dy = a[i + 1] - b[i + 1];
    dx -= Math.round(dx);
    dy -= Math.round(dy);
    worst = Math.max(worst, Math.hypot(dx, dy));
  }
  return worst;
}

const ISO: InteractionSpec = { geometry: 'isotropic', core: 'gaussian', delta: 0.05 };
const SLIP: InteractionSpec = { geometry: 'slip', core: 'plummer', delta: 0.04 };
const isoKernel = makeKernel(ISO);
const slipKernel = makeKernel(SLIP);
const kernelOf = (spec: InteractionSpec) => (spec.geometry === 'slip' ? slipKernel : isoKernel);

const FIELD: ExternalField = {
  modes: [
    { a: 0.4, p: 1, q: 1, phi: 0.3 },
    { a: 0.2, p: 2, q: -1, phi: 1.1 },
  ],
  force: [0, 0],
};
const OPTS: IntegratorOptions = { method: 'explicit', rtol: 1e-10, atol: 1e-12 };
const T = 0.05;

describe('symmetries of the trajectory', () => {
  for (const spec of [ISO, SLIP]) {
    const { pos, signs } = randomConfig(10, 7);
    const base = integrate(createSystem(spec, FIELD, signs, kernelOf(spec)), pos, T, OPTS);

    it(`${spec.geometry}: translation on the torus (U's phases shifted along)`, () => {
      const c = [0.3137, 0.6781];
      const shifted = Float64Array.from(pos, (v, k) => v + c[k & 1]);
      const field: ExternalField = {
        modes: FIELD.modes.map((m) => ({ ...m, phi: m.phi + 2 * Math.PI * (m.p * c[0] + m.q * c[1]) })),
        force: [0, 0],
      };
      const r = integrate(createSystem(spec, field, signs, kernelOf(spec)), shifted, T, OPTS);
      const expected = Float64Array.from(base.unwrapped, (v, k) => v + c[k & 1]);
      expect(minImageDistance(r.pos, expected)).toBeLessThan(1e-9);
    });

    it(`${spec.geometry}: reflection x₁ → −x₁ (U reflected)`, () => {
      const mirrored = Float64Array.from(pos, (v, k) => ((k & 1) === 0 ? -v : v));
      const field: ExternalField = { modes: FIELD.modes.map((m) => ({ ...m, p: -m.p })), force: [0, 0] };
      const r = integrate(createSystem(spec, field, signs, kernelOf(spec)), mirrored, T, OPTS);
      const expected = Float64Array.from(base.unwrapped, (v, k) => ((k & 1) === 0 ? -v : v));
      expect(minImageDistance(r.pos, expected)).toBeLessThan(1e-9);
    });

    it(`${spec.geometry}: flipping every sign with U → −U, F → −F`, () => {
      const fieldF: ExternalField = { modes: FIELD.modes, force: [0.7, -0.4] };
      const a = integrate(createSystem(spec, fieldF, signs, kernelOf(spec)), pos, T, OPTS);
      const flipped: ExternalField = {
        modes: FIELD.modes.map((m) => ({ ...m, a: -m.a })),
        force: [-0.7, 0.4],
      };
      const minus = Int8Array.from(signs, (b) => -b);
      const b = integrate(createSystem(spec, flipped, minus, kernelOf(spec)), pos, T, OPTS);
      expect(minImageDistance(a.pos, b.pos)).toBeLessThan(1e-13);
    });
  }
});

describe('conservation of Σ x_i (U = 0, F = 0)', () => {
  const none: ExternalField = { modes: [], force: [0, 0] };
  for (const method of ['explicit', 'stiff', 'multirate'] as const) {
    for (const spec of [ISO, SLIP]) {
      it(`${method}, ${spec.geometry}`, () => {
        const { pos, signs } = randomConfig(16, 11);
        // Two close ± pairs so that the stiff method has non-trivial clusters.
        pos.set([0.5, 0.5, 0.5 + 0.3 * spec.delta, 0.5 + 0.2 * spec.delta], 0);
        const sum = (y: Float64Array, c: number) => y.reduce((s, v, k) => ((k & 1) === c ? s + v : s), 0);
        const r = integrate(createSystem(spec, none, signs, kernelOf(spec)), pos, 0.2, {
          method,
          rtol: 1e-6,
          atol: 1e-9,
        });
        expect(Math.abs(sum(r.unwrapped, 0) - sum(pos, 0))).toBeLessThan(1e-10);
        expect(Math.abs(sum(r.unwrapped, 1) - sum(pos, 1))).toBeLessThan(1e-10);
      });
    }
  }
});

/** E_n(t_{k+1}) ≤ E_n(t_k) + round-off at every accepted step. */
function assertMonotone(energy: Array<[number, number]>): number {
  let worst = Number.NEGATIVE_INFINITY;
  for (let k = 1; k < energy.length; k++) {
    const inc = energy[k][1] - energy[k - 1][1];
    worst = Math.max(worst, inc);
    expect(inc).toBeLessThanOrEqual(3e-13 * (1 + Math.abs(energy[k - 1][1])));
  }
  return worst;
}

describe('energy is non-increasing at every accepted step (F = 0)', () => {
  const cases: Array<[string, InteractionSpec, number]> = [
    ['iso random', ISO, 1],
    ['iso random', ISO, 2],
    ['slip random', SLIP, 3],
    ['slip random', SLIP, 4],
  ];
  for (const method of ['explicit', 'stiff', 'auto', 'multirate'] as const) {
    for (const [label, spec, seed] of cases) {
      it(`${method}: ${label} (seed ${seed})`, () => {
        const { pos, signs } = randomConfig(24, seed);
        const sys = createSystem(spec, FIELD, signs, kernelOf(spec));
        const r = integrate(sys, pos, 0.3, { method, rtol: 1e-5, atol: 1e-7 });
        expect(r.energy.length).toBe(r.steps + 1);
        assertMonotone(r.energy);
        expect(r.energy[r.energy.length - 1][1]).toBeLessThan(r.energy[0][1]);
      });
    }
  }
});

describe('with an applied force F the tilted energy E_n − (1/n)Σ b_i F·x_i is non-increasing', () => {
  for (const method of ['explicit', 'stiff', 'multirate'] as const) {
    for (const spec of [ISO, SLIP]) {
      it(`${method}, ${spec.geometry}`, () => {
        const { pos, signs } = randomConfig(16, 21);
        const field: ExternalField = { modes: FIELD.modes, force: [1.5, -0.8] };
        const sys = createSystem(spec, field, signs, kernelOf(spec));
        const s = createStepper(sys, pos, { method, rtol: 1e-5, atol: 1e-7 });
        const tilted = () => {
          let w = 0;
          for (let i = 0; i < 16; i++)
            w += signs[i] * (1.5 * s.unwrapped[2 * i] - 0.8 * s.unwrapped[2 * i + 1]);
          return s.energy() - w / 16;
        };
        let prev = tilted();
        while (s.t < 0.2) {
          s.stepToward(0.2);
          const e = tilted();
          expect(e - prev).toBeLessThanOrEqual(3e-13 * (1 + Math.abs(prev) + 10));
          prev = e;
        }
      });
    }
  }
});

describe('Stepper API', () => {
  const { pos, signs } = randomConfig(12, 5);
  const sys = createSystem(ISO, FIELD, signs, isoKernel);

  it('advanceTo lands exactly, wrapped() is in [0,1)², unwrapped is live, counters add up', () => {
    const s = createStepper(sys, pos, { method: 'auto', rtol: 1e-6, atol: 1e-9 });
    const view = s.unwrapped;
    for (const t of [0.013, 0.05, 0.05, 0.2]) {
      s.advanceTo(t);
      expect(s.t).toBe(t);
    }
    expect(s.unwrapped).toBe(view);
    const w = s.wrapped();
    for (const v of w) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
    for (let k = 0; k < w.length; k++)
      expect(Math.abs(w[k] - (view[k] - Math.floor(view[k])))).toBeLessThan(1e-15);
    expect(s.energy()).toBeCloseTo(sys.energy(view), 14);
    expect(s.method).toBe('explicit');
    expect(() => s.advanceTo(0.1)).toThrow(/back/);
    const h = s.step();
    expect(h).toBeGreaterThan(0);
    expect(s.t).toBeCloseTo(0.2 + h, 15);
  });

  it('step clipping does not change the trajectory beyond the tolerance', () => {
    const a = createStepper(sys, pos, { method: 'explicit', rtol: 1e-10, atol: 1e-12 });
    const b = createStepper(sys, pos, { method: 'explicit', rtol: 1e-10, atol: 1e-12 });
    a.advanceTo(0.2);
    for (let k = 1; k <= 40; k++) b.advanceTo(k * 0.005);
    expect(minImageDistance(a.unwrapped, b.unwrapped)).toBeLessThan(1e-9);
  });

  it('integrate reports (t, E_n) at t = 0 and every accepted step, and calls onStep alike', () => {
    const seen: number[] = [];
    const r = integrate(sys, pos, 0.1, { method: 'explicit', rtol: 1e-6, atol: 1e-9 }, (t) => seen.push(t));
    expect(r.energy[0]).toEqual([0, sys.energy(pos)]);
    expect(r.energy.map((e) => e[0])).toEqual(seen);
    expect(r.energy[r.energy.length - 1][0]).toBe(0.1);
    expect(minImageDistance(r.pos, r.unwrapped)).toBe(0);
  });

  it('a non-finite state throws a clear Error; so do maxSteps and bad input', () => {
    const broken: ParticleSystem = {
      ...sys,
      velocities(p, out) {
        sys.velocities(p, out);
        if (p[0] - pos[0] > 1e-3 || p[0] - pos[0] < -1e-3) out[0] = Number.NaN;
      },
    };
    expect(() => integrate(broken, pos, 1, { method: 'explicit', rtol: 1e-6, atol: 1e-9 })).toThrow(
      /non-finite/,
    );
    expect(() =>
      integrate(sys, pos, 1, { method: 'explicit', rtol: 1e-12, atol: 1e-14, maxSteps: 20 }),
    ).toThrow(/maxSteps/);
    const bad = Float64Array.from(pos);
    bad[3] = Number.POSITIVE_INFINITY;
    expect(() => createStepper(sys, bad, OPTS)).toThrow(/non-finite/);
  });

  it('auto: explicit for smooth data, multirate for a near ± pair; forced methods are honoured', () => {
    expect(createStepper(sys, pos, { method: 'auto', rtol: 1e-6, atol: 1e-9 }).method).toBe('explicit');
    const close = Float64Array.from(pos);
    close.set([0.4, 0.4, 0.4 + 0.5 * ISO.delta * 0.02, 0.4], 0);
    const spec = { ...ISO, delta: ISO.delta * 0.02 };
    const tight = createSystem(spec, FIELD, signs, makeKernel(spec));
    const s = createStepper(tight, close, { method: 'auto', rtol: 1e-6, atol: 1e-9 });
    expect(s.stiffness).toBeGreaterThan(LAMBDA_SWITCH);
    // a near pair stiff at t = 0: the multirate method (integrate/stepper.ts, initialPairStiffness)
    expect(s.method).toBe('multirate');
    expect(createStepper(tight, close, { method: 'explicit', rtol: 1e-6, atol: 1e-9 }).method).toBe(
      'explicit',
    );
    expect(createStepper(sys, pos, { method: 'stiff', rtol: 1e-6, atol: 1e-9 }).method).toBe('stiff');
  });

  it('auto: multirate from t = 0 for i.i.d. data with δ = 1/n (fast pairs, stiffness above LAMBDA_SWITCH/10), not under a stiff U', () => {
    const n = 300;
    const iid = randomConfig(n, 9);
    const spec = { ...ISO, delta: 1 / n };
    const kernel = makeKernel(spec);
    const opts = { method: 'auto' as const, rtol: 1e-6, atol: 1e-9 };
    const mild = createStepper(createSystem(spec, FIELD, iid.signs, kernel), iid.pos, opts);
    expect(mild.stiffness).toBeGreaterThan(LAMBDA_SWITCH / 10);
    expect(mild.stiffness).toBeLessThan(LAMBDA_SWITCH);
    expect(mild.method).toBe('multirate');
    // D²U alone beyond LAMBDA_SWITCH: the W-method treats it implicitly, the multirate method would not
    const strong: ExternalField = { modes: [{ a: 30, p: 1, q: 0, phi: 0 }], force: [0, 0] };
    expect(createStepper(createSystem(spec, strong, iid.signs, kernel), iid.pos, opts).method).toBe('stiff');
  });
});
