/**
 * Noise through everything a user runs (MATH §13): the CLI's `run` (cfg `"temperature"`, `"seed"`;
 * scenario `th`, `ns`), `run --pde` and the app's particle and PDE workers (ParticleEngine,
 * PdeEngine), all through the one stepper choice (createRunStepper, createPdeSolver).
 * Oracles: free diffusion's MSD 2θt per coordinate; the same cfg or link gives the same path bit
 * for bit whatever the stops (plain, --replay's checkpoint grid, --pde's sample times, the app
 * engine's budgeted chunks); the seed changes the path; the PDE's free energy does not increase.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { ParticleEngine } from '../../src/model/engines/particleEngine';
import { PdeEngine } from '../../src/model/engines/pdeEngine';
import { decodeScenario } from '../../src/model/scenario/codec';
import type { Scenario } from '../../src/model/scenario/types';
import { rng } from './testRng';

const dir = mkdtempSync(join(tmpdir(), 'cli-noise-'));
const out = join(dir, 'out.json');

type RunOut = { particles: number[][]; steps: number; energy: number[][]; pdeFreeEnergy?: number[][] };
const run = async (args: string[]) => (await runCli(['run', ...args, '--out', out])) as RunOut;

function cfgFile(name: string, cfg: object): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(cfg));
  return file;
}

function scenario(link: string): Scenario {
  const r = decodeScenario(link);
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}

/** Minimum-image displacement on [0,1). */
const wrapD = (d: number) => d - Math.round(d);

