// A related subject's result in the engine (issue 14 part 2, engine/periods/related.ts): `results of
// SCHEME for FIELD` is ONE record of this evaluation's period (or none). Validation at its path
// (KH-E050 period, KH-E052 grade, KH-E053 score), the missing policies (error → KH-E057 naming the
// related subject and the period; zero → a filled-in record), a quota table keyed by a null grade
// (KH-E058, never a crash), the explanation entry (golden), what PreparedScheme tells the server, and
// the json-rules-engine hand-back.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { render } from '../../dsl/i18n/index.js';
import type { EvalOptions, PreparedScheme, SubjectInput } from '../../engine/api.js';
import { engine } from '../../engine/index.js';
import { exportRules } from '../../engine/jre/export.js';
import { CohortResultSchema, SubjectResultSchema } from '../../engine/result-schema.js';

function prepare(src: string): PreparedScheme {
  const p = engine.prepare(src, 'test.kaohe');
  expect(p.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return p.value!;
}

/** Members of a team whose 优秀 share is set by the team's grade; `policy` the missing policy, `field`
 * the type of 班子 (text, or the enum 局). */
const members = (policy: string, field = 'text') => `
scheme 班子成员考核 "x" {
  period annual
  precision 2
  cohort by 班子
  enum 班子等次 { 好, 较好, 一般, 较差 }
  enum 局 { 发改局, 教育局 }
  input {
    班子 "所在领导班子": ${field}
    得分: number in [0, 100]
    班子结果 "领导班子年度考核": results of 领导班子考核 for 班子 grades 班子等次 missing ${policy}
  }
  let 班子档次 = 班子结果.grade
  indicator 实绩 weight 90% = 得分
  indicator 班子分 weight 10% = 班子结果.score
  grades {
    优秀 when score >= 90 quota 班子档次 { 好: 30%, 较好: 25%, 一般: 20%, 较差: 15% }
    称职 otherwise
  }
}`;

const Y2026: EvalOptions = { period: '2026' };
const team = (grade: string | null, extra: Record<string, unknown> = {}) => ({ period: '2026', score: 92.8, grade, ...extra });
const one = (s: PreparedScheme, input: Record<string, unknown>, opts: EvalOptions = Y2026) => engine.evaluate(s, { id: 'A', input }, opts);

describe('the value: one record of this period', () => {
  it('reads the team record (JSON keys in English or Chinese; a score as exact text)', async () => {
    const s = prepare(members('error'));
    // 9/10 × 95 + 1/10 × 92.8 = 171/2 + 232/25 = 4739/50 = 94.78
    const r = await one(s, { 班子: '发改局', 得分: 95, 班子结果: team('好') }, { ...Y2026, exactValues: true });
    expect(r.ok && [r.value.score, r.value.exact!.score, r.value.grade]).toEqual([94.78, '4739/50', '优秀']);
    // 考核期/得分/考核等次/导入, score "1769/20" = 88.45: 171/2 + 1769/200 = 17100/200 + 1769/200 = 18869/200 = 94.345 → 94.35
    const zh = await one(s, { 班子: '发改局', 得分: 95, 班子结果: { 考核期: '2026', 得分: '1769/20', 考核等次: '一般', 导入: true } }, { ...Y2026, exactValues: true });
    expect(zh.ok && [zh.value.score, zh.value.exact!.score]).toEqual([94.35, '18869/200']);
  });

  it('reports every problem at its path at once (KH-E050 another period, E052, E053, E001), in both languages', async () => {
    const s = prepare(members('error'));
    const r = await one(s, { 班子: '发改局', 得分: 95, 班子结果: { period: '2025', score: 'abc', grade: '优', foo: 1 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.path])).toEqual([
      ['KH-E001', '班子结果.foo'], ['KH-E050', '班子结果.period'], ['KH-E053', '班子结果.score'], ['KH-E052', '班子结果.grade'],
    ]);
    const e050 = r.errors[1];
    expect([e050.expected, e050.found]).toEqual(['2026', '"2025"']);
    expect(e050.message).toBe('班子结果.period: "2025" is not the period of this evaluation (2026): a related result is of the same period');
    expect(render(e050.msg!, 'zh')).toBe('班子结果.period：“2025”不是本次考核的考核期“2026”，所引用的结果应为同一考核期');
  });

  it('a list (the roll-up form) or a number is not a record: KH-E003 saying one record or null', async () => {
    const s = prepare(members('error'));
    for (const x of [[team('好')], 5]) {
      const r = await one(s, { 班子: '发改局', 得分: 95, 班子结果: x });
      expect(r.ok ? [] : r.errors.map((e) => [e.code, e.path])).toEqual([['KH-E003', '班子结果']]);
      expect(r.ok || r.errors[0].message).toContain('or null when there is none');
    }
  });
});

describe('missing error: KH-E057 names the related subject and the period', () => {
  it('absent or null fails the subject', async () => {
    const s = prepare(members('error'));
    for (const input of [{ 班子: '发改局', 得分: 95 }, { 班子: '发改局', 得分: 95, 班子结果: null }]) {
      const r = await one(s, input);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.errors.map((e) => [e.code, e.path, e.subject])).toEqual([['KH-E057', '班子结果', 'A']]);
      expect(r.errors[0].message).toBe('班子结果: no result of 领导班子考核 for 班子 "发改局" in 2026 (`missing error`)');
      expect(render(r.errors[0].msg!, 'zh')).toBe('班子结果：“领导班子考核”中没有“班子”为“发改局”的对象在 2026 的考核结果（“缺失 报错”）');
    }
  });

  it('in a cohort, at the member\'s path; an enum FIELD names its member; with FIELD itself missing, only its own error', async () => {
    const s = prepare(members('error', '局'));
    const subjects: SubjectInput[] = [
      { id: 'A1', input: { 班子: '发改局', 得分: 95, 班子结果: team('好') } },
      { id: 'B1', input: { 班子: '教育局', 得分: 91 } },
      { id: 'B2', input: { 得分: 91 } },
    ];
    const r = await engine.evaluateCohort(s, subjects, Y2026);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.path, e.subject])).toEqual([
      ['KH-E057', 'subjects[1].input.班子结果', 'B1'],
      ['KH-E002', 'subjects[2].input.班子', 'B2'],
    ]);
    expect(r.errors[0].message).toContain('no result of 领导班子考核 for 班子 "教育局" in 2026');
  });
});

