/**
 * The "before" column of a benchmark: src/model as it was at a given commit, extracted with
 * `git archive` into a temporary directory and imported from there, so old and new code are
 * timed in the same process (the machine is shared; ratios measured side by side are what
 * holds). The tree also gets that commit's package.json and tsconfig.json and a node_modules
 * link: without them tsx compiles the old files under other settings (no "type": "module", no
 * target) and the before column came out ~2× slow. FASTSUM_BASELINE=<commit> overrides the
 * default commit. Needs git and the repository's history; returns null (with a note) otherwise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The commit of the before column: FASTSUM_BASELINE if set, else the given default. */
export function baselineCommit(fallback: string): string {
  return process.env.FASTSUM_BASELINE || fallback;
}

export function baselineModelDir(commit: string): string | null {
  const dir = join(tmpdir(), `dislocation-lab-tree-${commit}`);
  const model = join(dir, 'src', 'model');
  if (existsSync(join(dir, 'package.json')) && existsSync(model)) return model;
  try {
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['archive', commit, 'src/model', 'package.json', 'tsconfig.json'], {
      maxBuffer: 1 << 28,
    });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    const modules = join(dir, 'node_modules');
    if (!existsSync(modules)) symlinkSync(resolve('node_modules'), modules, 'dir');
    return model;
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
