// The words of `gradeReasons` (the user trial's findings, session 4): a condition is quoted in the
// output language's keywords (the formatter's printer: `总分 95.76 >= 90` under zh, whatever the
// scheme's own keywords); a subject below a better grade is told why it missed that grade
// (`未达到“优秀”：…`, only the atoms that decided); a negative item's line is the scheme's line
// (`方案第 86 行`, not a roster row). Both backends write the same words, alone and in a cohort.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { format } from '../../index.js';
import type { SubjectInput } from '../../engine/api.js';
import { codegenCounters, resetCounters } from '../../engine/codegen/index.js';
import { evaluate, evaluateCohort, prepare } from '../../engine/index.js';
import { SUBJECT } from '../../bench/server-load.js';
import { EXAMPLES } from './helpers.js';
import { GRADES, SCHEME, subject } from '../stream/competitor-schemes.js';

const text = readFileSync(`${EXAMPLES}/province-annual.kaohe`, 'utf8');
const en = prepare(text).value!;
const input = SUBJECT.input as Record<string, unknown>; // the scheme's own example: 95.17, 3 × 好
const ofLine = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** The reasons by both backends (equal, and the compiled one really compiled). */
async function reasons(input: Record<string, unknown>, lang: 'zh' | 'en', s = en): Promise<string[]> {
  const a = await evaluate(s, { id: 'x', input }, { lang, backend: 'closures' });
  resetCounters();
  const b = await evaluate(s, { id: 'x', input }, { lang, backend: 'compiled' });
  expect(codegenCounters.compiled).toBe(1);
  expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  if (!a.ok) throw new Error(JSON.stringify(a.errors));
  return a.value.gradeReasons;
}

describe('a condition is quoted in the output language', () => {
  it('zh keywords and built-in names for an English-keyword scheme; en as written', async () => {
    expect(await reasons(input, 'zh')).toEqual(['总分 95.17 >= 90', '计数(q 属于 平时考核 满足 q == 好) = 3 >= 2']);
    expect(await reasons(input, 'en')).toEqual(['score 95.17 >= 90', 'count(q in 平时考核 where q == 好) = 3 >= 2']);
  });

  it('a zh-keyword copy of the scheme gives the same words', async () => {
    const zhText = format(text, { keywords: 'zh' }).text!;
    expect(zhText).toContain('计数(q 属于 平时考核 满足 q == 好)');
    const zh = prepare(zhText).value!;
    for (const lang of ['zh', 'en'] as const) expect(await reasons(input, lang, zh)).toEqual(await reasons(input, lang));
  });
});

describe('why a better grade was missed', () => {
  it('names the deciding atom only, after the grade\'s own reasons', async () => {
    const one好 = { ...input, 平时考核: ['好', '较好', '较好', '较好'] };
    expect(await reasons(one好, 'zh')).toEqual(['总分 95.17 >= 70', '未达到“优秀”：计数(q 属于 平时考核 满足 q == 好) = 1 < 2']);
    expect(await reasons(one好, 'en')).toEqual(['score 95.17 >= 70', '优秀 not reached: count(q in 平时考核 where q == 好) = 1 < 2']);
  });

  it('a low score: the score atom alone (the count is not evaluated)', async () => {
    const low = { ...input, 案件办结数: 20, 执法过错数: 5, 表彰: '无', 创新成果: 0 };
    const r = await reasons(low, 'zh');
    expect(r).toHaveLength(2);
    expect(r[1]).toMatch(/^未达到“优秀”：总分 [\d.]+ < 90$/);
  });

  it('not when a restriction decided the grade', async () => {
    const r = await reasons({ ...input, 处分: true, 平时考核: ['好', '较好', '较好', '较好'] }, 'zh');
    expect(r.some((x) => x.startsWith('未达到'))).toBe(false);
  });

  it('cohort members: the quota words first, a missed grade last, equal between backends', async () => {
    const subjects: SubjectInput[] = [0, 1, 2, 3, 4].map((i) => ({ id: `T${i}`, input: { ...input, 缺勤天数: i } }));
    subjects.push({ id: 'M', input: { ...input, 平时考核: ['好', '较好', '较好', '较好'] } });
    const a = await evaluateCohort(en, subjects, { lang: 'zh', backend: 'closures' });
    const b = await evaluateCohort(en, subjects, { lang: 'zh', backend: 'compiled' });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    if (!a.ok) throw new Error('cohort failed');
    const byId = new Map(a.value.results.map((r) => [r.subject, r]));
    const demoted = byId.get('T4')!;
    expect(demoted.grade).toBe('称职');
    expect(demoted.gradeReasons.findIndex((x) => x.includes('名额'))).toBeGreaterThan(0);
    expect(demoted.gradeReasons.some((x) => x.startsWith('未达到'))).toBe(false); // it reached 优秀; the quota took it
    expect(byId.get('M')!.gradeReasons.at(-1)).toBe('未达到“优秀”：计数(q 属于 平时考核 满足 q == 好) = 1 < 2');
  });
});

describe('a competitor kept by a quota of a lower grade', () => {
  it('the quota words, then why the better grade was missed; compiled = closures', async () => {
    const q = prepare(SCHEME(GRADES), 'competitors.kaohe').value!;
    const subjects = [99, 95, 92, 89.5, 88, 85, 70].map((x, i) => subject(`k${i}`, x, x, { 档: '中', 单位: '一处' }));
    const a = await evaluateCohort(q, subjects, { lang: 'zh', backend: 'closures' });
    resetCounters();
    const b = await evaluateCohort(q, subjects, { lang: 'zh', backend: 'compiled' });
    expect(codegenCounters.bailed).toBe(0); expect(codegenCounters.compiled).toBeGreaterThanOrEqual(subjects.length);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    if (!a.ok) throw new Error('cohort failed');
    const kept = a.value.results.find((r) => r.subject === 'k3')!; // 89.5: 良好, kept by its quota
    expect(kept.grade).toBe('良好');
    expect(kept.gradeReasons).toEqual([kept.gradeReasons[0], kept.quota!.reason, '未达到“优秀”：总分 89.5 < 90']);
  });
});

describe('a negative item is placed by the scheme\'s line', () => {
  it('方案第 N 行 / scheme line N', async () => {
    const n = ofLine('item 受处分');
    expect(await reasons({ ...input, 处分: true }, 'zh')).toContain(`因“受到处分或组织处理”（政治表现负面清单，方案第 ${n} 行），最高定为“基本称职”`);
    expect(await reasons({ ...input, 处分: true }, 'en')).toContain(`capped at 基本称职 by 受到处分或组织处理 (政治表现负面清单, scheme line ${n})`);
  });
});