describe('missing zero: a filled-in record, score 0 and no grade', () => {
  /** The same scheme without the quota table (a null key would be KH-E058, below). */
  const noTable = (policy: string) => members(policy).replace(' quota 班子档次 { 好: 30%, 较好: 25%, 一般: 20%, 较差: 15% }', '');

  it('counts the team as 0: 9/10 × 95 + 0 = 85.5, and the explanation says it was filled in', async () => {
    const s = prepare(noTable('zero'));
    const r = await one(s, { 班子: '新区', 得分: 95 }, { ...Y2026, explain: true });
    expect(r.ok && [r.value.score, r.value.grade]).toEqual([85.5, '称职']);
    expect(r.ok && r.value.explain!.periodInputs).toEqual([{
      input: '班子结果', form: 'related', scheme: '领导班子考核', subjectField: '班子', subject: '新区', values: 'reported', missing: 'zero',
      periods: ['2026'], present: [], absent: ['2026'], filledIn: ['2026'], imported: [],
    }]);
    expect(r.ok && SubjectResultSchema.safeParse(r.value).success).toBe(true);
    // null is "no result" as well
    const n = await one(s, { 班子: '新区', 得分: 95, 班子结果: null });
    expect(n.ok && n.value.score).toBe(85.5);
  });
});

