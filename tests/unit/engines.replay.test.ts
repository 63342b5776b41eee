import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { CHECKPOINTS_PER_T } from '../../src/model/checkpoints';
import { ParticleEngine } from '../../src/model/engines/particleEngine';
import { PdeEngine } from '../../src/model/engines/pdeEngine';
import { encodeScenario } from '../../src/model/scenario/codec';
import { defaultScenario } from '../../src/model/scenario/defaults';
import type { Scenario } from '../../src/model/scenario/types';
import { PRESETS } from '../../src/state/presets';

// The app asks the workers for "advance to the target" with targets that follow the wall clock
// and budgets that cut calls short. A shared link must replay the same run on any machine, so the
// state at each checkpoint may depend on the scenario only, not on how the calls were sliced.

/** The CLI in-process, its JSON written to a scratch file (not to the test log). */
const scratch = mkdtempSync(join(tmpdir(), 'replay-'));
const cli = (args: string[]) => runCli([...args, '--out', join(scratch, 'out.json')]);

function scenario(): Scenario {
  const s = defaultScenario();
  s.n = 80;
  s.delta = 0.05;
  s.T = 0.2;
  s.pde.grid = 32;
  s.field.force = [0.3, 0];
  return s;
}

/** A seeded sequence of increasing targets, like the runner's wall-clock-driven ones. */
function jaggedTargets(end: number, seed: number): number[] {
  let x = seed;
  const rand = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const out: number[] = [];
  let t = 0;
  while (t < end) {
    t = Math.min(end, t + (rand() * end) / 5);
    out.push(t);
  }
  return out;
}

interface Engine<R extends { t: number; checkpoints: { k: number; energy: number }[] }> {
  init(s: Scenario, h: number): R;
  advance(target: number, budgetMs: number): R;
}

function drive<R extends { t: number; checkpoints: { k: number; energy: number }[] }>(
  engine: Engine<R>,
  s: Scenario,
  targets: number[],
  budgetMs: number,
) {
  const h = s.T / CHECKPOINTS_PER_T;
  const energies = new Map<number, number>();
  const record = (r: R) => {
    for (const c of r.checkpoints) energies.set(c.k, c.energy);
  };
  let last = engine.init(s, h);
  record(last);
  for (const target of targets) {
    do {
      last = engine.advance(target, budgetMs);
      record(last);
    } while (budgetMs === 0 && last.t < target - 1e-12);
    // the state may run ahead of the target, never past the next checkpoint
    expect(last.t).toBeGreaterThanOrEqual(target - 1e-12);
    expect(last.t).toBeLessThanOrEqual(Math.ceil(target / h - 1e-9) * h + 1e-12);
  }
  return { last, energies };
}

