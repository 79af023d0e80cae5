// What a library caller's slips say (issue 16, user trial U7-11, U7-13): a NaN input is reported as
// NaN (JSON would print it `null`, a value the caller never sent), and `evaluate(undefined, …)` — the
// scheme of a compile with errors — still throws (a caller's bug, not data) but says what to pass,
// in English and, through its `msg`, in Chinese.

import { describe, expect, it } from 'vitest';
import { render, type Msg } from '../../dsl/i18n/index.js';
import type { PreparedScheme, SubjectInput } from '../../engine/api.js';
import * as lib from '../../index.js';
import { loadCases, loadExample } from './helpers.js';

const { scheme } = loadExample('province-annual');
const person = loadCases('province-annual')[0].subject!;

describe('a library caller’s slips', () => {
  it('reports a NaN or infinite input as found NaN / Infinity, not null', async () => {
    for (const [x, shown] of [[NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity']] as const) {
      const out = await lib.evaluate(scheme, { ...person, input: { ...person.input, 缺勤天数: x } } as SubjectInput);
      expect(out.ok).toBe(false);
      if (out.ok) continue;
      expect(out.errors[0]).toMatchObject({ path: '缺勤天数', found: shown });
      expect(out.errors[0].message).not.toContain('null');
    }
  });

  it('throws, naming compile()/prepare() and its value, when the scheme is not a prepared one', async () => {
    const bad = lib.prepare('scheme x "x" { nonsense }').value;
    expect(bad).toBeUndefined();
    // thrown, or a rejected promise (the package's entry is async): either way an Error, not data
    const thrown = async (f: () => unknown): Promise<Error & { msg?: Msg }> => {
      try { await f(); } catch (e) { return e as Error & { msg?: Msg }; }
      throw new Error('did not throw');
    };
    const e = await thrown(() => lib.evaluate(bad as unknown as PreparedScheme, person));
    expect(e.message).toBe('kaohe: evaluate() needs the scheme returned by compile()/prepare() (its `value`, absent when the diagnostics hold an error)');
    expect(render(e.msg!, 'zh')).toBe('“kaohe”：“evaluate()”需要“compile()”或“prepare()”返回的方案（其“value”；诊断信息中有错误时没有“value”）');
    const c = await thrown(() => lib.evaluateCohort({} as PreparedScheme, []));
    expect(c.message).toMatch(/^kaohe: evaluateCohort\(\) needs the scheme returned by compile\(\)\/prepare\(\)/);
  });
});
