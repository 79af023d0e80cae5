// How evaluate() picks the compiled engine (engine/batch.ts, EvalOptions.backend) and how it falls
// back: explanations and the json-rules-engine runtime run on closures; an invalid input gets the
// reference's errors; values past 2^53 bail to closures with the same answer; the counters say which
// path ran. The cache gives one program per plan and per source text.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, planOf, prepare } from '../../engine/index.js';
import { codegenCounters, compileJs, resetCounters } from '../../engine/codegen/index.js';
import { SUBJECT } from '../../bench/server-load.js';

const text = readFileSync('../shared/spec/examples/province-annual.kaohe', 'utf8');
const s = prepare(text).value!;
const input = SUBJECT.input; // the scheme's own example 执法岗 (bench/server-load.ts)
const both = async (subject: object, opts: object = {}) => {
  const a = await evaluate(s, subject as never, { ...opts, backend: 'closures' });
  resetCounters();
  const b = await evaluate(s, subject as never, { ...opts, backend: 'compiled' });
  return { a, b, counters: { ...codegenCounters, reasons: { ...codegenCounters.reasons } } };
};

describe('backend selection', () => {
  it('the scheme\'s own example runs compiled, with the example\'s numbers', async () => {
    const { a, b, counters } = await both({ id: 'x', input }, { lang: 'zh' });
    expect(counters).toEqual({ compiled: 1, bailed: 0, reasons: {} });
    expect(b).toEqual(a);
    expect(b.ok && [b.value.score, b.value.base, b.value.grade, b.value.bonus]).toEqual([95.17, 92.67, '优秀', 1.5]);
  });

  it('the default compiles a plan once it is warm; explain and jre run on closures', async () => {
    const fresh = prepare(`${text}\n// another text, another plan\n`).value!;
    resetCounters();
    for (let i = 0; i < 32; i++) await evaluate(fresh, { id: 'x', input });
    expect(codegenCounters.compiled + codegenCounters.bailed).toBe(0); // a one-off evaluation does not compile
    const r = await evaluate(fresh, { id: 'x', input });
    expect(codegenCounters.compiled).toBe(1);
    expect(JSON.stringify(r)).toBe(JSON.stringify(await evaluate(fresh, { id: 'x', input }, { backend: 'closures' })));
    for (const opts of [{ explain: true }, { rulesRuntime: 'jre' as const }]) {
      const { a, b, counters } = await both({ id: 'x', input }, opts);
      expect(counters.compiled).toBe(0);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    }
  });

  it('invalid input: the reference validator writes the errors', async () => {
    const { a, b, counters } = await both({ id: 'x', input: { ...input, 缺勤天数: -1, 岗位: '别的' } });
    expect(a.ok).toBe(false);
    expect(b).toEqual(a);
    expect(counters.reasons).toEqual({ input: 1 });
  });

  it('values past 2^53: the compiled path bails, the answer is the reference\'s', async () => {
    for (const big of [2 ** 53 - 1, 2 ** 52 + 1, 9e15]) {
      const sub = { id: 'x', input: { ...input, 案件受理数: big, 案件办结数: big - 7, 瞒报次数: big, 创新成果: big } };
      const { a, b, counters } = await both(sub, { exactValues: true });
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      expect(counters.compiled + counters.bailed).toBe(1);
    }
    // 2^53 − 1 tasks' worth of 瞒报 times 2 leaves the safe integers: a bail, not a wrong number
    const { a, b, counters } = await both({ id: 'x', input: { ...input, 瞒报次数: 2 ** 53 - 1 } });
    expect(counters.reasons).toEqual({ overflow: 1 });
    expect(b).toEqual(a);
  });

  it('a display and exact values are carried as the closures carry them', async () => {
    const { a, b, counters } = await both({ id: 'x', input, display: { 姓名: '张三', 工号: 1234567890123 } }, { exactValues: true, period: undefined });
    expect(counters.compiled).toBe(1);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('one program per plan and per text', () => {
    const again = prepare(text).value!;
    expect(compileJs(planOf(again))).toBe(compileJs(planOf(s)));
    expect(compileJs(planOf(s)).program!.source).toContain('// 指标 政治素质 (line 60)');
  });
});
