/**
 * One FFT (issue 12): the PDE's 2D real convolution (RealFFT2D) and the fast sum's band-limited
 * grid convolution (GridConvolver) now share the 1-D kernel of src/model/fft1d.ts. A/B against
 * the two separate implementations of BASELINE, imported from git into this process and timed
 * interleaved with the current code (the machine is shared: the ratio is what holds).
 * Rows: ms per convolution before / after and after/before speed (> 1: faster now).
 */
import { loadavg } from 'node:os';
import { GridConvolver } from '../../src/model/fastsum/gridFft';
import { RealFFT2D } from '../../src/model/fft2';
import { importBaseline } from './baseline';
import { type BenchRow, lcg } from './table';

/** main before the consolidation (fft2.ts with its own butterflies, fastsum/fft1d.ts). */
const BASELINE = 'f670362';

type Conv = () => void;

/** Median ms of each of two closures, timed alternately (≥ `reps` rounds, ≥ 0.3 s each side). */
function interleaved(a: Conv, b: Conv, reps = 7): [number, number] {
  for (let i = 0; i < 3; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  const start = performance.now();
  while (ta.length < reps || performance.now() - start < 600) {
    let t = performance.now();
    a();
    ta.push(performance.now() - t);
    t = performance.now();
    b();
    tb.push(performance.now() - t);
    if (ta.length >= 200) break;
  }
  const med = (x: number[]) => x.sort((p, q) => p - q)[x.length >> 1];
  return [med(ta), med(tb)];
}

function rows(label: string, before: number, after: number): BenchRow[] {
  return [
    { name: `${label}: before`, value: before, unit: 'ms' },
    { name: `${label}: after`, value: after, unit: 'ms' },
    { name: `${label}: after/before speed`, value: before / after, unit: '×' },
  ];
}

export async function benchFft(): Promise<BenchRow[]> {
  const oldFft2 = await importBaseline<{ RealFFT2D: typeof RealFFT2D }>(BASELINE, 'fft2.ts');
  const oldGrid = await importBaseline<{ GridConvolver: typeof GridConvolver }>(
    BASELINE,
    'fastsum/gridFft.ts',
  );
  if (!oldFft2 || !oldGrid) return [];
  console.log(`\nfft A/B vs ${BASELINE}: load average ${loadavg()[0].toFixed(1)} on 2 cores`);
  const out: BenchRow[] = [];
  const rnd = lcg(5);
  for (const N of [128, 256, 512]) {
    // the PDE's multipliers: a gaussian core at δ = 0.05 (band-limited) and a full one
    for (const [name, m] of [
      [
        'gaussian δ=0.05',
        (a: number, b: number) => Math.exp(-0.5 * (2 * Math.PI * 0.05) ** 2 * (a * a + b * b)),
      ],
      ['full band', (a: number, b: number) => 1 / (1 + a * a + b * b)],
    ] as const) {
      const x = Float64Array.from({ length: N * N }, rnd);
      const y = new Float64Array(N * N);
      const pa = new oldFft2.RealFFT2D(N);
      const pb = new RealFFT2D(N);
      const ma = pa.tabulateMultiplier(m);
      const mb = pb.tabulateMultiplier(m);
      const [ta, tb] = interleaved(
        () => pa.convolve(x, ma, y),
        () => pb.convolve(x, mb, y),
      );
      out.push(...rows(`RealFFT2D N=${N} ${name}`, ta, tb));
    }
  }
  for (const M of [256, 512, 1024, 2048]) {
    const K = M / 4;
    const x = Float64Array.from({ length: M * M }, rnd);
    const y = new Float64Array(M * M);
    const mult = new Float64Array((K + 1) * M);
    for (let k1 = 0; k1 <= K; k1++)
      for (let k2 = -K; k2 <= K; k2++) mult[k1 * M + ((k2 + M) % M)] = 1 / ((1 + k1 * k1 + k2 * k2) * M * M);
    const ga = new oldGrid.GridConvolver(M, K);
    const gb = new GridConvolver(M, K);
    ga.setMultiplier(mult);
    gb.setMultiplier(mult);
    const [ta, tb] = interleaved(
      () => ga.convolve(x, y),
      () => gb.convolve(x, y),
      M >= 2048 ? 5 : 7,
    );
    out.push(...rows(`GridConvolver M=${M} K=${K}`, ta, tb));
  }
  return out;
}
