import { negativeSobolevDistance } from '../model/diagnostics/sobolev';
import type { SpectrumPair } from '../model/engines/types';
import type { DiagnosticSeries } from './diagnosticSeries';

/**
 * Pairs μ̂± (particle worker) and ρ̂± (PDE worker) sampled at the same checkpoint k, whichever
 * arrives first, and records the H⁻² distances of MATH §8 in `series`, plus how far each side has
 * moved from its own t = 0 state.
 */
export interface SpectrumJoin {
  reset(): void;
  /** `pairWithPde`: false when the PDE is off (nothing would ever pair up, so do not keep it). */
  addParticles(k: number, s: SpectrumPair, pairWithPde: boolean): void;
  addPde(k: number, s: SpectrumPair): void;
  /** Spectra waiting for their partner (bounded by how far one side runs ahead). */
  readonly waiting: number;
}

function pairDistance(a: SpectrumPair, b: SpectrumPair): number {
  const p = negativeSobolevDistance(a.plus, b.plus);
  const m = negativeSobolevDistance(a.minus, b.minus);
  return Math.sqrt(p * p + m * m);
}

export function createSpectrumJoin(series: DiagnosticSeries): SpectrumJoin {
  const particles = new Map<number, SpectrumPair>();
  const pde = new Map<number, SpectrumPair>();
  let mu0: SpectrumPair | null = null;
  let rho0: SpectrumPair | null = null;

  function tryJoin(k: number): void {
    const a = particles.get(k);
    const b = pde.get(k);
    if (!a || !b) return;
    series.record(k, 'distancePlus', negativeSobolevDistance(a.plus, b.plus));
    series.record(k, 'distanceMinus', negativeSobolevDistance(a.minus, b.minus));
    particles.delete(k);
    pde.delete(k);
  }

  return {
    reset() {
      particles.clear();
      pde.clear();
      mu0 = null;
      rho0 = null;
    },
    addParticles(k, s, pairWithPde) {
      if (k === 0 || !mu0) mu0 = s;
      series.record(k, 'particleChange', pairDistance(s, mu0));
      if (!pairWithPde) return;
      particles.set(k, s);
      tryJoin(k);
    },
    addPde(k, s) {
      if (k === 0 || !rho0) rho0 = s;
      series.record(k, 'pdeChange', pairDistance(s, rho0));
      pde.set(k, s);
      tryJoin(k);
    },
    get waiting() {
      return particles.size + pde.size;
    },
  };
}
