import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { decodeScenario } from '../model/scenario/codec';
import { clip, Invalid, quote } from '../model/scenario/read';
import type { Scenario } from '../model/scenario/types';
import { validateScenario } from '../model/scenario/validate';
import { type EngineConfig, readEngineConfig } from './engineConfig';
import { InputError } from './errors';

export { InputError };

export type Input = { kind: 'cfg'; cfg: EngineConfig } | { kind: 'scenario'; scenario: Scenario };

/**
 * Largest input file read. The largest legitimate inputs are a cfg with 200 000 particles (~10 MB)
 * or a 1024² density block (two million numbers, ~50 MB); the cap keeps `--in /dev/zero` (or a
 * mistaken multi-GB file) from filling the memory.
 */
export const MAX_INPUT_BYTES = 64 * 2 ** 20;

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? clip(String((e as Error)?.message ?? e));
}

/**
 * A file's text, read at most MAX_INPUT_BYTES (+1 to notice more) whatever stat says its size is;
 * problems are blamed on the option `field`.
 */
export function readBounded(path: string, field = 'in', maxBytes = MAX_INPUT_BYTES): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputError(field, `cannot read ${quote(path)} (${errorCode(e)})`);
  }
  try {
    if (fstatSync(fd).isDirectory()) throw new InputError(field, `${quote(path)} is a folder, not a file`);
    const chunks: Buffer[] = [];
    const buf = Buffer.allocUnsafe(1 << 20);
    let total = 0;
    for (;;) {
      let got: number;
      try {
        got = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        throw new InputError(field, `cannot read ${quote(path)} (${errorCode(e)})`);
      }
      if (got === 0) break;
      total += got;
      if (total > maxBytes)
        throw new InputError(
          field,
          `${quote(path)} is larger than ${maxBytes / 2 ** 20} MB (no input needs that much)`,
        );
      chunks.push(Buffer.from(buf.subarray(0, got)));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * `--in` may name a file holding JSON (an engine cfg or an app scenario) or a share link, or be the
 * share link / hash itself. Engine cfgs are recognised by their `particles` or `density` block.
 * Problems with the link or file as a whole are blamed on `in`; bad values on their field.
 */
export function readInput(arg: string | undefined, needParticles = true): Input {
  if (!arg) throw new InputError('in', 'missing --in (a JSON file, a share link, or its hash)');
  const fromFile = exists(arg);
  const text = (fromFile ? readBounded(arg) : arg).trim();
  const what = fromFile ? `the file ${quote(arg)}` : 'the --in text';
  if (text === '') throw new InputError('in', `${what} is empty`);
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new InputError('in', `${what} is not valid JSON (${clip((e as Error).message)})`);
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
  if (!/[#&=]|^v\d/.test(text))
    throw new InputError(
      'in',
      fromFile ? `${what} holds neither JSON nor a scenario link` : `no such file: ${quote(arg)}`,
    );
  const r = decodeScenario(text);
  // 'url' is the link as a whole: on the command line that is --in
  if (!r.ok) throw new InputError(r.error.field === 'url' ? 'in' : r.error.field, r.error.message);
  return { kind: 'scenario', scenario: r.scenario };
}

/**
 * Fails now, before any computing, if `--out` cannot be written: a folder, a missing or
 * read-only folder. (A long run must not end with its result lost.) '-' or nothing: stdout.
 */
export function checkOutput(out: string | undefined): void {
  if (out === undefined || out === '-') return;
  if (out === '') throw new InputError('out', 'is empty (give a file name, or - for stdout)');
  if (exists(out)) {
    if (statSync(out).isDirectory()) throw new InputError('out', `${quote(out)} is a folder, not a file`);
    try {
      accessSync(out, constants.W_OK);
    } catch (e) {
      throw new InputError('out', `${quote(out)} is not writable (${errorCode(e)})`);
    }
    return;
  }
  const folder = dirname(resolve(out));
  if (!exists(folder)) throw new InputError('out', `the folder ${quote(folder)} does not exist`);
  if (!statSync(folder).isDirectory()) throw new InputError('out', `${quote(folder)} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch (e) {
    throw new InputError('out', `cannot create files in ${quote(folder)} (${errorCode(e)})`);
  }
}

/** Writes the result to `out` (checked by checkOutput) or, for '-' or nothing, to stdout. */
export function writeOutput(out: string | undefined, json: string, stdout: (text: string) => void): void {
  if (out === undefined || out === '-') {
    stdout(`${json}\n`);
    return;
  }
  try {
    writeFileSync(out, json);
  } catch (e) {
    throw new InputError('out', `could not write ${quote(out)} (${errorCode(e)})`);
  }
}
