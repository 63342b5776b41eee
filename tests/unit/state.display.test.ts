import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { CHECKPOINTS_PER_T } from '../../src/model/checkpoints';
import { ParticleEngine } from '../../src/model/engines/particleEngine';
import { PdeEngine } from '../../src/model/engines/pdeEngine';
import { cellAverages } from '../../src/model/init/cellAverages';
import { createPdeSolver } from '../../src/model/pde/solver';
import { encodeScenario } from '../../src/model/scenario/codec';
import { defaultScenario } from '../../src/model/scenario/defaults';
import { resolvePdeDelta } from '../../src/model/scenario/delta';
import { initialDensity } from '../../src/model/scenario/initial';
import type { DensityFrame, ParticleFrame } from '../../src/state/displayFrames';
import { densityAt, FrameBuffer, particlesAt } from '../../src/state/frameBuffer';

const scratch = mkdtempSync(join(tmpdir(), 'display-'));
const cli = (args: string[]) => runCli([...args, '--out', join(scratch, 'out.json')]);

function particleFrame(t: number, pos: number[]): ParticleFrame {
  const n = pos.length / 2;
  return {
    t,
    n,
    pos: Float64Array.from(pos),
    signs: new Int8Array(n).fill(1),
    near: new Float32Array(n),
    boundRadius: 0,
  };
}

