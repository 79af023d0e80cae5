// Cohort examples (issue 13) in the formatter: `given ID { … } [decision { … }]` one subject per line,
// ids as names, quoted names (「003」/`003`) or strings, decision keys and `ID.rank`/`ID.名次`
// switched with the keyword language. Goldens in both languages for test/format/cohort/*.kaohe.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fmt, overflows, parseOk, sameTree } from './helpers.js';

const DIR = join(import.meta.dirname, 'cohort');
const cases = readdirSync(DIR).filter((f) => f.endsWith('.kaohe')).map((f) => ({ name: basename(f, '.kaohe'), source: readFileSync(join(DIR, f), 'utf8') }));

describe.each(cases)('cohort/$name', ({ name, source }) => {
  it('matches the golden files in both keyword languages', async () => {
    await expect(fmt(source, 'en')).toMatchFileSnapshot(`__golden__/cohort/${name}.en.kaohe`);
    await expect(fmt(source, 'zh')).toMatchFileSnapshot(`__golden__/cohort/${name}.zh.kaohe`);
  });

  it('keeps the tree and the comments, is idempotent, switches languages both ways, stays within 100 columns', () => {
    const en = fmt(source, 'en'), zh = fmt(source, 'zh');
    for (const out of [en, zh]) {
      sameTree(parseOk(source), parseOk(out));
      expect(fmt(out)).toBe(out);
      expect(overflows(out)).toEqual([]);
    }
    expect(fmt(zh, 'en')).toBe(en);
    expect(fmt(en, 'zh')).toBe(zh);
  });
});

describe('cohort example layout', () => {
  const source = cases.find((c) => c.name === 'cohort-examples')!.source;

  it('prints a subject on one line, its decision after its input, in the output language', () => {
    expect(fmt(source, 'en')).toContain('    given A2 { 班子: "一班", 得分: 93 } decision { grade: 优秀, order: 1, reason: "党委会研究" }\n');
    expect(fmt(source, 'zh')).toContain('    已知 A5 { 班子: "一班", 得分: 50 } 研究决定 { 等次: 称职, 理由: "班子研究" }\n');
  });

  it('keeps ids that are not names as strings and quotes digit-first ids', () => {
    expect(fmt(source, 'en')).toContain('given "a-4" {');
    expect(fmt(source, 'en')).toContain('given `003` {');
    expect(fmt(source, 'zh')).toContain('已知 「003」 {');
    expect(fmt(source, 'zh')).toContain('预期 「003」.总分 == 80');
  });

  it('translates result and cohort result names after a subject id, not indicator names', () => {
    expect(fmt(source, 'en')).toContain('expect A2.grade == 称职 and A2.cohortRank == 2 and A2.demoted');
    expect(fmt(source, 'zh')).toContain('预期 A1.评定等次 == 优秀 且 A1.名次 == 1 且 非 A1.比例调整');
    expect(fmt(source, 'en')).toContain('"a-4".实绩 == 70');
  });
});
