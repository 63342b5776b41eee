/**
 * The cell list of the fast sum: particles wrapped into [0, 1)² and sorted into c×c cells by a
 * counting sort, so that the near field visits pairs cell by cell and the far field spreads in
 * memory order. The sorted arrays may live in shared memory (a helper thread reads them).
 */
export interface CellGeometry {
  /** Cells per side; 0 means one cell holding everything (all pairs, all 9 period shifts). */
  readonly cells: number;
  /** Neighbour cells within this many cells are visited (0 with cells = 0). */
  readonly reach: number;
}

/**
 * Cells for a near radius r₂ among n particles: side ≈ r₂/2 with a 5×5 neighbourhood tests ~2.0×
 * the pairs inside r₂ (side ≥ r₂ with 3×3: ≥ 2.9×). Capped at ~n cells (≥ 1 particle per cell
 * on average), so the cell arrays never exceed n + 1 entries.
 */
export function cellGeometry(r2: number, n: number): CellGeometry {
  const cap = Math.max(1, Math.floor(Math.sqrt(n)));
  if (!(r2 > 0)) return { cells: Math.max(1, Math.min(256, Math.floor(Math.sqrt(n / 8)))), reach: 0 };
  const c2 = Math.floor(2 / r2);
  if (c2 >= 5 && c2 <= cap) return { cells: c2, reach: 2 };
  const c1 = Math.min(Math.floor(1 / r2), cap);
  if (c1 >= 3) return { cells: c1, reach: 1 };
  return { cells: 0, reach: 0 };
}

/** Largest cellStart length any geometry for n particles needs. */
export function cellStartLength(n: number): number {
  return Math.max(n, 256 * 256) + 2;
}

export interface SortedParticles {
  readonly n: number;
  /** Wrapped positions and signs in cell order. */
  readonly sx: Float64Array;
  readonly sy: Float64Array;
  readonly sb: Float64Array;
  /** order[s] = original index of the s-th particle in cell order. */
  readonly order: Int32Array;
  /** Particles of cell k are s = cellStart[k] … cellStart[k + 1] − 1. */
  readonly cellStart: Int32Array;
}

/**
 * x mod 1 in [0, 1) (x − ⌊x⌋ rounds to 1 for tiny negative x: then 0). The same as init/torus.ts
 * wrap01 except for NaN, which this passes through (as the sort always did) where wrap01 gives 0.
 */
function wrapKeepingNaN(x: number): number {
  const r = x - Math.floor(x);
  return r >= 1 ? 0 : r;
}

export class CellSort implements SortedParticles {
  readonly order: Int32Array;
  private readonly cellOf: Int32Array;
  private readonly cellCount: Int32Array;

  constructor(
    readonly n: number,
    readonly sx: Float64Array,
    readonly sy: Float64Array,
    readonly sb: Float64Array,
    readonly cellStart: Int32Array,
  ) {
    this.order = new Int32Array(n);
    this.cellOf = new Int32Array(n);
    this.cellCount = new Int32Array(cellStart.length);
  }

  /**
   * Wrap into [0, 1)² and sort into cells × cells cells (0: one cell). The positions are read in
   * order twice (counting, then placing) and written scattered once, with no pass of scattered
   * reads: at n = 1e6, where every particle is a cache miss, that halves the sort.
   */
  sort(pos: Float64Array, signs: Int8Array, cells: number): void {
    const { n, cellStart, cellCount, order, cellOf, sx, sy, sb } = this;
    if (signs.length !== n || pos.length < 2 * n)
      throw new RangeError(
        `fast sum built for n = ${n}, got ${signs.length} signs, ${pos.length / 2} positions`,
      );
    const c = cells === 0 ? 1 : cells;
    const nc = c * c;
    cellCount.fill(0, 0, nc);
    for (let i = 0; i < n; i++) {
      let cx = Math.floor(wrapKeepingNaN(pos[2 * i]) * c);
      let cy = Math.floor(wrapKeepingNaN(pos[2 * i + 1]) * c);
      if (cx >= c) cx = c - 1;
      if (cy >= c) cy = c - 1;
      const k = cy * c + cx;
      cellOf[i] = k;
      cellCount[k]++;
    }
    let acc = 0;
    for (let k = 0; k < nc; k++) {
      cellStart[k] = acc;
      acc += cellCount[k];
    }
    cellStart[nc] = acc;
    cellCount.fill(0, 0, nc);
    for (let i = 0; i < n; i++) {
      const k = cellOf[i];
      const s = cellStart[k] + cellCount[k]++;
      order[s] = i;
      sx[s] = wrapKeepingNaN(pos[2 * i]);
      sy[s] = wrapKeepingNaN(pos[2 * i + 1]);
      sb[s] = signs[i];
    }
  }
}
