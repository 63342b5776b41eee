import { describe, expect, it } from 'vitest';
import { CHECKPOINTS_PER_T } from '../../src/model/checkpoints';
import { ParticleEngine } from '../../src/model/engines/particleEngine';
import { PdeEngine } from '../../src/model/engines/pdeEngine';
import { defaultScenario } from '../../src/model/scenario/defaults';
import type { Scenario } from '../../src/model/scenario/types';
import { createDiagnosticSeries } from '../../src/state/diagnosticSeries';
import { createFrameStore, type DisplayFrame } from '../../src/state/displayFrames';
import { PaceMeter } from '../../src/state/paceMeter';
import { SimulationRunner } from '../../src/state/simulationRunner';
import { createSpectrumJoin } from '../../src/state/spectrumJoin';
import type { RunState } from '../../src/state/store';

// The runner with the real engines in-process (the app runs the same engines in two workers).
// One side is made slow the way a loaded machine makes it: fewer steps per call, late replies.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Slowness {
  /** Extra delay before each reply (ms) and the work budget per call (0: one step per call). */
  delayMs: number;
  budgetMs?: number;
}

interface Engine<Init, Reply> {
  init(s: Scenario, h: number): Init;
  update(s: Scenario): Init;
  reset(): Reply;
  advance(target: number, budgetMs: number): Reply;
}

/** An engine behind the worker API, answering as late as `slow` says. */
function link<Init, Reply>(engine: Engine<Init, Reply>, slow: Slowness) {
  const api = {
    holdLifeLock: async () => false,
    init: async (s: Scenario, h: number) => engine.init(s, h),
    update: async (s: Scenario) => engine.update(s),
    reset: async () => engine.reset(),
    advance: async (target: number, budget: number) => {
      await sleep(slow.delayMs);
      return engine.advance(target, slow.budgetMs ?? budget);
    },
  };
  return { api, terminate() {} };
}

function setup(particles: Slowness, pde: Slowness) {
  const series = createDiagnosticSeries();
  const frames = createFrameStore();
  const run: Partial<RunState> = {};
  const runner = new SimulationRunner({
    spawnParticles: () => link(new ParticleEngine(), particles),
    spawnPde: () => link(new PdeEngine(), pde),
    series,
    spectra: createSpectrumJoin(series),
    frames,
    report: (p) => Object.assign(run, p),
  });
  /** Beat the clock every ~5 ms until `done` (or the time runs out). */
  const beat = async (done: () => boolean, maxMs: number) => {
    const end = performance.now() + maxMs;
    while (!done() && performance.now() < end) {
      runner.tick(performance.now());
      await sleep(5);
    }
    return done();
  };
  return { series, frames, run, runner, beat };
}

function scenario(): Scenario {
  const s = defaultScenario();
  s.n = 100;
  s.delta = 0.05;
  s.T = 0.2;
  s.pde.grid = 32;
  s.rate = 0.2;
  return s;
}

