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
