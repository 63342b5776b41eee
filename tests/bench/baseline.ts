/**
 * The "before" column of a benchmark: src/model as it was at a given commit, extracted with
 * `git archive` into a temporary directory and imported from there, so old and new code are
 * timed in the same process (the machine is shared; ratios measured side by side are what
 * holds). Needs git and the repository's history; returns null (with a note) otherwise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function baselineModelDir(commit: string): string | null {
  const dir = join(tmpdir(), `dislocation-lab-model-${commit}`);
  if (existsSync(join(dir, 'src', 'model'))) return join(dir, 'src', 'model');
  try {
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['archive', commit, 'src/model'], { maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    return join(dir, 'src', 'model');
  } catch (e) {
    console.log(`baseline ${commit} unavailable: ${(e as Error).message.split('\n')[0]}`);
    return null;
  }
}

/** Import a module of the baseline tree, e.g. importBaseline(c, 'fastsum/index.ts'). */
export async function importBaseline<T>(commit: string, file: string): Promise<T | null> {
  const dir = baselineModelDir(commit);
  if (!dir) return null;
  return (await import(pathToFileURL(join(dir, file)).href)) as T;
}
