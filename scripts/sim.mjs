// `npm run sim`: the CLI as one bundle per thread, built by esbuild and cached.
//
// Why not tsx, as before: on node 20 every thread that registers tsx gets its own module-hooks
// thread, and each of its imports is a synchronous request across threads. A `run --pde` starts
// four threads (main, PDE, fast-sum helper, cluster helper), and that start cost ~2 s of CPU on
// a 2-core machine; measured on the n = 1000 bench row, whole process 5.1 → 4.2 s.
//
// The bundles live in node_modules/.cache/sim/<fingerprint>/, where the fingerprint is the path,
// size and mtime of every file under src/ (and of package.json, the lock, tsconfig.json and this
// script): a stat walk of a few ms. An edit makes a new fingerprint and so a new build (~0.2 s).
// Builds go to a private directory renamed into place, so runs started at once never see half a
// build. The worker entries keep their names:
// the sources create them by `new URL('./name.mjs', import.meta.url)`, which resolves beside the
// main bundle. SIM_TSX=1 runs the sources through tsx instead (for debugging with source paths).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Output name → source entry (the names the sources' `new URL(…)` workers ask for). */
export const SIM_ENTRIES = {
  main: 'src/cli/main.ts',
  'pdeThread.worker': 'src/cli/pdeThread.worker.ts',
  'helperNode.worker': 'src/model/fastsum/helperNode.worker.ts',
  'clusterHelperNode.worker': 'src/model/integrate/clusterHelperNode.worker.ts',
  boot: 'src/cli/sweep/worker.ts',
};

function fingerprint() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const s = statSync(path);
        hash.update(`${relative(root, path)}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(src);
  for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/sim.mjs']) {
    const s = statSync(join(root, f), { throwIfNoEntry: false });
    if (s) hash.update(`${f}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The directory holding the current bundles, built first if needed. */
export async function simBundle() {
  const cache = join(root, 'node_modules', '.cache', 'sim');
  const dir = join(cache, fingerprint());
  if (existsSync(join(dir, 'main.mjs'))) {
    const now = new Date();
    utimesSync(dir, now, now);
    return dir;
  }
  const { build } = await import('esbuild');
  const scratch = `${dir}.build-${process.pid}`;
  const options = {
    absWorkingDir: root,
    entryPoints: Object.entries(SIM_ENTRIES).map(([out, entry]) => ({ in: entry, out })),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: scratch,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  };
  try {
    await build(options);
  } catch (e) {
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
  try {
    renameSync(scratch, dir);
  } catch {
    // another run renamed its identical build into place first
    rmSync(scratch, { recursive: true, force: true });
  }
  prune(cache, dir);
  return dir;
}

/**
 * Removes builds unused for a day. Not sooner: a run (a sweep) started from an older build may
 * still start workers from its directory. Every use touches its build.
 */
function prune(cache, keep) {
  const now = Date.now();
  for (const name of readdirSync(cache)) {
    const path = join(cache, name);
    if (path === keep) continue;
    const s = statSync(path, { throwIfNoEntry: false });
    if (s && now - s.mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
  }
}

/** The sources through tsx, in a child process (as `npm run sim` ran them before the bundles). */
function runSources() {
  const args = ['--import', 'tsx', join(src, 'cli', 'main.ts'), ...process.argv.slice(2)];
  process.exitCode = spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.env.SIM_TSX === '1') runSources();
  else {
    let dir = null;
    try {
      dir = await simBundle();
    } catch (e) {
      // a source error (esbuild has printed it; tsx will say it again) or a cache that cannot be
      // written: the sources still run, only slower to start
      const why = (e instanceof Error ? e.message.split('\n')[0] : String(e)).replace(/:$/, '');
      console.error(`sim: could not bundle the CLI (${why}); running the sources through tsx`);
    }
    if (dir) await import(pathToFileURL(join(dir, 'main.mjs')).href);
    else runSources();
  }
}