describe('KH-E058: a quota table whose key is null', () => {
  const cohort = (grade: string | null): SubjectInput[] => ['A1', 'A2', 'A3'].map((id, i) =>
    ({ id, input: { 班子: '发改局', 得分: 99 - i, 班子结果: team(grade) } }));

  it('the team ungraded: an error at the key naming the subject and the key, never a crash', async () => {
    const r = await engine.evaluateCohort(prepare(members('error')), cohort(null), Y2026);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.subject, e.path, e.line])).toEqual([['KH-E058', 'A1', 'subjects[0]', 17]]);
    expect(r.errors[0].message).toBe('the 优秀 quota takes its share from 班子档次, which has no value for A1 (an ungraded result, '
      + 'or one filled in by `missing zero`): the share cannot be looked up (line 17)');
    expect(render(r.errors[0].msg!, 'zh')).toBe('“优秀”的名额比例按“班子档次”确定，但“A1”的“班子档次”没有值（所引用的结果不定等次，'
      + '或按“缺失 计零”补为零分），无法查得比例（第 17 行）');
  });

  it('`missing zero` with no team result: the same error', async () => {
    const subjects = cohort('好').map((s) => ({ ...s, input: { 班子: '新区', 得分: s.input.得分 } }));
    const r = await engine.evaluateCohort(prepare(members('zero')), subjects, Y2026);
    expect(r.ok ? [] : r.errors.map((e) => e.code)).toEqual(['KH-E058']);
  });

  it('graded 好: the share is read from the record, 30% × 5 = 3/2 → 1 place', async () => {
    // 5 members of a 好 team: 30% × 5 = 3/2 → 1 place; A1 (98.38) keeps 优秀, A2 (97.48) is demoted
    const five = ['A1', 'A2', 'A3', 'A4', 'A5'].map((id, i): SubjectInput => ({ id, input: { 班子: '发改局', 得分: 99 - i, 班子结果: team('好') } }));
    const r = await engine.evaluateCohort(prepare(members('error')), five, Y2026);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // 9/10 × 99 + 1/10 × 92.8 = 891/10 + 232/25 = 4455/50 + 464/50 = 4919/50 = 98.38
    expect(r.value.results.map((x) => [x.subject, x.score, x.grade])).toEqual([
      ['A1', 98.38, '优秀'], ['A2', 97.48, '称职'], ['A3', 96.58, '称职'], ['A4', 95.68, '称职'], ['A5', 94.78, '称职'],
    ]);
    expect(r.value.cohorts[0].quotas[0]).toMatchObject({ grade: '优秀', limit: 1, base: 5 });
    expect(CohortResultSchema.safeParse(r.value).success).toBe(true);
  });
});

describe('the explanation of a related input (golden)', () => {
  it('names the related subject, its period, reported or exact, imported', async () => {
    const s = prepare(members('error').replace('missing error', 'missing error exact'));
    const r = await one(s, { 班子: '发改局', 得分: 95, 班子结果: team('好', { score: '464/5', imported: true }) }, { ...Y2026, explain: true, lang: 'zh' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { periodInputs, lets } = r.value.explain!;
    expect(periodInputs).toEqual([{
      input: '班子结果', form: 'related', scheme: '领导班子考核', subjectField: '班子', subject: '发改局', values: 'exact', missing: 'error',
      periods: ['2026'], present: ['2026'], absent: [], imported: ['2026'],
    }]);
    await expect(`${JSON.stringify({ periodInputs, lets, indicators: r.value.indicators }, null, 2)}\n`)
      .toMatchFileSnapshot('__golden__/related-results.explain.json');
  });
});

describe('what the server is told', () => {
  it('PreparedScheme.inputs: the related fill (scheme, subjectField, missing, values; no unit); periodsOf is the period itself', () => {
    const s = prepare(members('error'));
    expect(s.inputs.find((f) => f.name === '班子结果')).toEqual({
      name: '班子结果', hasDefault: false, fill: {
        form: 'related', scheme: '领导班子考核', subjectField: '班子', values: 'reported', missing: 'error',
        // `grades 班子等次`: what the server checks the source's grade names against (rounds/source-grades.ts).
        grades: { enum: '班子等次', members: ['好', '较好', '一般', '较差'] },
      },
    });
    expect(s.cohortField).toBe('班子');
    expect(engine.periodsOf(s, '班子结果', '2026')).toEqual(['2026']);
    expect(engine.periodsOf(s, '班子', '2026')).toBeUndefined();
  });

  it('validatePart checks a related record at its path', () => {
    const s = prepare(members('error'));
    expect(engine.validatePart(s, { 班子结果: team('优') }, 'subjects[0].input.').map((e) => [e.code, e.path]))
      .toEqual([['KH-E052', 'subjects[0].input.班子结果.grade']]);
  });

  it('a period is required (KH-E032 naming the input)', async () => {
    const r = await one(prepare(members('error')), { 班子: '发改局', 得分: 95, 班子结果: team('好') }, {});
    expect(r.ok ? [] : r.errors.map((e) => e.code)).toEqual(['KH-E032']);
    expect(r.ok || r.errors[0].message).toContain('班子结果');
  });
});

it('the json-rules-engine export hands the scheme back to kaohe, naming the related input and why', () => {
  const a = analyze(members('error'), 'm.kaohe');
  const { doc } = exportRules(a.checked!, a.file);
  expect(doc.periods?.evaluator).toBe('kaohe');
  expect(doc.periods?.inputs).toEqual(['line 11: 班子结果 "领导班子年度考核": results of 领导班子考核 for 班子 grades 班子等次 missing error']);
  expect(doc.periods?.reason).toContain("a related subject's result (`results of S for FIELD`)");
});
