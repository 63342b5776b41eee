/**
 * PDE solver throughput on the smooth test case (δ = 0.05, U of amplitude 0.5, genuinely 2D
 * densities), N = 128, 256, 512, single thread: SSP-RK3 steps per second (both geometries) and,
 * isotropic, the time to T = 25.6/N (0.2, 0.1, 0.05: the same number of steps at every N) from
 * t = 0, against a numpy/scipy implementation of the same scheme run on the same machine in the
 * same bench run (peerPde.py; it takes dt = 0.25·h/(a_x + a_y), we take the positivity bound ½;
 * the SSP-RK(4,3) rows take its bound 1).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createPdeSolver } from '../../src/model/pde';
import type { ExternalField, Geometry } from '../../src/model/types';
import { profilePdeStep } from './pdeProfile';
import type { BenchRow } from './table';

/**
 * The smooth test case shared with the refinement test: exact cell averages of
 *   ρ± = ½(1 ± 0.3 sin 2πx₁ + 0.2 cos 2π(x₁ + x₂) | 0.2 sin 2π(x₁ − x₂)),  U = a cos(2πx₂ − 0.4),
 * δ = 0.05 (set by the caller). a = 0.5 is the amplitude of MATH §11's smooth case; by T = 0.2 it
 * has concentrated ρ+ into a ridge (max ≈ 4.3, width ≈ 0.05).
 */
export function smoothCase(
  N: number,
  amplitude = 0.5,
): { rhoPlus: Float64Array; rhoMinus: Float64Array; field: ExternalField } {
  const rhoPlus = new Float64Array(N * N);
  const rhoMinus = new Float64Array(N * N);
  // cell average of cos/sin(2π(p x + q y)) = value at the centre · sinc(πp/N)·sinc(πq/N)
  const s1 = Math.sin(Math.PI / N) / (Math.PI / N);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) {
      const x = (i + 0.5) / N;
      const y = (j + 0.5) / N;
      rhoPlus[j * N + i] =
        0.5 * (1 + 0.3 * Math.sin(2 * Math.PI * x) * s1 + 0.2 * Math.cos(2 * Math.PI * (x + y)) * s1 * s1);
      rhoMinus[j * N + i] =
        0.5 * (1 - 0.3 * Math.sin(2 * Math.PI * x) * s1 + 0.2 * Math.sin(2 * Math.PI * (x - y)) * s1 * s1);
    }
  const field: ExternalField = { modes: [{ a: amplitude, p: 0, q: 1, phi: 0.4 }], force: [0, 0] };
  return { rhoPlus, rhoMinus, field };
}

/** T of the time-to-T rows on an N-grid (shared with peerPde.py). */
export const timeToTEnd = (N: number) => 25.6 / N;

/**
 * Steps per second, best of several timed blocks (wall clock) after a warm-up, so that a busy
 * machine (preemption) distorts the figure less; each block is ≥ 0.25 s.
 */
export async function benchPde(): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  for (const geometry of ['isotropic', 'slip'] as Geometry[]) {
    for (const N of [128, 256, 512]) {
      const c = smoothCase(N);
      const s = createPdeSolver({ geometry, core: 'gaussian', delta: 0.05, N, ...c });
      const warm = N === 512 ? 3 : 10;
      for (let k = 0; k < warm; k++) s.step();
      // block size from one timed step
      let t0 = performance.now();
      s.step();
      const per = Math.max(performance.now() - t0, 1e-3);
      const block = Math.max(2, Math.ceil(250 / per));
      let best = Number.POSITIVE_INFINITY;
      for (let b = 0; b < 5; b++) {
        t0 = performance.now();
        for (let k = 0; k < block; k++) s.step();
        best = Math.min(best, (performance.now() - t0) / block);
      }
      out.push({ name: `pde ${geometry} N=${N} (SSP-RK3 steps)`, value: 1000 / best, unit: 'steps/s' });
      if (s.rejected > 0)
        out.push({ name: `pde ${geometry} N=${N} rejected`, value: s.rejected, unit: 'steps' });
      if (geometry === 'isotropic') {
        const r = createPdeSolver({ geometry, core: 'gaussian', delta: 0.05, N, ...c });
        t0 = performance.now();
        const steps = r.advanceTo(timeToTEnd(N));
        const wall = (performance.now() - t0) / 1000;
        out.push({
          name: `pde isotropic N=${N} time to T=${timeToTEnd(N)} (${steps} steps)`,
          value: wall,
          unit: 's',
        });
        // The same run with the 4-stage SSP-RK(4,3) (twice the positivity-bound step, 4/3 the solves).
        const r43 = createPdeSolver({ geometry, core: 'gaussian', delta: 0.05, N, rk: 'ssp43', ...c });
        t0 = performance.now();
        const steps43 = r43.advanceTo(timeToTEnd(N));
        out.push({
          name: `pde isotropic N=${N} time to T=${timeToTEnd(N)}, SSP-RK(4,3) (${steps43} steps)`,
          value: (performance.now() - t0) / 1000,
          unit: 's',
        });
      }
      await Promise.resolve();
    }
  }
  // Where a step goes at the largest grid (pdeProfile.ts).
  out.push(...profilePdeStep(512));
  return [...out, ...peerRows(out)];
}

/**
 * The numpy/scipy peer (peerPde.py) on this machine, now, and our ratio to it (isotropic): rows are
 * left out, with a note, where python3 with numpy and scipy is missing.
 */
function peerRows(ours: BenchRow[]) {
  const script = fileURLToPath(new URL('./peerPde.py', import.meta.url));
  // The peer's N = 512 time-to-T run alone takes ~10 min here: only with BENCH_PEER_512=1.
  const sizes = process.env.BENCH_PEER_512 === '1' ? ['128', '256', '512'] : ['128', '256'];
  const r = spawnSync('python3', [script, ...sizes], { encoding: 'utf8', timeout: 900_000 });
  if (r.status !== 0) {
    console.log(`pde: numpy peer not run (${(r.stderr || String(r.error)).trim().split('\n').pop()})`);
    return [];
  }
  const peer = JSON.parse(r.stdout) as Record<
    string,
    { stepsPerSec: number; timeToT: number; stepsToT: number; T: number }
  >;
  return Object.entries(peer).flatMap(([N, v]) => {
    const mine = ours.find((o) => o.name === `pde isotropic N=${N} (SSP-RK3 steps)`);
    const mineT = ours.find((o) => o.name.startsWith(`pde isotropic N=${N} time to T`));
    const mineT43 = ours.find(
      (o) => o.name.startsWith(`pde isotropic N=${N} time to T`) && o.name.includes('(4,3)'),
    );
    return [
      { name: `numpy peer isotropic N=${N}`, value: v.stepsPerSec, unit: 'steps/s' },
      ...(mine
        ? [{ name: `ours / numpy peer N=${N}, steps/s`, value: mine.value / v.stepsPerSec, unit: '×' }]
        : []),
      { name: `numpy peer N=${N} time to T=${v.T} (${v.stepsToT} steps)`, value: v.timeToT, unit: 's' },
      ...(mineT
        ? [{ name: `numpy peer / ours N=${N}, time to T`, value: v.timeToT / mineT.value, unit: '×' }]
        : []),
      ...(mineT43
        ? [
            {
              name: `numpy peer / ours N=${N}, time to T, SSP-RK(4,3)`,
              value: v.timeToT / mineT43.value,
              unit: '×',
            },
          ]
        : []),
    ];
  });
}
