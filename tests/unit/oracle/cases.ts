/** Loading the independent implementation's cases shipped in tests/oracle-cases (format and provenance in its README). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoreModel, ExternalField, Geometry } from '../../../src/model/types';

export const ORACLE_DIR = fileURLToPath(new URL('../../oracle-cases', import.meta.url));

export interface OracleCase {
  geometry: Geometry;
  core: CoreModel;
  delta: number;
  U?: { modes?: ExternalField['modes']; force?: [number, number] };
  particles: number[][];
  expected: { velocities?: number[][]; energy?: number; T?: number; particles?: number[][] };
}

export function loadCase(name: string): OracleCase {
  return JSON.parse(readFileSync(join(ORACLE_DIR, name), 'utf8'));
}

export function fieldOf(c: OracleCase): ExternalField {
  return { modes: c.U?.modes ?? [], force: c.U?.force ?? [0, 0] };
}

export function relativeVelocityError(v: ArrayLike<number>, ref: number[][]): number {
  let maxErr = 0;
  let ms = 0;
  ref.forEach(([rx, ry], i) => {
    maxErr = Math.max(maxErr, Math.hypot(v[2 * i] - rx, v[2 * i + 1] - ry));
    ms += rx * rx + ry * ry;
  });
  return maxErr / Math.sqrt(ms / ref.length);
}