describe('noise through the CLI and the app engines', () => {
  // n = 2000 alternating signs, uniform, gaussian δ = 0.02, θ = 0.1, T = 0.05: the drift
  // (|v| ≲ n^{-1/2}·√(2π log(1/δ)) ≈ 0.11 far, ≤ 1/(nδ) = 0.025 in a pair) moves a particle by
  // ≲ 6e-3 against √(2θT) = 0.1 of noise, a bias (|v|T)²/(2θT) ≲ 4e-3 of the MSD. 2000 samples per
  // coordinate: the mean square has relative sd √(2/2000) = 3.2%; tolerance 4 sd (12.6%). Power: a
  // θ wrong by 25% (or noise on one coordinate only) lies ≥ 3.9 sd beyond the edge.
  it('run (cfg): free particles spread with MSD 2θt per coordinate', async () => {
    const n = 2000;
    const r = rng(11);
    const particles = Array.from({ length: n }, (_, i) => [r(), r(), i % 2 ? 1 : -1]);
    const theta = 0.1;
    const T = 0.05;
    const file = cfgFile('free.json', { delta: 0.02, particles, temperature: theta, seed: 3 });
    const res = await run(['--in', file, '--T', String(T)]);
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      sx += wrapD(res.particles[i][0] - particles[i][0]) ** 2;
      sy += wrapD(res.particles[i][1] - particles[i][1]) ** 2;
    }
    const relX = sx / n / (2 * theta * T) - 1;
    const relY = sy / n / (2 * theta * T) - 1;
    console.log(`CLI free MSD/(2θt) − 1: x ${relX.toFixed(4)}, y ${relY.toFixed(4)}`);
    const tol = 4 * Math.sqrt(2 / n);
    expect(Math.abs(relX)).toBeLessThan(tol);
    expect(Math.abs(relY)).toBeLessThan(tol);
  });

  const particles = [
    [0.2, 0.3, 1],
    [0.2, 0.303, -1],
    [0.6, 0.7, 1],
    [0.65, 0.2, -1],
    [0.1, 0.9, 1],
    [0.8, 0.55, -1],
  ];

  it('run (cfg): same cfg, same path bit for bit; another seed, another path; θ = 0 is the old run', async () => {
    const base = { geometry: 'slip', delta: 0.01, U: { modes: [{ a: 0.5, p: 1, q: 0, phi: 0 }] }, particles };
    const a = await run(['--in', cfgFile('a.json', { ...base, temperature: 0.01, seed: 5 }), '--T', '0.1']);
    const b = await run(['--in', cfgFile('b.json', { ...base, temperature: 0.01, seed: 5 }), '--T', '0.1']);
    const c = await run(['--in', cfgFile('c.json', { ...base, temperature: 0.01, seed: 6 }), '--T', '0.1']);
    expect(a.particles).toEqual(b.particles);
    expect(a.particles).not.toEqual(c.particles);
    // the result states the noise: θ, seed, a dyadic grid step, (δ/ℓ)^{1/(nθ)−2} with ℓ = n^{-1/2}
    const noise = (a as unknown as { noise: Record<string, number> }).noise;
    expect(noise.temperature).toBe(0.01);
    expect(noise.seed).toBe(5);
    expect(Number.isInteger(Math.log2(noise.dt))).toBe(true);
    expect(noise.dt).toBeLessThanOrEqual(1 / (8 * particles.length * 0.01));
    const factor = (0.01 / particles.length ** -0.5) ** (1 / (particles.length * 0.01) - 2);
    expect(Math.abs(noise.dipoleBreakFactor / factor - 1)).toBeLessThan(1e-12);
    // slip: noise moves x₁ only, and x₂ stays where it was
    for (let i = 0; i < particles.length; i++) expect(a.particles[i][1]).toBe(particles[i][1]);
    const d0 = await run(['--in', cfgFile('d0.json', base), '--T', '0.1']);
    const d1 = await run(['--in', cfgFile('d1.json', { ...base, temperature: 0, seed: 5 }), '--T', '0.1']);
    expect(d1.particles).toEqual(d0.particles);
    expect(d1.steps).toBe(d0.steps);
  });

  it('run (cfg): refuses bad θ and seeds; noise in 1D runs', async () => {
    const bad = async (extra: object) => {
      try {
        await run(['--in', cfgFile('bad.json', { delta: 0.01, particles, ...extra }), '--T', '0.01']);
        return 'ok';
      } catch (e) {
        return String((e as Error).message);
      }
    };
    expect(await bad({ temperature: -1 })).toMatch(/temperature: must be a number in \[0, 1\]/);
    expect(await bad({ temperature: 3 })).toMatch(/temperature: must be a number in \[0, 1\]/);
    expect(await bad({ temperature: 0.1, seed: 0.5 })).toMatch(/seed: must be an integer/);
    const oneD = {
      dimension: 1,
      core: 'poisson',
      delta: 0.01,
      particles: [
        [0.1, 1],
        [0.6, -1],
      ],
    };
    expect(await bad({ ...oneD, temperature: 0.1 })).toBe('ok');
  });

  // the link's run: plain `run` stops at T only; `--replay` on the checkpoint grid T/200; `--pde`
  // at the sample times; the app's engine in budgeted chunks. The noisy state at t is a function of
  // t alone, so all of them agree to the last bit (deterministic runs agree only to the tolerance).
  const link = 'v1&d=0.02&n=64&i=dipoles&gamma=0.5&T=0.25&N=32&th=0.002&ns=7';

  it('the same link gives the same particles whatever the stops (plain, --replay, --pde, app engine)', async () => {
    const plain = await run(['--in', link]);
    const replay = await run(['--in', link, '--replay']);
    const withPde = await run(['--in', link, '--pde', '--samples', '5']);
    expect(replay.particles).toEqual(plain.particles);
    expect(withPde.particles).toEqual(plain.particles);
    const s = scenario(link);
    const engine = new ParticleEngine();
    const init = engine.init(s, s.T / 200);
    let reply = init as { t: number; pos: Float64Array };
    // uneven wall-clock budgets: the stops fall wherever the budget runs out
    for (let i = 0; reply.t < s.T - 1e-12; i++) reply = engine.advance(s.T, i % 3 === 0 ? 0 : 1);
    expect(reply.t).toBeCloseTo(s.T, 12);
    const pos = Array.from(reply.pos);
    expect(pos).toEqual(plain.particles.flatMap((p) => [p[0], p[1]]));
    // another seed: another path
    const other = await run(['--in', link.replace('ns=7', 'ns=8')]);
    expect(other.particles).not.toEqual(plain.particles);
  });

  // A live edit in the app rebuilds the stepper at t₀ (ParticleEngine.update). The noisy stepper
  // keeps no state besides the positions, so when t₀ is on its grid a rebuilt stepper that
  // continues the Brownian path at t₀ must reproduce the unedited run bit for bit; one that
  // restarted the path (W from 0 again) would not.
  it('an edit mid-run continues the Brownian path: unchanged physics gives the unedited run', () => {
    // T/200 = 2⁻⁸ = the noise grid step, so every checkpoint is a grid time
    const s = scenario('v1&n=64&d=0.02&T=0.78125&pde=off&th=0.002&ns=4');
    const h = s.T / 200;
    const straight = new ParticleEngine();
    straight.init(s, h);
    const a = straight.advance(0.25, 1e9);
    const edited = new ParticleEngine();
    edited.init(s, h);
    edited.advance(0.125, 1e9);
    edited.update(s);
    const b = edited.advance(0.25, 1e9);
    expect(b.t).toBe(a.t);
    expect(Array.from(b.pos)).toEqual(Array.from(a.pos));
  });

  it('run --pde with noise: the free energy F = E + θ∫ρ±logρ± does not increase; the app engine reports F', async () => {
    const noisy = 'v1&d=0.05&n=200&rho=sine:0.5,1,1&U=&T=0.1&N=32&th=0.01';
    const res = await run(['--in', noisy, '--pde', '--samples', '10']);
    const F = (res.pdeFreeEnergy ?? []).map((p) => p[1]);
    expect(F.length).toBe(11);
    for (let i = 1; i < F.length; i++) expect(F[i]).toBeLessThanOrEqual(F[i - 1] + 1e-12);
    expect(F[10]).toBeLessThan(F[0]);
    const s = scenario(noisy);
    const pde = new PdeEngine();
    const first = pde.init(s, s.T / 200).checkpoints[0];
    expect(first.freeEnergy).toBe(first.energy + 0.01 * first.entropy);
    let last = first;
    for (let k = 0; k < 20; k++) {
      const reply = pde.advance(s.T, 1e9);
      const cps = reply.checkpoints;
      for (const cp of cps) {
        expect(cp.freeEnergy as number).toBeLessThanOrEqual((last.freeEnergy as number) + 1e-12);
        last = cp;
      }
      if (reply.t >= s.T) break;
    }
    expect(last.t).toBeCloseTo(s.T, 12);
    // without noise: no F (the plot shows E alone)
    const quiet = scenario(noisy.replace('&th=0.01', ''));
    expect(new PdeEngine().init(quiet, quiet.T / 200).checkpoints[0].freeEnergy).toBeUndefined();
  });
});
