/** A sweep's CSV table without the wall-clock column (the one value a rerun does not repeat), rows in run order. */
export function reproducible(t: { header: string[]; rows: string[][] }) {
  const wall = t.header.indexOf('wall_s');
  const strip = (r: string[]) => r.filter((_, i) => i !== wall);
  return { header: strip(t.header), rows: t.rows.map(strip).sort((a, b) => Number(a[0]) - Number(b[0])) };
}
