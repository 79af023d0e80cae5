// ParsedFile.keywords is built on first read from the lexer's notes (dsl/ast-keywords.ts): the list
// must still be the keywords of the tokens as the parse read them — a misspelt keyword read as the
// keyword meant is listed, a keyword read as a name is not — and reads, `hasKeyword` and assignment
// must agree whether or not the list has been built.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { hasKeyword, noKeywords } from '../../dsl/ast-keywords.js';

const at = (src: string) => analyze(src).parsed.keywords.map((k) => `${k.id}@${k.span.start}-${k.span.end}`);

describe('ParsedFile.keywords', () => {
  it('lists a misspelt keyword as the keyword it was read as', () => {
    expect(at('scheme s {\n  input { a: number }\n  indicater x weight 100% = a\n}\n'))
      .toEqual(['scheme@0-6', 'input@13-18', 'number@24-30', 'indicator@35-44', 'weight@47-53']);
    expect(at('scheme s {\n  input { a: number }\n  indicator x wieght 100% = a\n}\n'))
      .toEqual(['scheme@0-6', 'input@13-18', 'number@24-30', 'indicator@35-44', 'weight@47-53']);
  });

  it('does not list a keyword read as a name', () => {
    const src = 'scheme s {\n  input { a: number }\n  indicator 其他 weight 100% = a\n  grades { 好 otherwise }\n}\n';
    expect(at(src)).toEqual(['scheme@0-6', 'input@13-18', 'number@24-30', 'indicator@35-44', 'weight@48-54', 'grades@66-72', 'otherwise@77-86']);
  });

  it('is one list on every read; hasKeyword and noKeywords agree before and after it is built, and after assignment', () => {
    const parsed = analyze('方案 s {\n  输入 { a: 数值 }\n  指标 x 权重 100% = a\n}\n').parsed;
    expect([hasKeyword(parsed, ['indicator']), hasKeyword(parsed, ['overall', 'cohort']), noKeywords(parsed)]).toEqual([true, false, false]);
    const list = parsed.keywords;
    expect(parsed.keywords).toBe(list);
    expect(list.map((k) => k.id)).toEqual(['scheme', 'input', 'number', 'indicator', 'weight']);
    expect(JSON.parse(JSON.stringify(parsed)).keywords).toEqual(list);
    expect([hasKeyword(parsed, ['indicator']), hasKeyword(parsed, ['overall', 'cohort']), noKeywords(parsed)]).toEqual([true, false, false]);
    parsed.keywords = [];
    expect([parsed.keywords.length, hasKeyword(parsed, ['indicator']), noKeywords(parsed)]).toEqual([0, false, true]);
  });
});
