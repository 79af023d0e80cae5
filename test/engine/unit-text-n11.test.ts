// The unit's text (V11b HIGH-1): `cohort by`'s field is the quota's cohort key, so a unit that differs
// from another only by a character nobody sees (`办公室 `, `办公室\n`, `办公室`+U+200B, U+0007) made a
// cohort of its own with its own 好 quota. Every such unit is KH-E061 at its path, on both backends,
// for one subject and a cohort; a visible unit (inner space, full width) is still its own.

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import type { EvalOptions, SubjectInput } from '../../engine/api.js';
import * as lib from '../../index.js';
import { unitFlaw, visibleUnit } from '../../engine/subject-id.js';

const SRC = `scheme unit "units" {
  version "1"
  precision 2
  cohort by unit
  input { unit: text, x: number >= 0 }
  indicator i weight 100% = x
  grades {
    A when score >= 90 quota 40% min 1
    B otherwise
  }
}`;

const scheme = lib.prepare(SRC).value!;
const BACKENDS: EvalOptions['backend'][] = ['compiled', 'closures'];
const subject = (id: string, unit: string): SubjectInput => ({ id, input: { unit, x: 95 } });

describe('a unit with a character nobody sees (KH-E061)', () => {
  for (const backend of BACKENDS) {
    it(`refuses edge spaces, invisible and control characters in a cohort (${backend})`, async () => {
      const units = ['办公室 ', '办公室\n', '办公室\u200b', '\u0007', '\u0000', ' 办公室', '办公室\u3000'];
      const out = await lib.evaluateCohort(scheme, [subject('X0', '办公室'), ...units.map((u, i) => subject(`X${i + 1}`, u))], { backend });
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.errors.map((e) => [e.code, e.path])).toEqual(units.map((_, i) => ['KH-E061', `subjects[${i + 1}].input.unit`]));
      const zh = out.errors.map((e) => render(e.msg!, 'zh'));
      expect(zh[0]).toBe('subjects[1].input.unit：unit“办公室 ”首尾有空格（U+0020），表格中看不出，会单独成为一组：请删去');
      expect(zh[1]).toContain('unit“办公室⟨U+000A⟩”含控制字符（U+000A）');
      expect(zh[2]).toContain('含看不见的字符（U+200B');
      expect(zh[4]).toContain('（U+0000）');
      expect(zh[6]).toContain('首尾有空格（U+3000）');
      expect(out.errors[0]!.message).toContain('starts or ends with a space (U+0020)');
    });

    it(`refuses it for one subject, and keeps visible units apart (${backend})`, async () => {
      const one = await lib.evaluate(scheme, subject('X1', '办公室\u200b'), { backend });
      expect(one.ok ? [] : one.errors.map((e) => [e.code, e.path])).toEqual([['KH-E061', 'unit']]);
      const ok = await lib.evaluateCohort(scheme, [subject('X1', '办公室'), subject('X2', '办公 室'), subject('X3', 'ＡＢ'), subject('X4', 'AB')], { backend });
      expect(ok.ok).toBe(true);
      if (ok.ok) expect(ok.value.results.map((r) => r.cohort)).toEqual(['办公室', '办公 室', 'ＡＢ', 'AB']);
    });
  }

  it('is not a rule for other text inputs', async () => {
    const s = lib.prepare(SRC.replace('input { unit: text, x: number >= 0 }', 'input { unit: text, note: text, x: number >= 0 }')).value!;
    const out = await lib.evaluate(s, { id: 'X1', input: { unit: 'a', note: ' b\u200b ', x: 1 } });
    expect(out.ok).toBe(true);
  });

  it('the generated validator\'s question agrees with the reference rule', () => {
    const texts = ['办公室', 'AB', 'a b', '办公 室', '办公室 ', ' 办公室', '\t', '办公\n室', '办公室\u200b', '\u2066x', 'x\u00ad', 'x\ufeff', '\u3000x', 'x\u00a0', '\u0085', '\ufffe', '\ud800', 'é', '😀', 'ＡＢ', ''];
    for (const t of texts) expect(visibleUnit(t), JSON.stringify(t)).toBe(unitFlaw(t, 'u') === undefined);
  });
});
