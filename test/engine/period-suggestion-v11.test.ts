// The period a mistyped text was meant as, shared by KH-E031 and `kaohe eval --period` (black-box
// trial V11, LOW-10/LOW-12): the library said only "可用的写法：2026-Q1" for `2026Q3` while the command
// line corrected it, and both suggested 2026-Q1 for a month (`2026-09`) or a quarter written another
// way (`Q3-2026`, `2026-3`, `2026.3`) on a quarterly scheme — advice that, copied, labels the results
// with the wrong quarter. And an unknown input field names the declared one a slip away (`实绩分` →
// 实绩得分), as the roster reader does for a header.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badPeriodOption } from '../../cli/commands/eval-period.js';
import { render } from '../../dsl/i18n/index.js';
import { evaluate, prepare } from '../../engine/index.js';
import { periodSuggestion } from '../../engine/period-suggestion.js';

const QUARTERLY = prepare(readFileSync(join(import.meta.dirname, '../../schemes/quarterly-review.kaohe'), 'utf8')).value!;
const INPUT = { 单位: '办公室', 实绩得分: 88, 测评票: [90, 91, 92] };

describe('periodSuggestion', () => {
  it('a quarterly scheme: the quarter meant, from a month, a lone quarter digit or Q before the year', () => {
    const cases: [string, string | undefined][] = [
      ['2026Q3', '2026-Q3'], ['2026-q3', '2026-Q3'], ['2026Q03', '2026-Q3'], ['2026年第三季度', '2026-Q3'],
      ['2026-09', '2026-Q3'], ['2026-9', '2026-Q3'], ['2026年9月', '2026-Q3'], ['2026-03', '2026-Q1'], ['2026-12', '2026-Q4'],
      ['Q3-2026', '2026-Q3'], ['q3 2026', '2026-Q3'], ['2026-3', '2026-Q3'], ['2026.3', '2026-Q3'], ['2026/4', '2026-Q4'],
      ['2026-Q3', undefined], ['2026-13', undefined], ['2026', undefined], ['abc', undefined], ['Q5-2026', undefined],
    ];
    expect(cases.map(([t]) => [t, periodSuggestion(t, 'quarterly')])).toEqual(cases);
  });

  it('a monthly scheme or none: a lone digit is still a month', () => {
    expect(periodSuggestion('2026-3', 'monthly')).toBe('2026-03');
    expect(periodSuggestion('2026.3', undefined)).toBe('2026-03');
    expect(periodSuggestion('2026-09', 'monthly')).toBeUndefined(); // already a month
    expect(periodSuggestion('Q3-2026', undefined)).toBe('2026-Q3');
  });
});

describe('KH-E031 of the library and the API', () => {
  const problem = async (period: string) => {
    const r = await evaluate(QUARTERLY, { id: 'A001', input: INPUT }, { period });
    expect(r.ok).toBe(false);
    const [e] = r.ok ? [] : r.errors;
    expect([e.code, e.path]).toEqual(['KH-E031', 'period']);
    return { zh: render(e.msg!, 'zh'), en: render(e.msg!, 'en') };
  };

  it('names the period meant: 2026Q3, 2026-09, Q3-2026, 2026-3, 2026.3 → 是否指“2026-Q3” (zh), did you mean "2026-Q3" (en)', async () => {
    for (const period of ['2026Q3', '2026-09', 'Q3-2026', '2026-3', '2026.3']) {
      const m = await problem(period);
      expect(m.zh, period).toMatch(/；是否指“2026-Q3”？$/);
      expect(m.zh).toContain(`“${period}”`);
      expect(m.en, period).toMatch(/; did you mean "2026-Q3"\?$/);
    }
    expect((await problem('2026-09')).zh).toBe('周期“2026-09”不是季度周期：本方案按季度考核，周期应写作“2026-Q1”；是否指“2026-Q3”？');
  });

  it('without a close period, the form only (no guess)', async () => {
    for (const period of ['abc', '2026']) {
      const m = await problem(period);
      expect(m.zh).not.toContain('是否指');
      expect(m.en).not.toContain('did you mean');
    }
  });

  it('kaohe eval --period says the same period (2026-09 → --period 2026-Q3)', () => {
    for (const period of ['2026-09', 'Q3-2026', '2026-3', '2026.3']) {
      expect(render(badPeriodOption(QUARTERLY, period)!, 'zh'), period).toContain('应写作“--period 2026-Q3”');
    }
  });
});

describe('an unknown input field', () => {
  it('names the declared field a slip away (zh, en); none when nothing is close', async () => {
    const r = await evaluate(QUARTERLY, { id: 'A001', input: { ...INPUT, 实绩分: 88, 备注: 'x' } }, { period: '2026-Q1' });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.map((e) => [e.code, e.path])).toEqual([['KH-E001', '实绩分'], ['KH-E001', '备注']]);
    expect(render(errors[0].msg!, 'zh')).toBe('实绩分：未知字段；是否指“实绩得分”？');
    expect(render(errors[0].msg!, 'en')).toBe('实绩分: unknown field; did you mean `实绩得分`?');
    expect(render(errors[1].msg!, 'zh')).toBe('备注：未知字段');
  });
});
