/// <reference lib="webworker" />
/** The cluster solves' helper worker (clusterHelper.ts): each block handed over is served until the next. */
import { ClusterHelper } from '../model/integrate/clusterHelper';
import type { ClusterAttach } from '../model/integrate/clusterShare';

const helper = new ClusterHelper();
self.onmessage = (e: MessageEvent<ClusterAttach>) => helper.attach(e.data);
