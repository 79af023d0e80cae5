// Builds the editor (editor/dist) when it is missing or older than its sources: editor/src, dsl/
// (bundled into the language-service worker), editor/index.html, the Vite config and the user guide.
// `npm start` runs it before serving (built: dist/editor/build-if-stale.js, plain JavaScript); the
// browser tests and the editor benchmark call `ensureEditorBuilt()`; `kaohe serve` asks `editorIsStale()`.
//
//   node dist/editor/build-if-stale.js [--force]     (from the sources: node --import tsx editor/build-if-stale.ts)

import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project: the nearest folder with a package.json above this module, which lies in editor/ or,
 * built, in dist/editor/ (or inside a bundle in dist/bin/). */
function projectRoot(): string {
  let dir = fileURLToPath(new URL('../', import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const ROOT = projectRoot();

/** Newest modification time of the files under a directory. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function editorIsStale(): boolean {
  const dist = join(process.env.KAOHE_EDITOR_DIST ?? join(ROOT, 'editor/dist'), 'index.html');
  if (!existsSync(dist)) return true;
  if (!existsSync(join(ROOT, 'editor/src'))) return false; // an installed package: built, no sources to build from
  // sheets/: rosters in and results out, read and written in the browser by the cohort panel.
  const sources = Math.max(newest(join(ROOT, 'editor/src')), newest(join(ROOT, 'dsl')), newest(join(ROOT, 'sheets')),
    statSync(join(ROOT, 'editor/vite.config.ts')).mtimeMs, statSync(join(ROOT, 'editor/index.html')).mtimeMs,
    // The user guide is bundled (editor/src/guide.ts).
    ...['docs/guide.md', 'docs/指南.md'].map((f) => (existsSync(join(ROOT, f)) ? statSync(join(ROOT, f)).mtimeMs : 0)));
  return statSync(dist).mtimeMs < sources;
}

/** Built beside the folder and swapped in: a server serving the editor meanwhile (`npm start`, a
 * test) reads the old files or the new, never an emptied folder (Vite empties its outDir first). */
export async function ensureEditorBuilt(force = false): Promise<boolean> {
  if (!force && !editorIsStale()) return false;
  const { build } = await import('vite');
  const out = resolve(ROOT, 'editor', process.env.KAOHE_EDITOR_DIST ?? 'dist'); // as vite.config.ts's outDir
  const fresh = `${out}.${process.pid}.tmp`, old = `${out}.${process.pid}.old`;
  try {
    await build({ configFile: join(ROOT, 'editor/vite.config.ts'), logLevel: 'warn', build: { outDir: fresh } });
  } catch (e) {
    rmSync(fresh, { recursive: true, force: true });
    throw e;
  }
  if (existsSync(out)) renameSync(out, old);
  renameSync(fresh, out);
  rmSync(old, { recursive: true, force: true });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await ensureEditorBuilt(process.argv.includes('--force'));
  process.stderr.write(built ? 'editor built: editor/dist\n' : 'editor/dist is up to date\n');
}
