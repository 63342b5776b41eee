/**
 * The CLI process's threads. Only the process entry (main.ts) may start helper threads: the CLI
 * also runs in-process (tests, benchmarks), where the caller owns the threads.
 */
import { availableParallelism } from 'node:os';
import { fastSumPays, PARALLEL_MIN_N } from '../model/fastsum';
import { installNodeFastSumThreads } from '../model/fastsum/helperNode';
import { installNodeClusterThreads } from '../model/integrate/clusterHelperNode';
import { particleThreadsStatus } from '../model/integrate/clusterShare';

let mayStartThreads = false;

/** Called once by the process entry: helper threads may be started from now on. */
export function allowHelperThreads(): void {
  mayStartThreads = true;
}

/**
 * Give the fast sums of an n-particle run their helper thread, when their plan is a two-thread one
 * (n ≥ PARALLEL_MIN_N; the plan, and so every bit, depends on n alone) and there is a second core;
 * and from the same n the multirate method's cluster solves theirs (same bits with or without it).
 */
export function fastSumHelperFor(n: number): void {
  if (!(mayStartThreads && n >= PARALLEL_MIN_N && availableParallelism() >= 2)) return;
  installNodeFastSumThreads();
  installNodeClusterThreads();
}

/** How the run's work was spread over threads (the run's `threads` field): a speed is read with it. */
export function threadsUsed(n: number, pdeThread: boolean | undefined): { particles: string; pde?: string } {
  const particles = !fastSumPays(n)
    ? 'one thread: direct pair sums (n < 256)'
    : n < PARALLEL_MIN_N
      ? `one thread: below ${PARALLEL_MIN_N} particles the fast sum's plan is a one-thread one`
      : particleThreadsStatus();
  if (pdeThread === undefined) return { particles };
  return { particles, pde: pdeThread ? 'a thread of its own' : "the particles' thread (one core)" };
}
