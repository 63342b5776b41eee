/// <reference lib="webworker" />
/** The fast sum's helper worker (fastSumHelper.ts): each block handed over is served until the next. */
import { NearHelper } from '../model/fastsum/helper';

const helper = new NearHelper();
self.onmessage = (e: MessageEvent<{ buffer: SharedArrayBuffer; n: number }>) =>
  helper.attach(e.data.buffer, e.data.n);
