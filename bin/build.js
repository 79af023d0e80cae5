#!/usr/bin/env node
// Builds dist/ from the TypeScript, so nothing runs through a TypeScript loader (tsx transpiling at
// every start cost `kaohe check` 1.2–1.4 s):
// - dist/**.js: every module transpiled alone by esbuild (no type check: `npm run typecheck` does
//   that) — the library (dist/index.js, `import … from 'kaohe'`) and the server's modules;
// - dist/bin/: the `kaohe` command bundled with a chunk per command (bin/kaohe.js loads it): `kaohe
//   check` reads a dozen files instead of ~800 (our modules, chevrotain and lodash-es), and skips
//   Chevrotain's grammar validations, which the build runs once instead;
// - dist/server/lang-pool/worker.js: the language worker thread's script, one bundled module;
// - dist/**.d.ts: the library's declarations (tsc -p tsconfig.build.json --noCheck, from index.ts:
//   emitted without type-checking — `npm run typecheck` checks; the same declarations but for the
//   order of a union's members, 3.4 s instead of 8.5 s, issue 16 session 10).
//
// Staleness is by modification time: a source newer than dist's stamp rebuilds the JavaScript (a
// second or two), and — with `types` — the declarations (tsc, a few seconds). `npm ci` builds
// everything (the `prepare` script); `npm test` (vitest's globalSetup) and `npm start` rebuild what
// is stale first, so an edited .ts file never runs as old JavaScript there.
//
// dist/ holds only built files: the folders the code reads (the reference schemes, the migrations,
// the built editor) stay where they are and the built code points at them (ASSETS), so `npm pack`
// ships them beside dist/ ("files") and packing changes nothing the working tree runs from — it
// used to swap dist/'s links to those folders for copies and back (a running server or test run lost
// them meanwhile, and an interrupted pack left stale copies). The JavaScript is written file by file
// with a rename (a process loading a module during a rebuild reads the old file or the new one).
//
//   node bin/build.js                      JavaScript + declarations, unconditionally (npm run build)
//   node bin/build.js --if-stale [--types] only what is older than its sources

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DIST = join(ROOT, 'dist');

/** What runs: everything but tests, benchmarks and the browser editor (Vite bundles that itself). */
const SOURCE_DIRS = ['dsl', 'engine', 'server', 'cli', 'sheets', 'analytics', 'simulate', 'report'];
const SOURCE_FILES = ['index.ts', 'editor/build-if-stale.ts'];
/** Besides the sources, what changes the output. */
const CONFIG_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'bin/build.js'];

/** Folders the built code reads (`new URL('../schemes', import.meta.url)` in server/bootstrap.ts…):
 * such a URL is pointed at the folder itself from wherever the module is built to (urlsFor). */
const ASSETS = ['schemes', 'editor/dist', 'server/db/migrations', 'server/db/postgres/migrations'];

const JS_STAMP = join(DIST, '.built-js');
const TYPES_STAMP = join(DIST, '.built-types');

function walk(dir, out) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The TypeScript files dist/ is built from (absolute paths). */
export function sources() {
  const out = [];
  for (const d of SOURCE_DIRS) walk(join(ROOT, d), out);
  for (const f of SOURCE_FILES) out.push(join(ROOT, f));
  return out;
}

function mtime(p) {
  try { return statSync(p).mtimeMs; } catch { return -Infinity; }
}

/** Whether a source (or a config file) is newer than the stamp: `'js'` or `'types'`. */
export function isStale(what = 'js') {
  const stamp = mtime(what === 'js' ? JS_STAMP : TYPES_STAMP);
  if (stamp === -Infinity) return true;
  for (const f of CONFIG_FILES) if (mtime(join(ROOT, f)) > stamp) return true;
  for (const f of sources()) if (mtime(f) > stamp) return true;
  return false;
}

/** The stamp is written with the time the build STARTED: a file edited during the build is stale. */
function stamp(file, startedMs) {
  writeFileSync(file, `${new Date(startedMs).toISOString()}\n`);
  utimesSync(file, startedMs / 1000, startedMs / 1000);
}

/** dist/**.js whose source is gone (a renamed or deleted module) are removed. */
function prune(files) {
  const wanted = new Set(files.map((f) => relative(ROOT, f).replace(/\.ts$/, '.js')));
  const visit = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isSymbolicLink() || p === join(DIST, 'bin')) continue; // (links to ASSETS: an earlier build's)
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.js') && !wanted.has(relative(DIST, p))) rmSync(p);
    }
  };
  if (existsSync(DIST)) visit(DIST);
}

