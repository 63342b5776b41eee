/**
 * Noise on the circle (MATH §13 in dimension 1): the particles' x moves by √(2θ) dW (free particles:
 * mean-square displacement 2θt), the noisy run is a function of the time alone whatever the output
 * stops, and the 1D PDE gains the exact heat flow θ∂ₓ²ρ± (a ρ+ + ρ− mode decays at the 3-point
 * symbol 4N²sin²(πk/N)θ → 4π²k²θ) with F = E + θ∫ρ±logρ± nonincreasing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { ParticleEngine } from '../../src/model/engines/particleEngine';
import { PdeEngine } from '../../src/model/engines/pdeEngine';
import { Pde1d } from '../../src/model/oneD/pde1d';
import { decodeScenario } from '../../src/model/scenario/codec';

const dir = mkdtempSync(join(tmpdir(), 'cli-noise1d-'));
const out = join(dir, 'out.json');
type RunOut = { particles: number[][]; steps: number };
const run = async (args: string[]) => (await runCli(['run', ...args, '--out', out])) as RunOut;
function cfgFile(name: string, cfg: object): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(cfg));
  return file;
}
const wrapD = (d: number) => d - Math.round(d);

describe('noise on the circle: particles', () => {
  it('the centre of mass of a pair is free (the forces cancel) and spreads as 2θt/n in x', async () => {
    // M independent seeds of n = 2: E[(mean Δx)²] = 2θT/n whatever the interaction (Σ forces = 0);
    // the mean of M squares has relative standard deviation √(2/M) ≈ 0.088 at M = 256, so the
    // tolerance 4σ = 0.36 (θ doubled, halved or absent fails)
    const theta = 0.01;
    const T = 0.5;
    const M = 256;
    const x0 = [0.25, 0.75];
    let sum = 0;
    for (let seed = 1; seed <= M; seed++) {
      const particles = [
        [x0[0], 1],
        [x0[1], -1],
      ];
      const cfg = { dimension: 1, core: 'poisson', delta: 0.05, particles, temperature: theta, seed };
      const a = await run(['--in', cfgFile('free.json', cfg), '--T', String(T)]);
      const mean = (wrapD(a.particles[0][0] - x0[0]) + wrapD(a.particles[1][0] - x0[1])) / 2;
      sum += mean ** 2;
    }
    const msd = sum / M;
    expect(Math.abs(msd / ((2 * theta * T) / 2) - 1)).toBeLessThan(0.36);
  }, 120_000);

  const cfg = {
    dimension: 1,
    core: 'poisson',
    delta: 0.02,
    temperature: 0.005,
    seed: 3,
    particles: [
      [0.1, 1],
      [0.3, -1],
      [0.55, 1],
      [0.8, -1],
    ],
    density: {
      grid: 16,
      rhoPlus: Array.from({ length: 16 }, () => 0.5),
      rhoMinus: Array.from({ length: 16 }, () => 0.5),
    },
  };

  it('replays bit for bit: the same cfg twice, and with other output stops (--pde samples)', async () => {
    const a = await run(['--in', cfgFile('r.json', cfg), '--T', '0.2']);
    const b = await run(['--in', cfgFile('r.json', cfg), '--T', '0.2']);
    const c = await run(['--in', cfgFile('r.json', cfg), '--T', '0.2', '--pde', '--samples', '7']);
    expect(b.particles).toEqual(a.particles);
    expect(c.particles).toEqual(a.particles);
    // the PDE side of --pde: F = E + θ∫ρ±logρ± at the samples, nonincreasing
    const F = ((c as unknown as { pdeFreeEnergy: number[][] }).pdeFreeEnergy ?? []).map((p) => p[1]);
    expect(F.length).toBe(8);
    for (let i = 1; i < F.length; i++) expect(F[i]).toBeLessThanOrEqual(F[i - 1] + 1e-12);
    // and the noise did move them: the deterministic run differs
    const d = await run(['--in', cfgFile('d.json', { ...cfg, temperature: 0 }), '--T', '0.2']);
    expect(d.particles).not.toEqual(a.particles);
    // another seed is another path
    const e = await run(['--in', cfgFile('e.json', { ...cfg, seed: 4 }), '--T', '0.2']);
    expect(e.particles).not.toEqual(a.particles);
  });
});

describe('noise on the circle: the 1D PDE', () => {
  const N = 64;
  /** Cell averages of ½ + ε cos(2πkx) (the cell average of cos is sinc(πk/N)·cos at the centre). */
  const cells = (k: number, eps: number) =>
    Float64Array.from({ length: N }, (_, c) => {
      const a = (2 * Math.PI * k * c) / N;
      const b = (2 * Math.PI * k * (c + 1)) / N;
      return 0.5 + (eps * (Math.sin(b) - Math.sin(a))) / (b - a);
    });
  /** The cos(2πk x_c) amplitude of cell values (direct Fourier sum). */
  const amplitude = (r: Float64Array, k: number) => {
    let s = 0;
    for (let c = 0; c < N; c++) s += r[c] * Math.cos((2 * Math.PI * k * (c + 0.5)) / N);
    return (2 * s) / N;
  };

  it('a ρ+ + ρ− mode about ½ decays at θ·4N²sin²(πk/N) (→ 4π²k²θ), masses exact', () => {
    const theta = 0.003;
    const T = 0.5;
    for (const k of [1, 3, 8]) {
      // κ = 0: no transport, the heat flow alone
      const pde = new Pde1d({
        core: 'poisson',
        delta: 0.02,
        N,
        rhoPlus: cells(k, 0.1),
        rhoMinus: cells(k, 0.1),
        temperature: theta,
      });
      const a0 = amplitude(pde.rp, k);
      pde.advanceTo(T);
      const s = Math.sin((Math.PI * k) / N);
      const rate = 4 * N * N * s * s * theta;
      expect(Math.abs(amplitude(pde.rp, k) / a0 / Math.exp(-rate * T) - 1)).toBeLessThan(1e-10);
      expect(Math.abs(amplitude(pde.rm, k) / a0 / Math.exp(-rate * T) - 1)).toBeLessThan(1e-10);
      // the symbol's continuum limit (relative gap (πk/N)²/3)
      expect(Math.abs(rate / (4 * Math.PI ** 2 * k * k * theta) - 1)).toBeLessThan(
        (Math.PI * k) ** 2 / (3 * N * N) + 1e-12,
      );
      const [mp, mm] = pde.masses();
      expect(Math.abs(mp - 0.5)).toBeLessThan(1e-13);
      expect(Math.abs(mm - 0.5)).toBeLessThan(1e-13);
    }
    // θ = 0: the mode stays
    const still = new Pde1d({
      core: 'poisson',
      delta: 0.02,
      N,
      rhoPlus: cells(2, 0.1),
      rhoMinus: cells(2, 0.1),
    });
    const b0 = amplitude(still.rp, 2);
    still.advanceTo(T);
    expect(Math.abs(amplitude(still.rp, 2) - b0)).toBeLessThan(1e-13);
  });

  it('with interaction, F = E + θ∫ρ±logρ± (cell width 1/N) never rises; positivity holds', () => {
    const theta = 0.002;
    const rp = Float64Array.from({ length: N }, (_, c) => 0.5 + 0.4 * Math.sin((2 * Math.PI * c) / N));
    const rm = Float64Array.from({ length: N }, (_, c) => 0.5 - 0.3 * Math.cos((4 * Math.PI * c) / N));
    const pde = new Pde1d({ core: 'poisson', delta: 0.05, N, rhoPlus: rp, rhoMinus: rm, temperature: theta });
    const freeEnergy = () => pde.energy() + theta * pde.entropy();
    let last = freeEnergy();
    const first = last;
    while (pde.t < 0.2) {
      pde.step(0.2 - pde.t);
      const now = freeEnergy();
      expect(now).toBeLessThanOrEqual(last + 1e-12);
      expect(pde.minRho()).toBeGreaterThanOrEqual(0);
      last = now;
    }
    expect(last).toBeLessThan(first);
  });
});

