// Two message lows from the officers' audit (issue 14 part 2): KH-E006 says which value is out of
// range (it said only what was expected), and a failing example's `given` reads as the example's part
// (示例的“已知”：…) — not as an expectation (预期“已知”：…, which reads “expected ‘given’”). An
// `expect` that does not hold still reads 预期“…”.

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { evaluate, prepare } from '../../engine/index.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import { testOutput } from './divide-by-max.js';

const RANGE = `scheme 完成度 {
  input { 完成率: number in [0, 1] }
  indicator 完成 weight 100% = 完成率 * 100
  grades { 好 when score >= 60
    差 otherwise }
}
`;

async function e006(input: Record<string, unknown>) {
  const p = prepare(RANGE, 'r.kaohe');
  expect(p.diagnostics).toEqual([]);
  const r = await evaluate(p.value!, { id: '甲', input });
  if (r.ok) throw new Error('expected KH-E006');
  const [e] = r.errors;
  expect(e.code).toBe('KH-E006');
  return { en: e.message, zh: render(e.msg!, 'zh'), found: e.found };
}

describe('KH-E006 shows the offending value', () => {
  it('a number above the range, in both languages', async () => {
    const m = await e006({ 完成率: 1.5 });
    expect(m.en).toBe('完成率: out of range: expected number in [0, 1], found 1.5');
    expect(m.zh).toBe('完成率：超出范围：应为数值，范围 [0, 1]，实为 1.5');
    expect(m.found).toBe('1.5');
  });

  it('a negative number, and an exact number as sent (json-exact keeps every digit)', async () => {
    expect((await e006({ 完成率: -2 })).zh).toBe('完成率：超出范围：应为数值，范围 [0, 1]，实为 -2');
    const exact = parseJsonExact('{"完成率": 1.00000000000000000001}') as Record<string, unknown>;
    expect((await e006(exact)).en).toBe('完成率: out of range: expected number in [0, 1], found 1.00000000000000000001');
  });
});

describe('a failing example in kaohe test', () => {
  it('names the failed `given` as the example\'s part, in Chinese', async () => {
    const stdout = await testOutput('zh');
    expect(stdout).toContain('s.kaohe:16：示例的“已知”：人员“A”：除以零');
    expect(stdout).not.toContain('预期“已知”');
    // an expectation that does not hold is still an expectation
    expect(stdout).toContain('s.kaohe:23：预期“A.score == 70”：左边为 100，右边为 70');
  });

  it('and in English', async () => {
    const stdout = await testOutput('en');
    expect(stdout).toContain("s.kaohe:16: the example's `given`: subject A:");
    expect(stdout).not.toContain('expect given');
    expect(stdout).toContain('s.kaohe:23: expect A.score == 70: left 100, right 70');
  });
});
