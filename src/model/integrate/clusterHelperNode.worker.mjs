// Entry of the node cluster helper thread: registers tsx (the sources are TypeScript), then loads them.
// A worker does not inherit the parent's module hooks on node 20.
import { register } from 'tsx/esm/api';

register();
await import('./clusterHelperNode.worker.ts');
