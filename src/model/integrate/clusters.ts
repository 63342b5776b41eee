/**
 * Connected components ("clusters") of a graph on n particles given as an edge list, by
 * union–find with path halving. Particles without edges are singletons (cluster id −1).
 * All buffers are allocated once (per n) and reused.
 */
export class Clusters {
  /** Cluster id of each particle, −1 for singletons. */
  readonly id: Int32Array;
  /** Position of the particle inside its cluster's member list. */
  readonly local: Int32Array;
  /** Members of cluster c: members[start[c] .. start[c+1]). */
  readonly members: Int32Array;
  readonly start: Int32Array;
  count = 0;
  largest = 0;
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(private readonly n: number) {
    this.id = new Int32Array(n);
    this.local = new Int32Array(n);
    this.members = new Int32Array(n);
    this.start = new Int32Array(n + 1);
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n);
  }

  reset(): void {
    for (let i = 0; i < this.n; i++) {
      this.parent[i] = i;
      this.size[i] = 1;
    }
  }

  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  /** Joins the components of i and j; returns the size of the joined component. */
  union(i: number, j: number): number {
    let a = this.find(i);
    let b = this.find(j);
    if (a === b) return this.size[a];
    if (this.size[a] < this.size[b]) {
      const t = a;
      a = b;
      b = t;
    }
    this.parent[b] = a;
    this.size[a] += this.size[b];
    return this.size[a];
  }

  /** Numbers the components of size ≥ 2 and lists their members (after the unions). */
  finish(): void {
    const { n, id, local, members, start, size } = this;
    id.fill(-1);
    let count = 0;
    let largest = 1;
    // First pass: ids for roots of non-trivial components, member counts into start[c + 1].
    start.fill(0);
    for (let i = 0; i < n; i++) {
      const r = this.find(i);
      if (size[r] < 2) continue;
      if (id[r] < 0) {
        id[r] = count++;
        if (size[r] > largest) largest = size[r];
      }
    }
    for (let i = 0; i < n; i++) {
      const r = this.find(i);
      if (size[r] < 2) continue;
      const c = id[r];
      id[i] = c;
      start[c + 1]++;
    }
    for (let c = 0; c < count; c++) start[c + 1] += start[c];
    const fill = this.size; // reuse as a cursor per cluster (sizes are no longer needed)
    for (let c = 0; c < count; c++) fill[c] = start[c];
    for (let i = 0; i < n; i++) {
      const c = id[i];
      if (c < 0) continue;
      local[i] = fill[c] - start[c];
      members[fill[c]++] = i;
    }
    this.count = count;
    this.largest = largest;
  }
}
