// Line wrapping (issue 11): a line wider than 100 display columns (a CJK character takes two)
// breaks at the places expr.ts and decls.ts name, with continuation lines indented; lines written
// over several source lines that fit are joined. Goldens for the cases in wrapping/*.kaohe, in both
// keyword languages; properties over generated schemes and over wide generated expressions.

import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../dsl/format/width.js';
import { choice, fill, group, hardline, indent, join as joinDocs, layout, line, softline } from '../../dsl/format/doc.js';
import { boolExpr, genScheme, numExpr, rngOf, type Env } from '../gen/scheme-arb.js';
import { Names } from '../gen/model.js';
import { Style } from '../gen/style.js';
import { fmt, overflows, parseOk, sameTree } from './helpers.js';

const DIR = join(import.meta.dirname, 'wrapping');
const cases = readdirSync(DIR).filter((f) => f.endsWith('.kaohe')).map((f) => ({ name: basename(f, '.kaohe'), source: readFileSync(join(DIR, f), 'utf8') }));
const source = (name: string) => cases.find((c) => c.name === name)!.source;

describe.each(cases)('wrapping/$name', ({ name, source }) => {
  it('matches the golden files in both keyword languages', async () => {
    await expect(fmt(source, 'en')).toMatchFileSnapshot(`__golden__/wrapping/${name}.en.kaohe`);
    await expect(fmt(source, 'zh')).toMatchFileSnapshot(`__golden__/wrapping/${name}.zh.kaohe`);
  });

  it('keeps the tree and the comments, is idempotent, and stays within 100 columns unless one token forces it', () => {
    for (const lang of ['en', 'zh'] as const) {
      const out = fmt(source, lang);
      sameTree(parseOk(source), parseOk(out));
      expect(fmt(out, lang)).toBe(out);
      expect(overflows(out)).toEqual([]);
    }
  });
});

describe('wrapping rules', () => {
  it('measures display columns: a line of exactly 100 columns stays, one of 101 breaks', () => {
    const out = fmt(source('widths')).split('\n');
    const at = (name: string) => out.findIndex((l) => l.startsWith(`  let ${name} =`));
    const exact = out[at('一二三四五六七八九十一二三四五六七八九a')];
    expect([exact.length, displayWidth(exact)]).toEqual([70, 100]);
    const broken = out[at('一二三四五六七八九十一二三四五六七八九ab')];
    expect(broken).toBe('  let 一二三四五六七八九十一二三四五六七八九ab = 甲');
    expect(out[at('一二三四五六七八九十一二三四五六七八九ab') + 1]).toBe('    + 甲');
  });

  it('joins a hand-wrapped line that fits and wraps one that does not', () => {
    const src = 'scheme s {\n  input { a: number }\n  let x = a +\n    a\n  let y = if a > 0 then a * 2 + a * 3 + a * 4 + a * 5 else a * 6 + a * 7 + a * 8 + a * 9 + a * 10 + a * 11 + a\n}\n';
    expect(fmt(src)).toBe('scheme s {\n  input {\n    a: number\n  }\n  let x = a + a\n'
      + '  let y = if a > 0 then a * 2 + a * 3 + a * 4 + a * 5\n    else a * 6 + a * 7 + a * 8 + a * 9 + a * 10 + a * 11 + a\n}\n');
  });

  it('moves a value whole to the next line when it fits there, else breaks it where it stands', () => {
    const out = fmt(source('lists'));
    expect(out).toContain('  indicator 办结 "案件按期办结" weight 30% =\n    bands 完成率 { >= 98%: 100, >= 95%: 90, >= 90%: 80, else: 60 }\n');
    expect(out).toContain('weight 10% = bands 完成率 {\n    >= 99.5%: 100,\n    >= 99%: 98,\n');
    expect(out).toContain('  indicator 取大 weight 10% = max(\n    min(avg(各季), 100),\n');
  });

  it('fills lists of numbers, several a line', () => {
    expect(fmt(source('lists'))).toContain('      各季: [\n        93.10, 92.40, 91.00, 94.20, 93.10, 92.40, 91.00, 94.20, 93.10, 92.40, 91.00, 94.20, 93.10,\n        92.40\n      ]');
  });

  it('keeps trailing comments after the last line of a wrapped line', () => {
    const src = 'scheme s {\n  input { a: number }\n  let x = a * 0.4 + a * 0.3 + a * 0.2 + a * 0.1 + a / 100 + a - a * 2 + a * 3 + a * 4 + a * 5 + a * 6 // why\n}\n';
    expect(fmt(src)).toContain('  let x = a * 0.4\n    + a * 0.3\n');
    expect(fmt(src)).toContain('    + a * 6 // why\n}\n');
  });
});