describe('one clock: both pictures at one time', () => {
  it('the faster side waits at the display; pause lands both on one checkpoint with their own states', async () => {
    const s = scenario();
    const h = s.T / CHECKPOINTS_PER_T;
    // The PDE takes one step per call and answers late: at most h per 30 ms, 0.033 t/s < rate 0.2.
    const lab = setup({ delayMs: 0 }, { delayMs: 30, budgetMs: 0 });
    const seen: DisplayFrame[] = [];
    let particlesAhead = 0;
    let computedOk = true;
    lab.frames.subscribe(() => {
      const f = lab.frames.current;
      if (!f) return;
      seen.push(f);
      const computed = lab.runner.computedTimes();
      // never a picture later than what the slower side has computed
      if (f.t > computed.particles + 1e-12 || f.t > (computed.pde ?? 0) + 1e-12) computedOk = false;
      if (computed.particles > f.t + 1e-9) particlesAhead++;
    });
    await lab.runner.load(s);
    lab.runner.play();
    await lab.beat(() => lab.run.pace != null, 6000);
    expect(computedOk).toBe(true);
    for (const f of seen) {
      expect(f.particles?.t).toBe(f.t);
      expect(f.density?.t).toBe(f.t);
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i].t).toBeGreaterThanOrEqual(seen[i - 1].t);
    expect(particlesAhead).toBeGreaterThan(5); // the particles did run ahead and were held back
    expect(seen[seen.length - 1].t).toBeGreaterThan(5 * h);
    // the header names the slow side and a rate below the one asked for
    expect(lab.run.pace?.limitedBy).toBe('pde');
    expect(lab.run.pace?.achieved).toBeLessThan(0.04);

    lab.runner.pause();
    expect(await lab.beat(() => lab.run.status === 'paused', 10_000)).toBe(true);
    const f = lab.frames.current!;
    const k = Math.round(f.t / h);
    expect(f.t).toBe(k * h);
    expect(f.particles?.t).toBe(f.t);
    expect(f.density?.t).toBe(f.t);
    const c = lab.runner.computedTimes();
    expect(Math.abs(c.particles - f.t)).toBeLessThan(1e-12);
    expect(Math.abs((c.pde ?? 0) - f.t)).toBeLessThan(1e-12);
    // at the checkpoint the pictures are the states themselves: those of an engine run straight there
    const p = new ParticleEngine();
    p.init(s, h);
    expect(Array.from(f.particles!.pos)).toEqual(Array.from(p.advance(k * h, Number.POSITIVE_INFINITY).pos));
    const d = new PdeEngine();
    d.init(s, h);
    const rho = d.advance(k * h, Number.POSITIVE_INFINITY);
    expect(Array.from(f.density!.rhoPlus)).toEqual(Array.from(rho.rhoPlus));
    // and nothing moves any more
    const before = lab.frames.current;
    await lab.beat(() => false, 150);
    expect(lab.frames.current).toBe(before);
    lab.runner.dispose();
  }, 30_000);

  it('a change of the physics while playing takes effect on both sides at one checkpoint', async () => {
    const s = scenario();
    const h = s.T / CHECKPOINTS_PER_T;
    const lab = setup({ delayMs: 0 }, { delayMs: 0 });
    await lab.runner.load(s);
    lab.runner.play();
    await lab.beat(() => lab.runner.clock() > 10 * h, 8000);
    const next = structuredClone(s);
    next.field.force = [0.5, 0];
    const applied = lab.runner.apply(s, next);
    await lab.beat(() => lab.run.changedAt != null, 8000);
    await applied;
    const at = lab.run.changedAt!;
    expect(Math.abs(at / h - Math.round(at / h))).toBeLessThan(1e-9);
    // it plays on after the change
    expect(lab.run.status).toBe('playing');
    await lab.beat(() => lab.runner.clock() > at + 3 * h, 8000);
    expect(lab.runner.clock()).toBeGreaterThan(at + 3 * h);
    lab.runner.dispose();
  }, 30_000);

  it('step advances both pictures by exactly one checkpoint interval', async () => {
    const s = scenario();
    const h = s.T / CHECKPOINTS_PER_T;
    const lab = setup({ delayMs: 0 }, { delayMs: 5, budgetMs: 0 });
    await lab.runner.load(s);
    for (let i = 1; i <= 3; i++) {
      lab.runner.step();
      expect(await lab.beat(() => lab.run.status === 'paused', 8000)).toBe(true);
      const f = lab.frames.current!;
      expect(f.t).toBe(i * h);
      expect(f.density?.t).toBe(i * h);
    }
    lab.runner.dispose();
  });
});

describe('pace meter', () => {
  const rate = 1;
  const feed = (m: PaceMeter, f: (i: number) => [number, number, number, number | null]) => {
    for (let i = 0; i <= 100; i++) {
      const [shown, target, p, d] = f(i);
      m.sample(i * 20, shown, target, p, d);
    }
  };

  it('says nothing while the rate is kept', () => {
    const m = new PaceMeter();
    feed(m, (i) => [i * 0.02, i * 0.02, i * 0.02 + 0.01, i * 0.02]);
    expect(m.pace(rate, false)).toBeNull();
  });

  it('names the side whose newest state is the display time while the target is further on', () => {
    const m = new PaceMeter();
    // shown advances at 0.25 t/s; the PDE sits at the display time, the particles are ahead
    feed(m, (i) => [i * 0.005, i * 0.005 + 0.08, i * 0.005 + 0.05, i * 0.005]);
    const pace = m.pace(rate, false);
    expect(pace?.limitedBy).toBe('pde');
    expect(pace?.achieved).toBeCloseTo(0.25, 10);
    const q = new PaceMeter();
    feed(q, (i) => [i * 0.005, i * 0.005 + 0.08, i * 0.005, null]);
    expect(q.pace(rate, false)?.limitedBy).toBe('particles');
  });

  it('blames the page when neither side is behind the target (a starved timer)', () => {
    const m = new PaceMeter();
    feed(m, (i) => [i * 0.002, i * 0.002, i * 0.002 + 0.01, i * 0.002 + 0.01]);
    expect(m.pace(rate, false)?.limitedBy).toBe('page');
    expect(m.pace(rate, true)).toBeNull(); // near T nothing is said (the clock stops there)
  });
});
