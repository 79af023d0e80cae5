// Display fields (engine/display.ts): a roster's columns that are not inputs (姓名, 科室, 职务) ride
// along with a subject into its result as text, are never evaluated, and are bounded; a bad one is
// KH-E008 at its path, alone or in a cohort.

import { describe, expect, it } from 'vitest';
import type { SubjectInput } from '../../engine/api.js';
import { MAX_DISPLAY_FIELDS, MAX_DISPLAY_TEXT } from '../../engine/display.js';
import { evaluate, evaluateCohort } from '../../engine/index.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import { loadSource } from './helpers.js';

const { scheme } = loadSource(`scheme D {
  input { 结案数: integer >= 0 }
  indicator 办案 weight 100% = min(100, 结案数 * 10)
  grades { 好 when score >= 90
    差 otherwise }
}`);

const one = (display: unknown) => evaluate(scheme, { id: 'A1', input: { 结案数: 9 }, display } as SubjectInput);

describe('display fields', () => {
  it('are carried into the result as text, after the subject id', async () => {
    const r = await one({ 姓名: '张三', 科室: '综合处', 工号: 7, 系数: 0.1 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.display).toEqual({ 姓名: '张三', 科室: '综合处', 工号: '7', 系数: '0.1' });
    expect(Object.keys(r.value).slice(0, 3)).toEqual(['scheme', 'subject', 'display']);
    expect(r.value.score).toBe(90);
  });

  it('keep every digit of a long number (an 18-digit id sent as a number)', async () => {
    const body = parseJsonExact('{"id": "A1", "input": {"结案数": 9}, "display": {"身份证号": 110101199001011234, "大": 1e100}}') as SubjectInput;
    const r = await evaluate(scheme, body);
    expect(r.ok && r.value.display).toEqual({ 身份证号: '110101199001011234', 大: `1${'0'.repeat(100)}` });
  });

  it('are absent from the result when not sent, and never evaluated (a field named like an input is not read)', async () => {
    const r = await evaluate(scheme, { id: 'A1', input: { 结案数: 9 } });
    expect(r.ok && 'display' in r.value).toBe(false);
    const s = await one({ 结案数: '100' });
    expect(s.ok && s.value.score).toBe(90);
  });

  it('keep a `__proto__` field as a field', async () => {
    const r = await one(JSON.parse('{"__proto__": "x", "姓名": "李四"}'));
    expect(r.ok && Object.entries(r.value.display!)).toEqual([['__proto__', 'x'], ['姓名', '李四']]);
  });

  it('are carried into each cohort result', async () => {
    const r = await evaluateCohort(scheme, [
      { id: 'A1', input: { 结案数: 9 }, display: { 姓名: '张三' } },
      { id: 'A2', input: { 结案数: 5 } },
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.results.map((x) => x.display)).toEqual([{ 姓名: '张三' }, undefined]);
  });
});

describe('bad display fields are KH-E008 at their path', () => {
  const problems = async (display: unknown) => {
    const r = await one(display);
    if (r.ok) throw new Error('expected errors');
    return r.errors.map((e) => [e.code, e.path, e.subject]);
  };

  it('not an object', async () => {
    for (const bad of [[], 'x', null, 3]) expect(await problems(bad)).toEqual([['KH-E008', 'display', 'A1']]);
  });

  it('a value that is not a text or a number, or not well-formed Unicode', async () => {
    expect(await problems({ 姓名: ['张三'], 科室: { a: 1 }, 职务: true, 备注: 'a\ud800' })).toEqual([
      ['KH-E008', 'display.姓名', 'A1'], ['KH-E008', 'display.科室', 'A1'], ['KH-E008', 'display.职务', 'A1'], ['KH-E008', 'display.备注', 'A1'],
    ]);
  });

  it('too many fields, a name too long, a value too long', async () => {
    const many = Object.fromEntries(Array.from({ length: MAX_DISPLAY_FIELDS + 1 }, (_, i) => [`f${i}`, 'x']));
    expect(await problems(many)).toEqual([['KH-E008', 'display', 'A1']]);
    expect(await problems({ [`${'名'.repeat(101)}`]: 'x', '': 'y' }).then((p) => p.length)).toBe(2);
    expect(await problems({ 备注: 'x'.repeat(MAX_DISPLAY_TEXT + 1) })).toEqual([['KH-E008', 'display.备注', 'A1']]);
    const ok = await one({ 备注: 'x'.repeat(MAX_DISPLAY_TEXT) });
    expect(ok.ok).toBe(true);
  });

  it('reported with the input problems, and in a cohort at `subjects[i].display`', async () => {
    const r = await evaluateCohort(scheme, [
      { id: 'A1', input: { 结案数: 9 } },
      { id: 'A2', input: { 结案数: -1 }, display: { 姓名: 1n } as unknown as Record<string, string> },
    ]);
    expect(!r.ok && r.errors.map((e) => [e.code, e.path])).toEqual([['KH-E008', 'subjects[1].display.姓名'], ['KH-E006', 'subjects[1].input.结案数']]);
  });

  it('count towards maxErrors', async () => {
    const r = await evaluate(scheme, { id: 'A1', input: {}, display: { a: [], b: [] } as unknown as Record<string, string> }, { maxErrors: 1 });
    expect(!r.ok && r.errors.map((e) => [e.code, e.path])).toEqual([['KH-E008', 'display.a'], ['KH-E009', 'display']]);
  });
});
