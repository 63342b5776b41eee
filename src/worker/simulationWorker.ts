import * as Comlink from 'comlink';
import type { LifeLine, ParticleWorkerApi, PdeWorkerApi } from './protocol';

/**
 * A running worker with its comlink proxy. `onDeath` fires once if the worker crashes (an
 * uncaught error, a message that cannot be deserialised) or silently stops (self.close(), or a
 * terminate() from elsewhere: noticed through its life lock); the page itself stays alive.
 */
export interface SimulationWorker<Api> {
  readonly api: Comlink.Remote<Api>;
  readonly name: string;
  /** Whether a silent stop would be noticed (false where Web Locks are unavailable). */
  readonly watched: Promise<boolean>;
  terminate(): void;
}

let spawned = 0;

function spawn<Api extends LifeLine>(
  name: string,
  worker: Worker,
  onDeath: (message: string) => void,
): SimulationWorker<Api> {
  let dead = false;
  const die = (message: string) => {
    if (dead) return;
    dead = true;
    onDeath(message);
  };
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    die(`the ${name} worker crashed${e.message ? `: ${e.message}` : ''}`);
  });
  worker.addEventListener('messageerror', () => die(`the ${name} worker sent an unreadable message`));
  const api = Comlink.wrap<Api>(worker);
  const stop = new AbortController();
  const lockName = `dislocation-lab/${name}/${++spawned}/${Date.now()}/${Math.random()}`;
  const locks = (globalThis.navigator as (Navigator & { locks?: LockManager }) | undefined)?.locks;
  // The worker takes the lock first; our request is granted only once the worker is gone.
  const watched = locks
    ? (api.holdLifeLock(lockName) as Promise<boolean>).then((held) => {
        if (!held || dead) return false;
        locks
          .request(lockName, { signal: stop.signal }, () => die(`the ${name} worker stopped (it was closed)`))
          .catch(() => undefined);
        return true;
      })
    : Promise.resolve(false);
  return {
    api,
    name,
    watched: watched.catch(() => false),
    terminate() {
      dead = true;
      stop.abort();
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

export function spawnParticleWorker(onDeath: (message: string) => void): SimulationWorker<ParticleWorkerApi> {
  const w = new Worker(new URL('./particles.worker.ts', import.meta.url), {
    type: 'module',
    name: 'particles',
  });
  return spawn<ParticleWorkerApi>('particle', w, onDeath);
}

export function spawnPdeWorker(onDeath: (message: string) => void): SimulationWorker<PdeWorkerApi> {
  const w = new Worker(new URL('./pde.worker.ts', import.meta.url), { type: 'module', name: 'pde' });
  return spawn<PdeWorkerApi>('PDE', w, onDeath);
}
