// What `npm pack` puts in the tarball (issue 16): the built library and CLI (dist/, bin/kaohe.js), the
// folders the built code reads — the reference schemes, the migrations and the built editor, shipped
// where they lie in the project (bin/build.js points the built code at them; dist/ holds no links and
// packing copies nothing into it) — and the docs; not the tests, benchmarks or TypeScript sources.
// The tarball unpacked as an installed package (its dependencies linked to ours, no network) finds
// every folder its code names, opens a database (the migrations) and checks a shipped scheme; a
// CommonJS caller's require('kaohe') loads it (Node ≥ 20.19 / 22.12 load ES modules with require).
// The package is packed and installed once per run for every test that needs it (packed.ts): its
// dependencies linked one by one, as npm would install them.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packed, ROOT } from './packed.js';
import { CHILD_FLAGS } from '../child-flags.js';

let dir: string, pkg: string, files: string[], db: string;
/** Whether this checkout has built the editor (a fresh clone has not: `npm start` and prepack build it). */
const editorBuilt = existsSync(join(ROOT, 'editor/dist/index.html'));

beforeAll(async () => {
  ({ dir, pkg, files } = await packed());
  db = mkdtempSync(join(tmpdir(), 'kaohe-pack-db-'));
}, 600_000);
afterAll(() => rmSync(db, { recursive: true, force: true }));

/** The built modules of a folder (recursively). */
const modules = (at: string): string[] => readdirSync(at, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith('.js')).map((e) => join(e.parentPath, e.name));

describe('npm pack', () => {
  it('ships dist/ with the declarations, bin/kaohe.js, the schemes and migrations, and no tests or sources', () => {
    for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/engine/result-types.d.ts', 'bin/kaohe.js', 'package.json', 'README.md',
      'schemes/province-annual.kaohe', 'server/db/migrations/0000_init.sql', 'server/db/migrations/meta/_journal.json']) {
      expect(files, f).toContain(f);
    }
    if (editorBuilt) expect(files).toContain('editor/dist/index.html');
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('bench/') || f.startsWith('editor/src') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
  });

  it('installed, every folder or file its built code names next to itself is in the package', () => {
    const named: string[] = [];
    for (const file of modules(join(pkg, 'dist'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/new URL\("([^"]*)",\s*(?:new URL\("([^"]*)",\s*)?import\.meta\.url\)/g)) {
        const base = m[2] ? join(dirname(file), m[2]) : file;
        const target = join(dirname(base), m[1]);
        if (/\.(ts|mjs)$/.test(target)) continue; // the language worker's sources, read only when run through tsx
        named.push(relative(pkg, target));
        if (relative(pkg, target) === 'editor/dist' && !editorBuilt) continue; // built by prepack (below)
        expect(existsSync(target), `${relative(pkg, file)} → ${m[1]}`).toBe(true);
      }
    }
    for (const folder of ['schemes', 'server/db/migrations', 'editor/dist']) expect(named, folder).toContain(folder);
    // A fresh clone has not built the editor yet (npm start or prepack does), and this pack skips
    // scripts: then the package must at least list the folder and a real pack must build it.
    if (!editorBuilt) {
      const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[]; scripts: Record<string, string> };
      expect(manifest.files).toContain('editor/dist/');
      expect(manifest.scripts.prepack).toMatch(/editor\/build-if-stale\.js/);
    }
  });

  it('installed, it opens a database (its migrations), loads its reference schemes and checks one with its own command', () => {
    const script = `
      const { openDb, closeDb } = await import(${JSON.stringify(pathToFileURL(join(pkg, 'dist/server/db/client.js')).href)});
      const { DEFAULT_SCHEMES_DIR } = await import(${JSON.stringify(pathToFileURL(join(pkg, 'dist/server/bootstrap.js')).href)});
      const db = openDb(${JSON.stringify(join(db, 'k.db'))});
      const tables = db.$client.prepare("select count(*) n from sqlite_master where type = 'table'").get().n;
      closeDb(db);
      const { readdirSync } = await import('node:fs');
      console.log(JSON.stringify({ tables, schemes: readdirSync(DEFAULT_SCHEMES_DIR).filter((f) => f.endsWith('.kaohe')).length, dir: DEFAULT_SCHEMES_DIR }));`;
    const env = { ...process.env, NODE_OPTIONS: undefined };
    const r = spawnSync(process.execPath, [...CHILD_FLAGS, '--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    const seen = JSON.parse(r.stdout) as { tables: number; schemes: number; dir: string };
    expect(seen.tables).toBeGreaterThan(5);
    expect(seen.schemes).toBe(readdirSync(join(ROOT, 'schemes')).filter((f) => f.endsWith('.kaohe')).length);
    expect(seen.dir).toBe(join(pkg, 'schemes'));
    const check = spawnSync(process.execPath, [...CHILD_FLAGS, join(pkg, 'bin/kaohe.js'), 'check', 'node_modules/kaohe/schemes/window-quarterly.kaohe'], { cwd: dir, encoding: 'utf8', env });
    expect(check.status, check.stderr).toBe(0);
  });

  it("installed, a CommonJS service's require('kaohe') loads the library (exports' default condition, Node's require(esm))", () => {
    const script = `
      const { compile, evaluate } = require('kaohe');
      const { value } = compile('scheme 试算 {\\n  input { 完成率: number }\\n  indicator 完成情况 weight 100% = 完成率 * 100\\n  grades { 优秀 when score >= 90  合格 otherwise }\\n}\\n');
      evaluate(value, { id: 'A1', input: { 完成率: 0.934 } }).then((o) => console.log(JSON.stringify([o.value.score, o.value.grade])));`;
    const r = spawnSync(process.execPath, [...CHILD_FLAGS, '--input-type=commonjs', '-e', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: undefined } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([93.4, '优秀']);
  });
});
