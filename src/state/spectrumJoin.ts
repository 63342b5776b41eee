import { negativeSobolevDistance } from '../model/diagnostics/sobolev';
import type { SpectrumPair } from '../worker/protocol';
import { recordSeries } from './diagnosticSeries';

/**
 * Pairs μ̂± (particle worker) and ρ̂± (PDE worker) sampled at the same checkpoint k and records
 * the H⁻² distances of MATH §8, plus how far each side has moved from its own t = 0 state.
 */

function pairDistance(a: SpectrumPair, b: SpectrumPair): number {
  const p = negativeSobolevDistance(a.plus, b.plus);
  const m = negativeSobolevDistance(a.minus, b.minus);
  return Math.sqrt(p * p + m * m);
}

const particles = new Map<number, SpectrumPair>();
const pde = new Map<number, SpectrumPair>();
let mu0: SpectrumPair | null = null;
let rho0: SpectrumPair | null = null;

export function resetSpectrumJoin(): void {
  particles.clear();
  pde.clear();
  mu0 = null;
  rho0 = null;
}

function tryJoin(k: number): void {
  const a = particles.get(k);
  const b = pde.get(k);
  if (!a || !b) return;
  recordSeries(k, 'distancePlus', negativeSobolevDistance(a.plus, b.plus));
  recordSeries(k, 'distanceMinus', negativeSobolevDistance(a.minus, b.minus));
  particles.delete(k);
  pde.delete(k);
}

/** `pairWithPde`: false when the PDE is off (nothing would ever pair up, so do not keep it). */
export function addParticleSpectrum(k: number, s: SpectrumPair, pairWithPde: boolean): void {
  if (k === 0 || !mu0) mu0 = s;
  recordSeries(k, 'particleChange', pairDistance(s, mu0));
  if (!pairWithPde) return;
  particles.set(k, s);
  tryJoin(k);
}

export function addPdeSpectrum(k: number, s: SpectrumPair): void {
  if (k === 0 || !rho0) rho0 = s;
  recordSeries(k, 'pdeChange', pairDistance(s, rho0));
  pde.set(k, s);
  tryJoin(k);
}