/** Packages the CLI bundle leaves to node_modules: all but chevrotain (and, through it, lodash-es),
 * whose hundreds of small modules were most of `kaohe check`'s start-up. */
function externals() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})].filter((d) => d !== 'chevrotain');
}

const IMPORT_META_URL = /,\s*import\.meta\.url\s*\)/g; // the base of `new URL(path, import.meta.url)`
const NEW_URL = /new URL\((['"])([^'"]*)\1,\s*import\.meta\.url\s*\)/g;
const urlPath = (p) => { const u = p.split(sep).join('/'); return u.startsWith('.') ? u : `./${u}`; };

/** `new URL(path, import.meta.url)` of a module built into folder `outDir` (its per-file place, or a
 * bundle's folder): a path into one of ASSETS becomes the way from outDir to that folder; any other
 * (a built sibling: `./worker.js`) keeps its meaning in the per-file layout — from a bundle, resolved
 * against the module's per-file place. A path that is not a string literal fails the build. */
function urlsFor(text, sourceFile, outDir) {
  const perFile = join(DIST, relative(ROOT, sourceFile).replace(/\.ts$/, '.js'));
  const out = text.replace(NEW_URL, (all, quote, path) => {
    const target = join(dirname(sourceFile), path);
    if (ASSETS.some((a) => target === join(ROOT, a) || target.startsWith(join(ROOT, a) + sep))) {
      return `new URL(${JSON.stringify(urlPath(relative(outDir, target)))}, import.meta.url)`;
    }
    if (outDir === dirname(perFile)) return all;
    return `new URL(${quote}${path}${quote}, new URL(${JSON.stringify(relative(outDir, perFile))}, import.meta.url))`;
  });
  if ((text.match(IMPORT_META_URL) ?? []).length !== (text.match(NEW_URL) ?? []).length) {
    throw new Error(`${relative(ROOT, sourceFile)}: new URL(path, import.meta.url) with a path that is not a string literal (bin/build.js cannot place it)`);
  }
  return out;
}

/** Resolves those URLs for each module as it is loaded: `outDir(source)` is the folder it is built into. */
const urlsPlugin = (outDir) => ({
  name: 'import-meta-urls',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return { contents: urlsFor(text, args.path, outDir(args.path)), loader: 'ts' };
    });
  },
});

/** What every bundle shares: ES modules for Node 20, npm packages but chevrotain left outside, the
 * grammar validated at build time. */
const bundled = (outDir) => ({
  bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning',
  external: externals(), plugins: [urlsPlugin(() => outDir)], define: { KAOHE_GRAMMAR_VALIDATED: 'true' },
});

/** The `kaohe` command as one module graph with a chunk per command (dist/bin/): `kaohe check`
 * loads the dispatcher, the check command and the language — a dozen files, not eight hundred. */
async function bundleCli(esbuild) {
  const outdir = join(DIST, 'bin');
  const fresh = `${outdir}.${process.pid}.tmp`;
  await esbuild.build({
    ...bundled(outdir), entryPoints: { main: join(ROOT, 'cli/main.ts'), io: join(ROOT, 'cli/io.ts') }, outdir: fresh, splitting: true,
    // less text for V8 to scan at every start (2.2 → 1.8 MB; −4% of `kaohe check`'s CPU, engineer F);
    // names are kept, and the command shows no stack traces (its errors are zh/en lines)
    minifyWhitespace: true, minifySyntax: true,
  });
  // Swapped in whole: a `kaohe` started meanwhile (another test run) sees the old bundle or the new.
  const old = `${outdir}.${process.pid}.old`;
  if (existsSync(outdir)) renameSync(outdir, old);
  renameSync(fresh, outdir);
  rmSync(old, { recursive: true, force: true });
}

/** The language worker thread's script (server/lang-pool/script.ts) as one module, in place of its
 * per-file build: a worker starts from one file, and a replaced worker starts as fast. */
async function bundleWorker(esbuild) {
  const outfile = join(DIST, 'server/lang-pool/worker.js');
  const built = await esbuild.build({ ...bundled(dirname(outfile)), entryPoints: [join(ROOT, 'server/lang-pool/worker.ts')], outfile, write: false });
  for (const f of built.outputFiles) replaceFile(f.path, f.contents);
}

