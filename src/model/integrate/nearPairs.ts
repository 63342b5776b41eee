/**
 * Neighbour search on the unit torus: all pairs i < j whose minimum-image distance is below a
 * radius, by a cell list over the wrapped positions (O(n + pairs)). Buffers grow geometrically
 * and are reused, so a search allocates nothing in steady state.
 */
export class NearPairs {
  /** The pairs found by the last search: pairI[p] < pairJ[p], p < count. */
  pairI = new Int32Array(64);
  pairJ = new Int32Array(64);
  /** Minimum-image displacement x_i − x_j of each pair. */
  dx = new Float64Array(64);
  dy = new Float64Array(64);
  count = 0;

  private readonly wx: Float64Array;
  private readonly wy: Float64Array;
  private readonly next: Int32Array;
  private head = new Int32Array(16);

  constructor(private readonly n: number) {
    this.wx = new Float64Array(n);
    this.wy = new Float64Array(n);
    this.next = new Int32Array(n);
  }

  /** Finds every pair with minimum-image distance < radius (radius is capped at ½). */
  search(pos: Float64Array, radius: number): number {
    const n = this.n;
    this.count = 0;
    if (!(radius > 0) || n < 2) return 0;
    const r = Math.min(radius, 0.5);
    const r2 = r * r;
    // Cells no smaller than r; not more cells than ~4 per particle (tiny radii gain nothing).
    let m = Math.floor(1 / r);
    const cap = Math.max(3, Math.floor(2 * Math.sqrt(n)));
    if (m > cap) m = cap;
    if (m < 3) {
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) this.consider(pos, i, j, r2);
      return this.count;
    }
    if (this.head.length < m * m) this.head = new Int32Array(m * m);
    const head = this.head;
    head.fill(-1, 0, m * m);
    const { wx, wy, next } = this;
    for (let i = 0; i < n; i++) {
      let x = pos[2 * i];
      let y = pos[2 * i + 1];
      x -= Math.floor(x);
      y -= Math.floor(y);
      wx[i] = x;
      wy[i] = y;
      let cx = Math.floor(x * m);
      let cy = Math.floor(y * m);
      if (cx >= m) cx = m - 1;
      if (cy >= m) cy = m - 1;
      const c = cy * m + cx;
      next[i] = head[c];
      head[c] = i;
    }
    for (let i = 0; i < n; i++) {
      let cx = Math.floor(wx[i] * m);
      let cy = Math.floor(wy[i] * m);
      if (cx >= m) cx = m - 1;
      if (cy >= m) cy = m - 1;
      const xi = pos[2 * i];
      const yi = pos[2 * i + 1];
      for (let oy = -1; oy <= 1; oy++) {
        let ny = cy + oy;
        if (ny < 0) ny += m;
        else if (ny >= m) ny -= m;
        for (let ox = -1; ox <= 1; ox++) {
          let nx = cx + ox;
          if (nx < 0) nx += m;
          else if (nx >= m) nx -= m;
          // a cell's list runs from its largest index down: stop at the first j ≤ i
          for (let j = head[ny * m + nx]; j > i; j = next[j]) {
            let dx = xi - pos[2 * j];
            let dy = yi - pos[2 * j + 1];
            dx -= Math.round(dx);
            dy -= Math.round(dy);
            if (!(dx * dx + dy * dy >= r2)) this.add(i, j, dx, dy);
          }
        }
      }
    }
    return this.count;
  }

  private consider(pos: Float64Array, i: number, j: number, r2: number): void {
    let dx = pos[2 * i] - pos[2 * j];
    let dy = pos[2 * i + 1] - pos[2 * j + 1];
    dx -= Math.round(dx);
    dy -= Math.round(dy);
    if (!(dx * dx + dy * dy >= r2)) this.add(i, j, dx, dy);
  }

  private add(i: number, j: number, dx: number, dy: number): void {
    if (this.count === this.pairI.length) this.grow();
    const p = this.count++;
    this.pairI[p] = i;
    this.pairJ[p] = j;
    this.dx[p] = dx;
    this.dy[p] = dy;
  }

  private grow(): void {
    const cap = 2 * this.pairI.length;
    const gi = new Int32Array(cap);
    gi.set(this.pairI);
    this.pairI = gi;
    const gj = new Int32Array(cap);
    gj.set(this.pairJ);
    this.pairJ = gj;
    const gx = new Float64Array(cap);
    gx.set(this.dx);
    this.dx = gx;
    const gy = new Float64Array(cap);
    gy.set(this.dy);
    this.dy = gy;
  }
}
