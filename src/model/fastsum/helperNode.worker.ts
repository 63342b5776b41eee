/** Entry point of the node helper thread (helperNode.ts): blocks handed over serve the near field. */
import { parentPort } from 'node:worker_threads';
import { NearHelper } from './helper';

const helper = new NearHelper();
parentPort!.on('message', (m: { buffer: SharedArrayBuffer; n: number }) => helper.attach(m.buffer, m.n));