describe('a run does not depend on how the app slices it', () => {
  const end = 0.06; // checkpoint k = 60 of T/200 = 0.001

  it('particles: one call to t = 0.06 and ~10 jagged calls with a zero budget agree bit for bit', () => {
    const s = scenario();
    const straight = drive(new ParticleEngine(), s, [end], Number.POSITIVE_INFINITY);
    const jagged = drive(new ParticleEngine(), s, jaggedTargets(end, 7), 0);
    expect(jagged.last.t).toBe(straight.last.t);
    expect(Array.from(jagged.last.pos)).toEqual(Array.from(straight.last.pos));
    expect(jagged.energies.size).toBe(61);
    for (const [k, e] of straight.energies) expect(jagged.energies.get(k)).toBe(e);
    // and the run did move: the test is not comparing two copies of the initial data
    const start = new ParticleEngine().init(s, s.T / CHECKPOINTS_PER_T).pos;
    let moved = 0;
    for (let i = 0; i < start.length; i++) moved = Math.max(moved, Math.abs(start[i] - straight.last.pos[i]));
    expect(moved).toBeGreaterThan(1e-3);
  });

  it('PDE: the same for the densities and the continuum energy at every checkpoint', () => {
    const s = scenario();
    const straight = drive(new PdeEngine(), s, [end], Number.POSITIVE_INFINITY);
    const jagged = drive(new PdeEngine(), s, jaggedTargets(end, 11), 0);
    expect(jagged.last.t).toBe(straight.last.t);
    expect(Array.from(jagged.last.rhoPlus)).toEqual(Array.from(straight.last.rhoPlus));
    expect(Array.from(jagged.last.rhoMinus)).toEqual(Array.from(straight.last.rhoMinus));
    expect(jagged.energies.size).toBe(61);
    for (const [k, e] of straight.energies) expect(jagged.energies.get(k)).toBe(e);
  });

  it('the CLI with --replay lands on the particles the app shows at that checkpoint, bit for bit', async () => {
    const s = scenario();
    const app = drive(new ParticleEngine(), s, jaggedTargets(end, 3), 0);
    const replay = (await cli(['run', '--in', encodeScenario(s), '--T', String(end), '--replay'])) as {
      particles: [number, number, number][];
    };
    const plain = (await cli(['run', '--in', encodeScenario(s), '--T', String(end)])) as typeof replay;
    const pos = replay.particles.flatMap((p) => p.slice(0, 2));
    expect(pos).toEqual(Array.from(app.last.pos));
    // without --replay the CLI takes its own (fewer, longer) steps: same run to tolerance, other bits
    let diff = 0;
    plain.particles.forEach(([x, y], i) => {
      diff = Math.max(diff, Math.abs(x - replay.particles[i][0]), Math.abs(y - replay.particles[i][1]));
    });
    expect(diff).toBeGreaterThan(0);
    expect(diff).toBeLessThan(1e-4);
  });

  it("with --pde too: the densities and both sides at every sample are the app workers' states", async () => {
    const s = scenario();
    const h = s.T / CHECKPOINTS_PER_T;
    const particles = drive(new ParticleEngine(), s, jaggedTargets(end, 5), 0);
    const pde = drive(new PdeEngine(), s, jaggedTargets(end, 9), 0);
    const link = encodeScenario(s);
    const out = (await cli([
      'run',
      '--in',
      link,
      '--T',
      String(end),
      '--replay',
      '--pde',
      '--samples',
      '6',
      '--fields',
      '+grids',
    ])) as {
      particles: [number, number, number][];
      rhoPlus: number[];
      rhoMinus: number[];
      energy: [number, number][];
      pdeEnergy: [number, number][];
    };
    expect(out.particles.flatMap((p) => p.slice(0, 2))).toEqual(Array.from(particles.last.pos));
    expect(Array.from(Float32Array.from(out.rhoPlus))).toEqual(Array.from(pde.last.rhoPlus));
    expect(Array.from(Float32Array.from(out.rhoMinus))).toEqual(Array.from(pde.last.rhoMinus));
    // samples every 10 checkpoints: both energies there are the workers' checkpoint energies
    expect(out.energy.map(([t]) => Math.round(t / h))).toEqual([0, 10, 20, 30, 40, 50, 60]);
    const at = (series: [number, number][], energies: Map<number, number>) =>
      series.map(([t]) => energies.get(Math.round(t / h)));
    expect(out.energy.map(([, e]) => e)).toEqual(at(out.energy, particles.energies));
    expect(out.pdeEnergy.map(([, e]) => e)).toEqual(at(out.pdeEnergy, pde.energies));
    // sample times off the checkpoint grid are refused, naming the flag
    await expect(cli(['run', '--in', link, '--T', '0.0605', '--replay', '--pde'])).rejects.toThrow(
      /T must be/,
    );
    await expect(
      cli(['run', '--in', link, '--T', String(end), '--replay', '--pde', '--samples', '7']),
    ).rejects.toThrow(/samples must divide/);
  });

  // The presets cover the stiff integrator (short dipoles, both geometries), `auto` switching,
  // the fast pair sum (n ≥ 256) and a force: the replay holds through all of them.
  // (the 1D presets are not here: `run` on the circle takes its own steps, --replay is 2D only)
  it.each(PRESETS.filter((p) => p.scenario.dimension !== 1).map((p) => [p.id, p.scenario] as const))(
    'preset %s: the app run and run --replay agree at t_6',
    async (_id, s) => {
      const t6 = 6 * (s.T / CHECKPOINTS_PER_T);
      const app = drive(new ParticleEngine(), s, jaggedTargets(t6, 13), 0);
      const replay = (await cli(['run', '--in', encodeScenario(s), '--T', String(t6), '--replay'])) as {
        particles: [number, number, number][];
      };
      expect(replay.particles.flatMap((p) => p.slice(0, 2))).toEqual(Array.from(app.last.pos));
    },
  );
});
