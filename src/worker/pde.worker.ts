/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { PdeEngine } from '../model/engines/pdeEngine';
import { holdLifeLock } from './lifeLock';
import type { PdeWorkerApi } from './protocol';
import { transferPdeReply } from './transferables';

const engine = new PdeEngine();

/** The PDE worker: a thin comlink shell over PdeEngine (typed arrays transferred). */
const api: PdeWorkerApi = {
  holdLifeLock,
  async init(scenario, h) {
    return transferPdeReply(engine.init(scenario, h));
  },
  async update(scenario) {
    return transferPdeReply(engine.update(scenario));
  },
  async reset() {
    return transferPdeReply(engine.reset());
  },
  async advance(target, budgetMs) {
    return transferPdeReply(engine.advance(target, budgetMs));
  },
};

Comlink.expose(api);
