// Hostile audit H6 F10 (session 6): the library's evaluateCohort given a sparse list — `a[0] = s;
// a[999999] = t` — reported two errors per hole (no id, no input), 2·10^6 errors and 1.16 GB for a
// length of 10^6, no answer in 200 s for 10^7. A hole is refused at once now: one error naming the
// first (engine/snapshot.ts), in English and Chinese; a list without holes is evaluated as before.

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { evaluateCohort, prepare } from '../../index.js';
import type { SubjectInput } from '../../engine/api.js';

const scheme = prepare(`scheme HQ {
  period quarterly
  input { 实绩: number in [0, 100] }
  indicator 实绩分 weight 100% = 实绩
  grades {
    优秀 when score >= 90
    称职 otherwise
  }
}`).value!;

const sparse = (length: number): SubjectInput[] => {
  const a: SubjectInput[] = [];
  a[0] = { id: 'a', input: { 实绩: 95 } };
  a[length - 1] = { id: 'b', input: { 实绩: 91 } };
  return a;
};

describe('evaluateCohort with holes in the list', () => {
  it('refuses the first hole as one KH-E008 naming it, in en and zh', async () => {
    const r = await evaluateCohort(scheme, sparse(5), { period: '2026-Q1' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'KH-E008', path: 'subjects[1]', message: 'subjects[1] is missing: the list of subjects has a hole here' });
    expect(render(r.errors[0].msg!, 'zh')).toBe('缺少 subjects[1]：人员列表在此处有空位');
  });

  it('a long sparse list is one error, not two per hole', async () => {
    const r = await evaluateCohort(scheme, sparse(200_000), { period: '2026-Q1' });
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['subjects[1]']);
  });

  it('a list without holes (undefined written in is no hole) is validated as before', async () => {
    const dense = await evaluateCohort(scheme, [sparse(2)[0], sparse(2)[1]], { period: '2026-Q1' });
    expect(dense.ok).toBe(true);
    const undef = await evaluateCohort(scheme, [sparse(2)[0], undefined as unknown as SubjectInput], { period: '2026-Q1' });
    expect(undef.ok ? [] : undef.errors.map((e) => e.path)).toEqual(['subjects[1].id', 'subjects[1].input.']);
  });
});
