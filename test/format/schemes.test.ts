// Golden files and round-trip properties for every reference scheme and every scheme in schemes/,
// in both keyword languages.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fmt, overflows, parseOk, sameTree } from './helpers.js';

// Goldens live under a folder per root: schemes/ may hold copies of the reference schemes.
const ROOTS = { examples: '/work/shared/spec/examples', schemes: join(import.meta.dirname, '../../schemes') };
const files = Object.entries(ROOTS).flatMap(([root, dir]) => {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.kaohe')).map((f) => ({ root, path: join(dir, f) }));
  } catch { return []; }
});

describe.each(files)('$root/$path', ({ root, path }) => {
  const name = `${root}/${basename(path, '.kaohe')}`;
  const source = readFileSync(path, 'utf8');

  it('matches the golden files in both keyword languages', async () => {
    await expect(fmt(source, 'en')).toMatchFileSnapshot(`__golden__/${name}.en.kaohe`);
    await expect(fmt(source, 'zh')).toMatchFileSnapshot(`__golden__/${name}.zh.kaohe`);
  });

  it('is idempotent and switches languages both ways', () => {
    const en = fmt(source, 'en');
    const zh = fmt(source, 'zh');
    expect(fmt(en)).toBe(en);
    expect(fmt(zh)).toBe(zh);
    expect(fmt(zh, 'en')).toBe(en);
    expect(fmt(en, 'zh')).toBe(zh);
    expect(fmt(fmt(source))).toBe(fmt(source));
  });

  it('keeps the tree and the comments', () => {
    const before = parseOk(source);
    for (const lang of ['en', 'zh'] as const) sameTree(before, parseOk(fmt(source, lang)));
  });

  it('stays within 100 columns unless one token forces it', () => {
    for (const lang of ['en', 'zh'] as const) expect(overflows(fmt(source, lang))).toEqual([]);
  });

  it('keeps the file keyword language by default', () => {
    const lang = parseOk(source).keywordLang;
    expect(fmt(source)).toBe(fmt(source, lang));
  });
});

it('finds the reference schemes', () => {
  expect(files.length).toBeGreaterThanOrEqual(3);
});
