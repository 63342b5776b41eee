import { existsSync, readFileSync } from 'node:fs';
import { decodeScenario } from '../model/scenario/codec';
import { Invalid } from '../model/scenario/read';
import type { Scenario } from '../model/scenario/types';
import { validateScenario } from '../model/scenario/validate';
import { type EngineConfig, readEngineConfig } from './engineConfig';

/** A user error: the CLI prints `field: message` on one line and exits non-zero. */
export class InputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export type Input = { kind: 'cfg'; cfg: EngineConfig } | { kind: 'scenario'; scenario: Scenario };

/**
 * `--in` may name a file holding JSON (an engine cfg or an app scenario) or a share link, or be the
 * share link / hash itself. Engine cfgs are recognised by their `particles` or `density` block.
 */
export function readInput(arg: string | undefined, needParticles = true): Input {
  if (!arg) throw new InputError('in', 'missing --in (a JSON file, a share link, or its hash)');
  const text = existsSync(arg) ? readFileSync(arg, 'utf8').trim() : arg.trim();
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new InputError('in', `not valid JSON (${(e as Error).message})`);
    }
    const o = json as Record<string, unknown>;
    if (o && typeof o === 'object' && ('particles' in o || 'density' in o) && !('version' in o)) {
      try {
        return { kind: 'cfg', cfg: readEngineConfig(json, needParticles) };
      } catch (e) {
        if (e instanceof Invalid) throw new InputError(e.field, e.message);
        throw e;
      }
    }
    const r = validateScenario(json);
    if (!r.ok) throw new InputError(r.error.field, r.error.message);
    return { kind: 'scenario', scenario: r.scenario };
  }
  if (!existsSync(arg) && !/[#&=]|^v\d/.test(text)) throw new InputError('in', `no such file: ${arg}`);
  const r = decodeScenario(text);
  if (!r.ok) throw new InputError(r.error.field, r.error.message);
  return { kind: 'scenario', scenario: r.scenario };
}
