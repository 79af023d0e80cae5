// sheets/ keeps to its import rule: the core (sheets/*.ts) runs in the browser too — no node:
// modules, the engine only through its API types, exceljs only loaded on demand or as types, saxes (a
// browser-safe XML parser) for the .xlsx reader — and
// nothing in sheets/ reaches into server/ or editor/. Node-only code lives in sheets/node/.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../sheets');
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import (type )?.*? from '([^']+)';$|import\('([^']+)'\)/gms)]
  .map((m) => ({ spec: m[2] ?? m[3], typeOnly: !!m[1], dynamic: m[3] !== undefined }));

describe('sheets/ imports', () => {
  it('core modules import no node: module, no engine internals, and exceljs only lazily or as types', () => {
    const core = readdirSync(ROOT).filter((f) => f.endsWith('.ts'));
    expect(core.length).toBeGreaterThan(10);
    for (const f of core) {
      for (const i of importsOf(join(ROOT, f))) {
        expect(i.spec, f).not.toMatch(/^node:|^(fs|path|stream|crypto)$/);
        expect(i.spec, f).not.toMatch(/server\/|editor\//);
        if (i.spec.startsWith('../engine/')) expect({ f, ...i }).toMatchObject({ spec: '../engine/api.js', typeOnly: true });
        if (i.spec === 'exceljs') expect(i.dynamic || i.typeOnly, f).toBe(true);
        if (!i.spec.startsWith('.')) expect(['exceljs', 'saxes'], f).toContain(i.spec); // saxes: the .xlsx reader's XML parser (xlsx-xml.ts)
      }
    }
  });

  it('node modules reach no server/ or editor/ code either', () => {
    for (const f of readdirSync(join(ROOT, 'node'))) {
      for (const i of importsOf(join(ROOT, 'node', f))) expect(i.spec, f).not.toMatch(/server\/|editor\//);
    }
  });
});
