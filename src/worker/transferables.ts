import * as Comlink from 'comlink';
import type { ParticleReply, PdeReply, SpectrumPair } from './protocol';

function spectrumBuffers(s: SpectrumPair | null): ArrayBuffer[] {
  return s ? [s.plus.re, s.plus.im, s.minus.re, s.minus.im].map((a) => a.buffer as ArrayBuffer) : [];
}

/** Mark every typed array of a particle reply for transfer (no copy, no JSON). */
export function transferParticleReply<R extends ParticleReply & { signs?: Int8Array }>(reply: R): R {
  const buffers: ArrayBuffer[] = [reply.pos.buffer as ArrayBuffer];
  if (reply.near) buffers.push(reply.near.buffer as ArrayBuffer);
  if (reply.signs) buffers.push(reply.signs.buffer as ArrayBuffer);
  for (const c of reply.checkpoints) buffers.push(...spectrumBuffers(c.spectrum));
  return Comlink.transfer(reply, buffers);
}

/** Mark every typed array of a PDE reply for transfer. */
export function transferPdeReply<R extends PdeReply>(reply: R): R {
  const buffers: ArrayBuffer[] = [reply.rhoPlus.buffer as ArrayBuffer, reply.rhoMinus.buffer as ArrayBuffer];
  for (const c of reply.checkpoints) buffers.push(...spectrumBuffers(c.spectrum));
  return Comlink.transfer(reply, buffers);
}