describe('frames of the side that is ahead, shown at the display time', () => {
  it('keeps one frame at or before D and all after it; a frame at D is returned as it is', () => {
    const buf = new FrameBuffer<{ t: number; id: string }>(4);
    for (const [t, id] of [
      [0, 'a'],
      [0.1, 'b'],
      [0.2, 'c'],
      [0.3, 'd'],
    ] as const)
      buf.push({ t, id });
    expect(buf.around(0.15, 1e-12)).toEqual({ a: { t: 0.1, id: 'b' }, b: { t: 0.2, id: 'c' } });
    expect(buf.size).toBe(3); // the frame at 0 can never be needed again
    expect(buf.around(0.2 + 1e-14, 1e-12)).toEqual({ a: { t: 0.2, id: 'c' }, b: null });
    // a hot swap at the newest time replaces that state
    buf.push({ t: 0.3, id: 'd2' });
    expect(buf.latest).toEqual({ t: 0.3, id: 'd2' });
    // more frames ahead than the capacity: the oldest ahead go, the bracket stays valid
    for (let i = 4; i < 10; i++) buf.push({ t: i / 10, id: `x${i}` });
    expect(buf.size).toBe(4);
    const r = buf.around(0.25, 1e-12);
    expect(r?.a.t).toBeLessThanOrEqual(0.25);
    expect(r?.b?.t).toBeGreaterThan(0.25);
  });

  it('interpolates particles along the minimum image (across the border of the torus)', () => {
    const a = particleFrame(1, [0.98, 0.5, 0.2, 0.01]);
    const b = particleFrame(2, [0.02, 0.5, 0.3, 0.99]);
    const m = particlesAt(1.5, a, b);
    expect(m.t).toBe(1.5);
    const mod1 = (x: number) => Math.abs(x - Math.round(x));
    expect(mod1(m.pos[0])).toBeLessThan(1e-12); // 0.98 → 1.02 ≡ 0.02, halfway is 1.00 ≡ 0
    expect(m.pos[2]).toBeCloseTo(0.25, 12);
    expect(mod1(m.pos[3])).toBeLessThan(1e-12); // 0.01 → −0.01 ≡ 0.99
    for (const x of m.pos) expect(x >= 0 && x < 1).toBe(true);
    expect(particlesAt(1, a, null).pos).toBe(a.pos); // at a frame: its own array, its own bits
  });

  it('interpolates densities cell by cell', () => {
    const f = (t: number, v: number): DensityFrame => ({
      t,
      N: 2,
      rhoPlus: new Float32Array(4).fill(v),
      rhoMinus: new Float32Array(4).fill(2 * v),
    });
    const m = densityAt(0.25, f(0, 1), f(1, 3));
    expect(Array.from(m.rhoPlus)).toEqual([1.5, 1.5, 1.5, 1.5]);
    expect(Array.from(m.rhoMinus)).toEqual([3, 3, 3, 3]);
  });

  // Between checkpoints the side that is ahead shows the solution at D, interpolated between its
  // own states around D (slow playback stays smooth): compare with an accurate reference at D.
  it('an interpolated picture is the solution at D to display accuracy, far better than the state ahead', async () => {
    const s = defaultScenario();
    s.n = 80;
    s.T = 2; // checkpoints every 0.01: several steps between them
    s.delta = 0.1;
    s.pde.grid = 32;
    s.field.force = [0.3, 0];
    const h = s.T / CHECKPOINTS_PER_T;
    const tq = 0.0537;
    // targets as the runner makes them at rate 0.05 t/s and 15 ms ticks
    const targets: number[] = [];
    for (let t = 0.00075; t < 0.06; t += 0.00075) targets.push(t);
    const particles = new ParticleEngine();
    const pFrames = new FrameBuffer<ParticleFrame>(1000);
    const pr = particles.init(s, h);
    pFrames.push(particleFrame(0, Array.from(pr.pos)));
    const pde = new PdeEngine();
    const dFrames = new FrameBuffer<DensityFrame>(1000);
    dFrames.push(pde.init(s, h));
    for (const target of targets) {
      const r = particles.advance(target, Number.POSITIVE_INFINITY);
      pFrames.push(particleFrame(r.t, Array.from(r.pos)));
      dFrames.push(pde.advance(target, Number.POSITIVE_INFINITY));
    }
    const around = pFrames.around(tq, 1e-12)!;
    expect(around.b).not.toBeNull(); // tq really is between two states
    const shown = particlesAt(tq, around.a, around.b);
    const ref = (await cli([
      'run',
      '--in',
      encodeScenario(s),
      '--T',
      String(tq),
      '--rtol',
      '1e-11',
      '--atol',
      '1e-14',
    ])) as { particles: [number, number, number][] };
    const dist = (a: number, b: number) => Math.abs(a - b - Math.round(a - b));
    let err = 0;
    let overshoot = 0;
    ref.particles.forEach(([x, y], i) => {
      err = Math.max(err, dist(x, shown.pos[2 * i]), dist(y, shown.pos[2 * i + 1]));
      overshoot = Math.max(overshoot, dist(x, around.b!.pos[2 * i]), dist(y, around.b!.pos[2 * i + 1]));
    });
    expect(err).toBeLessThan(1e-3);
    expect(err).toBeLessThan(overshoot / 5);

    const dAround = dFrames.around(tq, 1e-12)!;
    expect(dAround.b).not.toBeNull();
    const rho = densityAt(tq, dAround.a, dAround.b);
    const rho0 = cellAverages(initialDensity(s), s.pde.grid);
    const solver = createPdeSolver({ ...s, delta: resolvePdeDelta(s), N: s.pde.grid, ...rho0, t0: 0 });
    solver.advanceTo(tq);
    let rhoErr = 0;
    let rhoOvershoot = 0;
    for (let i = 0; i < solver.rhoPlus.length; i++) {
      rhoErr = Math.max(rhoErr, Math.abs(rho.rhoPlus[i] - solver.rhoPlus[i]));
      rhoOvershoot = Math.max(rhoOvershoot, Math.abs(dAround.b!.rhoPlus[i] - solver.rhoPlus[i]));
    }
    expect(rhoErr).toBeLessThan(1e-3);
    expect(rhoErr).toBeLessThan(rhoOvershoot / 5);
    console.log(
      `display at t = ${tq}: particles ${err.toExponential(2)} (state ahead ${overshoot.toExponential(2)}), ρ+ ${rhoErr.toExponential(2)} (ahead ${rhoOvershoot.toExponential(2)})`,
    );
  });
});
