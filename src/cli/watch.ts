/**
 * Progress and the wall-clock limit of long CLI work. The time-stepping loops report each step's
 * time to `at()`, which (a) throws WallClockLimit once --max-wall seconds have passed and (b) when
 * progress is on, prints where each clock is: a self-overwriting line on a terminal, a line every
 * few seconds otherwise (a log file). Both cost one performance.now() per step.
 */
import type { Stepper } from '../model/integrate';
import type { PdeSolver } from '../model/pde/solver';
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
        `max-wall: stopped after ${this.o.maxWallSeconds} s at ${this.where()} of T = ${this.o.T}; nothing written (raise --max-wall or lower --T)`,
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

/** `target` seen through a proxy that answers `overrides` itself (methods get the proxy as `this`). */
function overriding<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get: (t, key, receiver) =>
      Object.hasOwn(overrides, key) ? overrides[key as keyof T] : Reflect.get(t, key, receiver),
  });
}

/**
 * The stepper with every step reported to `at`. advanceTo steps through stepToward (the same
 * steps: the stepper's advanceTo is that loop) so that each step is seen.
 */
export function watchedStepper(s: Stepper, at: (t: number) => void): Stepper {
  return overriding(s, {
    advanceTo(t: number) {
      if (!(t >= s.t)) throw new RangeError(`integrator: cannot advance from t = ${s.t} back to ${t}`);
      while (s.t < t) {
        s.stepToward(t);
        at(s.t);
      }
    },
    step() {
      const h = s.step();
      at(s.t);
      return h;
    },
    stepToward(tEnd: number) {
      const h = s.stepToward(tEnd);
      at(s.t);
      return h;
    },
  });
}

/**
 * The PDE solver with every step reported to `at`: its own advanceTo calls this.step, and `this`
 * is the proxy, so each step of advanceTo is seen too.
 */
export function watchedPde(pde: PdeSolver, at: (t: number) => void): PdeSolver {
  return overriding(pde, {
    step(maxDt?: number) {
      const dt = pde.step(maxDt);
      at(pde.t);
      return dt;
    },
  });
}
