/**
 * `npm run bench`: printed tables, not tests. Sections whose module is missing are skipped with a
 * note. Set BENCH_ONLY=engine,pde,… to run a subset.
 */
import { benchDirectSum } from './engine';
import { type BenchRow, printTable } from './table';

type Section = { name: string; run: () => Promise<BenchRow[]> };

/** A section from its own module, loaded only when run (a missing module skips the section). */
function lazy(file: string, fn: string): () => Promise<BenchRow[]> {
  return async () => {
    const mod = (await import(`./${file}`)) as Record<string, () => Promise<BenchRow[]>>;
    return mod[fn]();
  };
}

const sections: Section[] = [
  { name: 'engine', run: () => benchDirectSum() },
  { name: 'fastsum', run: lazy('fastsum', 'benchFastSum') },
  { name: 'ring', run: lazy('ring', 'benchRing') },
  { name: 'counterexample', run: lazy('counterexample', 'benchCounterexample') },
  { name: 'stepper', run: lazy('stepper', 'benchStepper') },
  { name: 'steplimit', run: lazy('stepLimit', 'benchStepLimit') },
  { name: 'cli', run: lazy('cli', 'benchCli') },
  { name: 'pde', run: lazy('pde', 'benchPde') },
  { name: 'oneD', run: lazy('oneD', 'benchOneD') },
  { name: 'fft', run: lazy('fft', 'benchFft') },
  { name: 'noise', run: lazy('noise', 'benchNoise') },
  { name: 'wasm', run: lazy('wasm', 'benchWasm') },
  { name: 'browser', run: lazy('browser', 'benchBrowser') },
];

const only = process.env.BENCH_ONLY?.split(',');
console.log(`node ${process.version}, ${new Date().toISOString()}`);
for (const s of sections) {
  if (only && !only.includes(s.name)) continue;
  try {
    printTable(s.name, await s.run());
  } catch (e) {
    console.log(`\n${s.name}: skipped (${(e as Error).message.split('\n')[0]})`);
  }
}
