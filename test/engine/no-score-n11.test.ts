// A result record without a score where the scheme computes with the score (V11b MED-5): the sheet's
// advice says "没有得分时写 null" (a grade alone is a result, and a scheme that reads only grades takes
// it), but annual-review averages `季度结果.得分`, and the run failed with "“季度结果.得分”应得出数值，实为
// null（第 38 行）" — no record named, no advice. Now KH-E018 names the record, says the scheme computes
// with its score and what to do, at the record's score (`季度结果[1].得分`) and the scheme's line.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import type { EvalOptions, SubjectInput } from '../../engine/api.js';
import * as lib from '../../index.js';

const scheme = lib.prepare(readFileSync(join(process.cwd(), 'schemes', 'annual-review.kaohe'), 'utf8')).value!;
const quarters = [{ 考核期: '2026-Q1', 得分: 92, 考核等次: '好' }, { 考核期: '2026-Q2', 得分: null, 考核等次: '好' }];
const person = (id: string, q: unknown): SubjectInput => ({ id, input: { 单位: '办公室', 季度结果: q, 往年: [], 年度测评分: 90 } });

describe('a result record without a score, averaged by the scheme', () => {
  for (const backend of ['compiled', 'closures'] as EvalOptions['backend'][]) {
    it(`names the record and the scheme's use of its score (${backend})`, async () => {
      const out = await lib.evaluateCohort(scheme, [person('A1', quarters.slice(0, 1)), person('A2', quarters)], { backend, period: '2026' });
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.errors.map((e) => [e.code, e.path, e.line])).toEqual([['KH-E018', 'subjects[1].input.季度结果[1].得分', 38]]);
      expect(render(out.errors[0]!.msg!, 'zh')).toBe('方案要用“季度结果.得分”计算，而“季度结果”第 2 条没有得分（为 “null”）：请填写这一条的得分，或删去这一条（第 38 行）');
      expect(render(out.errors[0]!.msg!, 'en')).toContain('but item 2 of `季度结果` has no score (null)');
    });
  }

  it('a record read one at a time (`r.得分`) is named as a result record', async () => {
    const src = readFileSync(join(process.cwd(), 'schemes', 'annual-review.kaohe'), 'utf8')
      .replace('平均(季度结果.得分)', '平均(r 属于 季度结果: r.得分)');
    const s = lib.prepare(src);
    expect(s.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const out = await lib.evaluate(s.value!, person('A2', quarters), { period: '2026' });
    expect(out.ok ? [] : out.errors.map((e) => [e.code, render(e.msg!, 'zh')])).toEqual([['KH-E018', expect.stringContaining('而一条结果记录没有得分（为 “null”）')]]);
  });
});
