// Session 8's mends of the last reviews (RV1, R2S, R2C), each pinned: one rule for a person's name
// from the roster (engine/display-name.ts) with the same headings the roster reader knows; one
// longest reason for the server and the editor's reason boxes; and round-common.ts — which every
// rounds step imports — importing no step back (it imported void.ts and publicity-late.ts, which
// import it: the record views moved to records.ts).

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayName, NAME_FIELDS } from '../../engine/display-name.js';
import { NAME_HEADERS } from '../../sheets/roster.js';
import { MAX_REASON } from '../../server/rounds/schemas.js';

const ROOT = join(import.meta.dirname, '../..');

describe('a person\'s name from the roster: one rule', () => {
  it('姓名, else name; a non-blank text, trimmed', () => {
    expect(displayName({ 姓名: ' 张三 ', name: 'Zhang San' })).toBe('张三');
    expect(displayName({ 姓名: '  ', name: 'Zhang San' })).toBe('Zhang San');
    expect(displayName({ 科室: '综合科' })).toBeUndefined();
    expect(displayName({ 姓名: 42 })).toBeUndefined();
    expect(displayName(undefined)).toBeUndefined();
  });

  it('goes by the headings the roster reader takes for a name column', () => {
    expect(new Set(NAME_FIELDS)).toEqual(NAME_HEADERS);
  });
});

it('the editor\'s reason boxes stop at the server\'s longest reason', () => {
  const editor = readFileSync(join(ROOT, 'editor/src/rounds/common.ts'), 'utf8');
  expect(Number(/export const MAX_REASON = (\d+);/.exec(editor)?.[1])).toBe(MAX_REASON);
  for (const f of ['amend-panel.ts', 'catch-up-panel.ts', 'state-panel.ts']) {
    expect(readFileSync(join(ROOT, 'editor/src/rounds', f), 'utf8'), f).not.toMatch(/maxlength: \d/);
  }
});

it('round-common.ts is in no import cycle of server/', () => {
  const importsOf = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*? from '(\.[^']+)\.js';/gm)]
    .map((m) => resolve(dirname(file), `${m[1]}.ts`));
  const start = join(ROOT, 'server/rounds/round-common.ts');
  const seen = new Set<string>();
  const back: string[] = [];
  const walk = (file: string, path: string[]) => {
    for (const next of importsOf(file)) {
      if (next === start) back.push([...path, next].map((p) => p.slice(ROOT.length + 1)).join(' → '));
      else if (!seen.has(next) && next.includes('/server/')) { seen.add(next); walk(next, [...path, next]); }
    }
  };
  walk(start, [start]);
  expect(seen.size).toBeGreaterThan(3);
  expect(back).toEqual([]);
});
