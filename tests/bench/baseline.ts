/**
 * The "before" column of a benchmark: src/model as it was at a given commit, extracted with
 * `git archive` into a temporary directory and imported from there, so old and new code are
 * timed in the same process (the machine is shared; ratios measured side by side are what
 * holds). Needs git and the repository's history; returns null (with a note) otherwise.
 *
 * The tree gets this checkout's package.json and tsconfig.json and a link to its node_modules:
 * without package.json's "type": "module" the loader treats the old files differently from the
 * new ones: timing one commit against itself (FASTSUM_BASELINE=HEAD, n = 1e4), the bare tree
 * ran 2.4–4.1× slower than the same code imported from the checkout; with these files, 1.0×.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The commit of the before column: FASTSUM_BASELINE if set, else the given default. */
export function baselineCommit(fallback: string): string {
  return process.env.FASTSUM_BASELINE || fallback;
}

export function baselineModelDir(commit: string): string | null {
  let hash: string;
  try {
    hash = execFileSync('git', ['rev-parse', '--short=12', commit]).toString().trim();
  } catch (e) {
    console.log(`baseline ${commit} unavailable: ${(e as Error).message.split('\n')[0]}`);
    return null;
  }
  const dir = join(tmpdir(), `dislocation-lab-tree-${hash}`);
  if (existsSync(join(dir, 'package.json'))) return join(dir, 'src', 'model');
  try {
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['archive', hash, 'src/model'], { maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    const root = process.cwd();
    copyFileSync(join(root, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    if (existsSync(join(root, 'node_modules')) && !existsSync(join(dir, 'node_modules'))) {
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    }
    // last: its presence marks the tree complete
    copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
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