describe('noise on the circle: links and the app engines', () => {
  const link = 'v1&dim=1&c=poisson&d=0.02&n=64&i=dipoles&gamma=0.01&T=0.25&N=32&th=0.002&ns=7';
  const scenario = () => {
    const r = decodeScenario(link);
    if (!r.ok) throw new Error(r.error.message);
    return r.scenario;
  };

  it('a link runs with its noise; the app engine in uneven chunks gives the same particles', async () => {
    const plain = await run(['--in', link]);
    const quiet = await run(['--in', link.replace('&th=0.002', '')]);
    expect(quiet.particles).not.toEqual(plain.particles);
    const s = scenario();
    const engine = new ParticleEngine();
    let reply = engine.init(s, s.T / 200) as { t: number; pos: Float64Array };
    for (let i = 0; reply.t < s.T - 1e-12; i++) reply = engine.advance(s.T, i % 3 === 0 ? 0 : 1);
    expect(reply.t).toBeCloseTo(s.T, 12);
    const x = Array.from(reply.pos).filter((_, q) => q % 2 === 0);
    expect(x).toEqual(plain.particles.map((p) => p[0]));
  });

  it('the app PDE engine on the circle reports F = E + θ·entropy, nonincreasing', () => {
    const r = decodeScenario('v1&dim=1&c=poisson&d=0.05&n=200&rho=sine:0.5,1,0&T=0.1&N=32&th=0.01');
    if (!r.ok) throw new Error(r.error.message);
    const pde = new PdeEngine();
    const first = pde.init(r.scenario, r.scenario.T / 200).checkpoints[0];
    expect(first.freeEnergy).toBe(first.energy + 0.01 * first.entropy);
    let last = first;
    for (let k = 0; k < 20; k++) {
      const reply = pde.advance(r.scenario.T, 1e9);
      for (const cp of reply.checkpoints) {
        expect(cp.freeEnergy as number).toBeLessThanOrEqual((last.freeEnergy as number) + 1e-12);
        last = cp;
      }
      if (reply.t >= r.scenario.T) break;
    }
    expect(last.t).toBeCloseTo(r.scenario.T, 12);
    expect(last.freeEnergy as number).toBeLessThan(first.freeEnergy as number);
  });
});
