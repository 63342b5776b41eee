/**
 * The sweep's progress on stderr: runs done (and failed) of the total, elapsed time and an
 * estimate of what is left, from the estimated cost of the runs (expand.ts runWeight) finished so
 * far. On a terminal one line is redrawn (with a bar, every second); in a log one line per run.
 */
export interface ProgressOptions {
  /** Runs of this invocation, with their weights. */
  weights: Map<number, number>;
  /** Rows already in the file (--resume). */
  already: number;
  enabled: boolean;
  terminal: boolean;
  write: (text: string) => void;
  now?: () => number;
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

export class SweepProgress {
  private readonly start: number;
  private readonly now: () => number;
  private done = 0;
  private failed = 0;
  private doneWeight = 0;
  private leftWeight = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private drawn = false;

  constructor(private readonly o: ProgressOptions) {
    this.now = o.now ?? (() => performance.now());
    this.start = this.now();
    for (const w of o.weights.values()) this.leftWeight += w;
    if (o.enabled && o.terminal) {
      this.timer = setInterval(() => this.draw(), 1000);
      this.timer.unref?.();
    }
  }

  private get total(): number {
    return this.o.already + this.o.weights.size;
  }

  /** "12/54 runs (1 failed) · 1 min 20 s · ~4 min 10 s left". */
  line(): string {
    const elapsed = (this.now() - this.start) / 1000;
    const count = this.o.already + this.done;
    const failed = this.failed > 0 ? ` (${this.failed} failed)` : '';
    const left =
      this.doneWeight > 0 && this.done < this.o.weights.size
        ? ` · ~${formatDuration((elapsed * this.leftWeight) / this.doneWeight)} left`
        : '';
    return `sweep: ${count}/${this.total} runs${failed} · ${formatDuration(elapsed)}${left}`;
  }

  private draw(): void {
    const width = 20;
    const filled = Math.round((width * (this.o.already + this.done)) / Math.max(1, this.total));
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] `;
    this.o.write(`\r${bar}${this.line()}\x1b[K`);
    this.drawn = true;
  }

  /** A run finished; `what` names it in a log line ("run 17 n=4000 seed=2: ok, 12.3 s"). */
  finished(index: number, ok: boolean, what: string): void {
    const w = this.o.weights.get(index) ?? 0;
    this.done++;
    if (!ok) this.failed++;
    this.doneWeight += w;
    this.leftWeight -= w;
    if (!this.o.enabled) return;
    if (this.o.terminal) this.draw();
    else this.o.write(`${this.line()} · ${what}\n`);
  }

  /** Stops the redraws and clears the line; returns the closing line. */
  finish(): string {
    if (this.timer) clearInterval(this.timer);
    if (this.drawn) this.o.write('\r\x1b[K');
    const elapsed = (this.now() - this.start) / 1000;
    const before = this.o.already > 0 ? `, ${this.o.already} were already in the file` : '';
    return `sweep: ${this.done} runs done (${this.failed} failed)${before} · ${formatDuration(elapsed)}`;
  }
}
