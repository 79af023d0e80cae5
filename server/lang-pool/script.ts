// The script a language worker runs. Built (dist/, bin/build.js): dist/server/lang-pool/worker.js,
// the worker bundled into one plain ES module at build time — no TypeScript loader, no esbuild at
// run time. From the TypeScript sources (tsx, vitest) a worker thread has no TypeScript loader of
// its own: the fallback, worker-entry.mjs, registers tsx and imports worker.ts, which then loads the
// language and the engine module by module through tsx's loader — 1.5–2 s on an idle machine, 5–8 s
// on a loaded one, paid again by every replacement of a stopped worker. So there the pool first
// bundles worker.ts with esbuild into one ES module in the temporary directory, named by its
// content's hash: a worker loads that in about a second (measured 1.0–1.6 s under the same load,
// its parser warm-up included). The bundle is built once per process, off the event loop (esbuild
// runs as a child process); should anything fail — no esbuild, a build error, a bundle whose worker
// dies before it is ready — workers use the tsx entry. When dist/ is built and no source is newer than
// its build (bin/build.js isStale; `npm test` and `npm start` build it first), dist's worker is the same
// code: it is used and nothing is bundled (≈ 0.9 s CPU saved per process; three test workers a run).
// The bundle stays for the next process of the same sources (its mtime marks its last use); one of
// other sources unused for an hour is removed when a new one is written: each is ≈4 MB, one per
// version of the sources a test or development run saw (211 MB in a day of edits). Never one from
// dist/ (`kaohe serve` as installed writes none). A removed bundle still in use by an old process is
// one whose next worker dies before it is ready: the tsx entry then.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Running from dist/: this module is JavaScript, and the built worker lies next to it. */
const BUILT = import.meta.url.endsWith('.js');
const BUILT_ENTRY = new URL('./worker.js', import.meta.url);

/** The entry of last resort (pool.ts stops falling back once a worker of it dies): from the sources,
 * worker.ts through tsx — works wherever the project runs, slower to start; built, the built worker. */
export const TSX_ENTRY = BUILT ? BUILT_ENTRY : new URL('./worker-entry.mjs', import.meta.url);

// CommonJS packages inside an ES module bundle call `require` for Node's built-ins.
const BANNER = "import { createRequire as __kaoheRequire } from 'node:module'; const require = __kaoheRequire(import.meta.url);";

async function bundle(): Promise<URL> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent',
    banner: { js: BANNER },
  });
  const text = out.outputFiles[0].text;
  const file = join(tmpdir(), `kaohe-lang-worker-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
  if (existsSync(file)) {
    try {
      const now = new Date();
      utimesSync(file, now, now); // used now
    } catch { /* another user's: theirs to keep */ }
  } else {
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, text);
    renameSync(partial, file); // whole or absent, whichever process wrote it
    removeStale(file);
  }
  return pathToFileURL(file);
}

const STALE_MS = 60 * 60 * 1000;
const BUNDLE = /^kaohe-lang-worker-[0-9a-f]{16}\.mjs(?:\.\d+\.tmp)?$/;

/** Removes the bundles (and half-written ones) in `dir` other than `keep` unused for STALE_MS. */
export function removeStale(keep: string, dir = tmpdir()): void {
  let names: string[];
  try { names = readdirSync(dir); } catch { return; }
  for (const name of names) {
    const path = join(dir, name);
    if (!BUNDLE.test(name) || path === keep) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch { /* removed meanwhile, or not ours to remove */ }
  }
}

let script: Promise<URL> | undefined;

/** dist's worker when running from sources whose build is up to date; undefined otherwise (no dist/,
 * a source edited since, or no bin/build.js: an installed package runs BUILT and never asks). */
async function freshBuiltWorker(): Promise<URL | undefined> {
  // The project's folder from the sources (server/lang-pool/ → ../../). Only ever read from the sources:
  // built, this module is dist/server/lang-pool/script.js and BUILT takes dist's worker directly.
  const root = new URL('../../', import.meta.url);
  const built = new URL('dist/server/lang-pool/worker.js', root);
  if (!existsSync(built)) return undefined;
  const build = (await import(new URL('bin/build.js', root).href)) as { isStale(what: string): boolean };
  return build.isStale('js') ? undefined : built;
}

/** The built worker; from the sources dist's worker if up to date, else the bundled worker, or the tsx
 * entry when neither can be had. */
export function workerScript(): Promise<URL> {
  return (script ??= BUILT ? Promise.resolve(BUILT_ENTRY)
    : freshBuiltWorker().catch(() => undefined).then((url) => url ?? bundle()).catch(() => TSX_ENTRY));
}

/** A bundled worker died before it was ready: the tsx entry from now on. */
export function bundleFailed(): void {
  script = Promise.resolve(TSX_ENTRY);
}
