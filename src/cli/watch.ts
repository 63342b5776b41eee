/**
 * Progress and the wall-clock limit of long CLI work. The time-stepping loops report each step's
 * time to `at()` (model/study/observe.ts), which (a) throws WallClockLimit once --max-wall
 * seconds have passed and (b) when progress is on, prints where each clock is: a self-overwriting line on a terminal, a line every
 * few seconds otherwise (a log file). Both cost one performance.now() per step.
 */
import { WallClockLimit } from './errors';

export interface WatchOptions {
  /** The command, for the messages. */
  label: string;
  /** Final time of the run. */
  T: number;
  /** Wall-clock limit in seconds (none: unlimited). */
  maxWallSeconds?: number;
  progress: boolean;
  /** Whether `write` goes to a terminal (overwrite one line) or a file/pipe (append lines). */
  terminal: boolean;
  write: (text: string) => void;
  now?: () => number;
  /** What happens to the result when the limit stops the work (ends the error line). */
  limitNote?: string;
}

const TERMINAL_EVERY_MS = 250;
const LOG_EVERY_MS = 5000;

export class Watch {
  private readonly start: number;
  private readonly clocks = new Map<string, number>();
  private lastPrint: number;
  private printed = false;
  private readonly now: () => number;

  constructor(private readonly o: WatchOptions) {
    this.now = o.now ?? (() => performance.now());
    this.start = this.now();
    this.lastPrint = this.start;
  }

  /** Clock `name` (particles, pde) has reached t. */
  at(name: string, t: number): void {
    this.clocks.set(name, t);
    const now = this.now();
    const elapsed = (now - this.start) / 1000;
    if (this.o.maxWallSeconds !== undefined && elapsed > this.o.maxWallSeconds) {
      this.finish();
      throw new WallClockLimit(
        `max-wall: stopped after ${this.o.maxWallSeconds} s at ${this.where()} of T = ${this.o.T}; ${this.o.limitNote ?? 'nothing written (raise --max-wall or lower --T)'}`,
      );
    }
    if (!this.o.progress) return;
    if (now - this.lastPrint < (this.o.terminal ? TERMINAL_EVERY_MS : LOG_EVERY_MS)) return;
    this.lastPrint = now;
    const line = `${this.o.label}: ${this.where()} of T = ${this.o.T} · ${elapsed.toFixed(0)} s${this.eta(elapsed)}`;
    this.o.write(this.o.terminal ? `\r${line}\x1b[K` : `${line}\n`);
    this.printed = true;
  }

  /** Ends the progress display (clears the terminal line). */
  finish(): void {
    if (this.printed && this.o.terminal) this.o.write('\r\x1b[K');
    this.printed = false;
  }

  private fraction(): number {
    let f = 1;
    for (const t of this.clocks.values()) f = Math.min(f, t / this.o.T);
    return f;
  }

  private where(): string {
    const parts = [...this.clocks].map(([name, t]) => `${name} t = ${t.toPrecision(4)}`);
    return `${parts.join(', ')} (${(100 * this.fraction()).toFixed(1)}%)`;
  }

  private eta(elapsed: number): string {
    const f = this.fraction();
    return f > 0.01 && f < 1 ? `, ~${Math.round((elapsed * (1 - f)) / f)} s left` : '';
  }
}
