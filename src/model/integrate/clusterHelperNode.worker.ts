/** Entry point of the node cluster helper thread (clusterHelperNode.ts): blocks handed over serve cluster solves. */
import { parentPort } from 'node:worker_threads';
import { ClusterHelper } from './clusterHelper';
import type { ClusterAttach } from './clusterShare';

const helper = new ClusterHelper();
parentPort!.on('message', (m: ClusterAttach) => helper.attach(m));
