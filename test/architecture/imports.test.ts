// The import rules of docs/architecture.md, enforced (STYLE.md §4): the pipeline stages and the
// capabilities built on stored results (analytics/, simulate/, report/) are plain data in and out —
// no HTTP framework, database, editor or server code reaches them — so the CLI, the server and the
// browser can all run them, and a change in the server cannot silently change a statistic.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Every module specifier a file imports or re-exports (static and dynamic). */
function importsOf(text: string): string[] {
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:^|\s)(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/gm)) specs.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]!);
  return specs;
}

const FORBIDDEN_PACKAGES = /^(hono|@hono\/|drizzle-orm|better-sqlite3|monaco-editor|exceljs|echarts)/;

/** Folder → top-level folders of the project it must not import. */
const RULES: Record<string, string[]> = {
  dsl: ['engine', 'server', 'editor', 'cli', 'sheets', 'analytics', 'simulate', 'report'],
  engine: ['server', 'editor', 'cli', 'sheets', 'analytics', 'simulate', 'report'],
  analytics: ['server', 'editor', 'cli', 'sheets', 'simulate', 'report'],
  simulate: ['server', 'editor', 'cli', 'sheets', 'report'],
  report: ['server', 'editor', 'cli', 'simulate'],
};

describe('import rules (docs/architecture.md)', () => {
  for (const [folder, banned] of Object.entries(RULES)) {
    it(`${folder}/ imports no framework, database or outer layer`, () => {
      let files: string[];
      try { files = sourceFiles(join(ROOT, folder)); } catch { files = []; }
      const broken: string[] = [];
      for (const file of files) {
        for (const spec of importsOf(readFileSync(file, 'utf8'))) {
          const rel = relative(ROOT, file);
          if (FORBIDDEN_PACKAGES.test(spec)) broken.push(`${rel} → ${spec}`);
          if (!spec.startsWith('.')) continue;
          const target = relative(ROOT, join(file, '..', spec)).split(/[\\/]/)[0]!;
          if (banned.includes(target)) broken.push(`${rel} → ${spec}`);
        }
      }
      expect(broken).toEqual([]);
    });
  }

  it('database drivers and drizzle only inside the store adapters (server/db/): storage is written once (issue 17)', () => {
    const broken: string[] = [];
    for (const folder of ['server', 'cli']) {
      for (const file of sourceFiles(join(ROOT, folder))) {
        const rel = relative(ROOT, file);
        if (rel.startsWith(join('server', 'db'))) continue;
        for (const spec of importsOf(readFileSync(file, 'utf8'))) if (/^(drizzle-orm|better-sqlite3|pg)(\/|$)/.test(spec)) broken.push(`${rel} → ${spec}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the import scanner sees static, re-exported and dynamic imports', () => {
    const text = "import { a } from './x.js';\nexport { b } from '../server/y.js';\nconst c = await import('hono');";
    expect(importsOf(text)).toEqual(['./x.js', '../server/y.js', 'hono']);
  });
});