/** The bundle skips Chevrotain's grammar validations (dsl/parser/parser-base.ts): they run here,
 * once, on the per-file build, which keeps them — a grammar error fails the build. */
async function validateGrammar() {
  const { parse } = await import(pathToFileURL(join(DIST, 'dsl/parser/index.js')).href);
  const { SourceFile } = await import(pathToFileURL(join(DIST, 'dsl/source.js')).href);
  parse(new SourceFile('scheme x {}', '<build>'));
}

/** Writes a built file by a rename (a reader sees the old text or the new), unless it is unchanged. */
function replaceFile(path, contents) {
  try { if (Buffer.compare(readFileSync(path), contents) === 0) return; } catch { /* new */ }
  mkdirSync(dirname(path), { recursive: true });
  const fresh = `${path}.${process.pid}.tmp`;
  writeFileSync(fresh, contents);
  renameSync(fresh, path);
}

/** Transpiles every source to dist/ (same layout: the library, the language worker), then bundles
 * the CLI into dist/bin/. */
export async function buildJs() {
  const started = Date.now();
  const esbuild = await import('esbuild');
  const files = sources();
  const built = await esbuild.build({
    entryPoints: files, outdir: DIST, outbase: ROOT, bundle: false, format: 'esm', platform: 'node',
    target: 'node20', logLevel: 'warning', sourcemap: false, write: false,
    plugins: [urlsPlugin((source) => dirname(join(DIST, relative(ROOT, source))))],
  });
  for (const f of built.outputFiles) replaceFile(f.path, f.contents);
  prune(files);
  await validateGrammar();
  await bundleCli(esbuild);
  await bundleWorker(esbuild);
  stamp(JS_STAMP, started);
  return Date.now() - started;
}

/** Emits dist/**.d.ts for the library API (index.ts and what it reaches) with tsc. */
export function buildTypes() {
  const started = Date.now();
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  if (!existsSync(tsc)) { // an install without devDependencies: the JavaScript runs, only typings are missing
    process.stderr.write('build: typescript is not installed, no declarations (dist/**.d.ts) written\n');
    return 0;
  }
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--noCheck'], { stdio: 'inherit' });
  // 2: errors tsc reports even unchecked (a syntax error), declarations written all the same
  // (type errors are `npm run typecheck`'s to fail on).
  if (r.status === 2) process.stderr.write('build: declarations written despite the errors above\n');
  else if (r.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${r.status})`);
  stamp(TYPES_STAMP, started);
  return Date.now() - started;
}

const LOCK = join(ROOT, 'node_modules/.kaohe-build.lock');

/** Runs `fn` holding the build lock (a directory: created or not, atomically), so test runs started
 * side by side do not build into each other; a lock older than two minutes is a crashed build's. */
async function locked(fn) {
  for (;;) {
    try { mkdirSync(LOCK); break; } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      if (Date.now() - mtime(LOCK) > 120_000) { rmSync(LOCK, { recursive: true, force: true }); continue; }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try { return await fn(); } finally { rmSync(LOCK, { recursive: true, force: true }); }
}

/** Builds what is stale (JavaScript; with `types` the declarations too); returns what was built. */
export function ensureBuilt({ types = false } = {}) {
  if (!isStale('js') && !(types && isStale('types'))) return Promise.resolve([]);
  return locked(async () => {
    const built = [];
    if (isStale('js')) { await buildJs(); built.push('js'); }
    if (types && isStale('types')) { buildTypes(); built.push('types'); }
    return built;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `npm pack` runs `prepare` after `prepack`: there it builds only what is stale, as prepack did.
  const packing = process.env.npm_command === 'pack' && process.env.npm_lifecycle_event === 'prepare';
  const args = packing ? ['--if-stale', '--types'] : process.argv.slice(2);
  if (args.includes('--if-stale')) {
    const built = await ensureBuilt({ types: args.includes('--types') });
    process.stderr.write(built.length ? `built dist/ (${built.join(', ')})\n` : 'dist/ is up to date\n');
  } else {
    const [js, types] = await locked(async () => [await buildJs(), buildTypes()]);
    process.stderr.write(`built dist/: JavaScript ${js} ms, declarations ${types} ms\n`);
  }
}
