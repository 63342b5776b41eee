/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { ParticleEngine } from '../model/engines/particleEngine';
import { installBrowserClusterThreads } from './clusterHelper';
import { installBrowserFastSumThreads } from './fastSumHelper';
import { holdLifeLock } from './lifeLock';
import type { ParticleWorkerApi } from './protocol';
import { transferParticleReply } from './transferables';

// helper workers when the page is cross-origin isolated (else one thread): same numbers either way
installBrowserFastSumThreads();
installBrowserClusterThreads();
const engine = new ParticleEngine();

/** The particle worker: a thin comlink shell over ParticleEngine (typed arrays transferred). */
const api: ParticleWorkerApi = {
  holdLifeLock,
  async init(scenario, h) {
    return transferParticleReply(engine.init(scenario, h));
  },
  async update(scenario) {
    return transferParticleReply(engine.update(scenario));
  },
  async reset() {
    return transferParticleReply(engine.reset());
  },
  async advance(target, budgetMs) {
    return transferParticleReply(engine.advance(target, budgetMs));
  },
};

Comlink.expose(api);
