import * as Comlink from 'comlink';
import type { ParticleWorkerApi, PdeWorkerApi } from './protocol';

/**
 * A running worker with its comlink proxy. `onDeath` fires once if the worker crashes (an
 * uncaught error or a message that cannot be deserialised); the page itself stays alive.
 */
export interface SimulationWorker<Api> {
  readonly api: Comlink.Remote<Api>;
  readonly name: string;
  terminate(): void;
}

function spawn<Api>(name: string, worker: Worker, onDeath: (message: string) => void): SimulationWorker<Api> {
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
  return {
    api,
    name,
    terminate() {
      dead = true;
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
