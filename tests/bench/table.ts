export interface BenchRow {
  name: string;
  value: number;
  unit: string;
}

export function printTable(title: string, rows: BenchRow[]): void {
  const w = Math.max(...rows.map((r) => r.name.length), 10);
  console.log(`\n${title}`);
  console.log(`${'benchmark'.padEnd(w)} | ${'value'.padStart(12)} | unit`);
  console.log(`${'-'.repeat(w)}-|-${'-'.repeat(12)}-|-----`);
  for (const r of rows)
    console.log(`${r.name.padEnd(w)} | ${r.value.toPrecision(4).padStart(12)} | ${r.unit}`);
}

/** A tiny seeded generator for benchmark inputs (reproducible, dependency-free). */
export function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Median seconds of fn over repeats lasting about `budget` seconds (≥ 3 runs after a warm-up). */
export function timeIt(fn: () => void, budget = 2): number {
  const warm = performance.now();
  do fn();
  while ((performance.now() - warm) / 1000 < Math.min(1, budget / 2));
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 3 || (performance.now() - start) / 1000 < budget) {
    const t = performance.now();
    fn();
    times.push((performance.now() - t) / 1000);
    if (times.length >= 50) break;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