describe('display width', () => {
  it('counts CJK characters and full-width punctuation as two columns, others as one, marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('考核方案')).toBe(8);
    expect(displayWidth('（，）：')).toBe(8);
    expect(displayWidth('“”')).toBe(2); // ambiguous width: one column, as outside a CJK locale
    expect(displayWidth('、。')).toBe(4);
    expect(displayWidth('≥ ≤')).toBe(3);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('𠀀x')).toBe(3); // a CJK extension B character: a surrogate pair, two columns
    expect(displayWidth('한글')).toBe(4);
  });
});

describe('layout engine', () => {
  const list = (n: number) => group('[', indent(softline, joinDocs([',', line], Array.from({ length: n }, (_, i) => `item${i}`))), softline, ']');

  it('breaks a group that does not fit and keeps one that does', () => {
    expect(layout(list(2), 20)).toBe('[item0, item1]');
    expect(layout(list(3), 20)).toBe('[\n  item0,\n  item1,\n  item2\n]');
  });

  it('fills: breaks a separator only before an item that does not fit', () => {
    expect(layout(fill(joinDocs([',', line], ['aaaa', 'bbbb', 'cccc', 'dddd'])), 12)).toBe('aaaa, bbbb,\ncccc, dddd');
  });

  it('choice: the first option that fits flat (its hard lines each a new line), else the last', () => {
    const doc = (v: string) => choice(['x = ', v], ['x =', indent(hardline, v)], ['x = ', group('(', indent(softline, v), softline, ')')]);
    expect(layout(doc('12345'), 10)).toBe('x = 12345');
    expect(layout(doc('12345678'), 10)).toBe('x =\n  12345678');
    expect(layout(doc('123456789'), 10)).toBe('x = (\n  123456789\n)');
  });

  it('counts CJK characters as two columns', () => {
    expect(layout(list(1), 7)).toBe('[item0]');
    expect(layout(group('甲甲甲', line, '乙'), 9)).toBe('甲甲甲 乙');
    expect(layout(group('甲甲甲', line, '乙乙'), 10)).toBe('甲甲甲\n乙乙');
  });
});

// ---------------------------------------------------------------- properties

// fc.gen-based generation and parsing cost ~50 ms a case (see generated.test.ts).
const runs = { numRuns: 40, endOnFailure: true };

/** A generated scheme with `let`s, a `when` condition and an indicator appended whose values are
 * generated numeric and boolean expressions (over the scheme's own names) joined by `+` or `and`
 * until they are wider than 100 columns. */
const wideArb = fc.gen().map((g) => {
  const r = rngOf(g);
  const { source, model } = genScheme(r, { tokenComments: 0.02 });
  const env: Env = { m: model, s: new Style(r, {}), r, names: new Names(r), binders: [], results: false, indicators: false };
  const wide = (op: string, next: () => { t: string[] }) => {
    const parts: string[] = [];
    while (displayWidth(parts.join(` ${op} `)) <= 110) parts.push(`(${next().t.join(' ')})`);
    return parts.join(` ${op} `);
  };
  const extra = [
    `  let 宽甲 = ${wide('+', () => numExpr(env, 4))}`,
    `  let 宽乙 = ${wide('and', () => boolExpr(env, 3))}`,
    `  when ${wide('or', () => boolExpr(env, 3))} {`,
    `    group 宽组 weight 100% {`,
    `      indicator 宽丙 "一个说明" weight 100% = max(${wide(',', () => numExpr(env, 4))})`,
    '    }',
    '  }',
  ];
  const at = parseOk(source).scheme!.span.end - 1; // the scheme's `}` (a comment may follow)
  return source.slice(0, at) + extra.join('\n') + '\n' + source.slice(at);
});

describe('properties', () => {
  it('generated schemes: no code line wider than 100 columns unless one token forces it', () => {
    fc.assert(fc.property(wideArb, (source) => {
      for (const lang of ['en', 'zh'] as const) expect(overflows(fmt(source, lang)), source).toEqual([]);
    }), runs);
  });

  it('wide schemes keep their tree and are idempotent in both keyword languages', () => {
    fc.assert(fc.property(wideArb, (source) => {
      const before = parseOk(source);
      for (const lang of ['en', 'zh'] as const) {
        const once = fmt(source, lang);
        sameTree(before, parseOk(once));
        expect(fmt(once, lang)).toBe(once);
        expect(fmt(once)).toBe(once);
      }
    }), runs);
  });
});
