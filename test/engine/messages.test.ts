// The engine's words (engine/messages.ts) in both languages: every template renders in English and
// Chinese with the same placeholders and no English word left in the Chinese; evaluation errors
// carry their message as data (`msg`) whose English rendering is their `message`; a result's words
// (grade and quota reasons, the score formula, a `linear` segment) follow `EvalOptions.lang`; a
// failing example says why in both languages.

import { describe, expect, it } from 'vitest';
import { placeholders, registeredCatalogs, render, type Msg, type MsgArgs } from '../../dsl/i18n/index.js';
import type { EvalError } from '../../engine/api.js';
import { evaluate, evaluateCohort, runExamples } from '../../engine/index.js';
import { localizeEvalError, M } from '../../engine/messages.js';
import { loadSource } from './helpers.js';

/** English words in Chinese text, outside “quoted” names and code and `{placeholders}`. */
function englishWords(zh: string): string[] {
  const bare = zh.replace(/“[^”]*”/g, '').replace(/`[^`]*`/g, '').replace(/\{\w+\}/g, '');
  return bare.match(/[A-Za-z]{2,}/g) ?? [];
}

const catalog = registeredCatalogs().get('engine')!;
const keys = Object.keys(catalog.en);
/** Sample arguments: every placeholder, and the optional parts of the function templates; names
 * and code as a Chinese scheme writes them, so any English left is the template's. */
const SAMPLE: MsgArgs = {
  path: '工作任务[2].完成率', what: M.unknownField(), line: 7, message: '除以零', name: '甲', kind: M.kind_indicator(),
  bounds: M.boundsRange({ lo: '0', hi: '100' }), lo: '0', hi: '100', op: '>=', value: '1', members: ['优', '良'],
  element: M.number(), min: 1, max: 5, fields: [M.typeField({ name: '甲', type: M.text() })], type: M.bool(), panel: '民主测评',
  text: '1e400', enum: '等级', want: M.atLeast({ n: 1 }), n: 3, at: '对象[1]', id: '甲01', where: M.topLevel(),
  sum: '90%', total: '100', code: '甲 / 乙', divisor: '乙', a: '1', b: '乙', table: '系数', key: '甲', index: '4', fn: '平均',
  detail: M.noRatings(), grade: '优秀', reason: '总分 95 >= 90', list: '负面', item: '瞒报', label: '瞒报问题', by: M.itemAt({ list: '负面', item: '瞒报', line: 3 }),
  percent: '40', base: 7, of: M.ofGraded(), round: M.roundDown(), dir: M.desc(), limit: 2, how: M.noGrade(), rank: 3,
  values: [M.rankKey({ name: M.scoreKey(), value: '91' })], others: ['A1', 'A2'], names: ['A1', 'A2'], more: '9,994', to: M.name({ name: '良' }), x: '0.3',
  expect: '总分 >= 90', parts: ['总分 80 >= 90', '甲 = 1'], left: '80', right: '90',
  // issue 13 (quota scopes, tables, soft quotas)
  member: '好', normal: 2, va: '好', vb: '一般', scope: M.scopeOverall(), from: M.tableShare({ key: '班子等次', member: '好' }),
  // V11: an unknown field's nearest declared name
  near: '实绩得分',
};

describe('engine messages', () => {
  it('has the same keys and placeholders in both languages', () => {
    expect(Object.keys(catalog.zh).sort()).toEqual([...keys].sort());
    // A function template (an English plural) has no placeholders to list: the render test below fills its arguments.
    for (const k of keys) if (typeof catalog.en[k] !== 'function') expect(placeholders(catalog.zh[k]), k).toEqual(placeholders(catalog.en[k]));
  });

  it('renders every template in both languages, every placeholder filled, no English in the Chinese', () => {
    for (const k of keys) {
      const m: Msg = { id: `engine.${k}`, args: SAMPLE };
      const en = render(m, 'en'), zh = render(m, 'zh');
      expect(en, k).not.toMatch(/\{\w+\}|undefined/);
      expect(zh, k).not.toMatch(/\{\w+\}|undefined/);
      expect(englishWords(zh), `${k}: ${zh}`).toEqual([]);
    }
  });

  it('uses Chinese punctuation inside Chinese sentences', () => {
    for (const k of keys) {
      const zh = render({ id: `engine.${k}`, args: SAMPLE }, 'zh');
      expect(zh, k).not.toMatch(/[\u4e00-\u9fff][,;:]|[,;:][\u4e00-\u9fff]|。：|：：|，，/);
    }
  });
});

const scheme = `scheme T {
  input { a: number, b: number = 1, x: number = 1 }
  indicator A weight 50% = a / b
  indicator L weight 50% = linear x { 0 => 60, 1 => 100 }
  negative N { item 限 when a > 95 => cap 良 }
  grades { 优 when score >= 90 quota 50%
    良 when score >= 80
    差 otherwise }
  example 甲 { given { a: 100 } expect score == 1 }
}`;

describe('evaluation errors carry their message as data', () => {
  const errorsOf = async (input: Record<string, unknown>, display?: unknown): Promise<EvalError[]> => {
    const r = await evaluate(loadSource(scheme).scheme, { id: 's', input, ...(display !== undefined ? { display: display as Record<string, string> } : {}) });
    if (r.ok) throw new Error('expected errors');
    return r.errors;
  };

  it('input errors: `message` is the English of `msg`, and Chinese on demand', async () => {
    const errors = await errorsOf({ a: 'x', c: 1 });
    expect(errors.map((e) => e.code).sort()).toEqual(['KH-E001', 'KH-E003']);
    for (const e of errors) {
      expect(e.msg, e.code).toBeDefined();
      expect(render(e.msg!, 'en')).toBe(e.message);
      expect(englishWords(localizeEvalError(e, 'zh').message)).toEqual([]);
    }
    expect(localizeEvalError(errors.find((e) => e.code === 'KH-E001')!, 'zh').message).toBe('c：未知字段');
    expect(errors.find((e) => e.code === 'KH-E003')!.message).toBe('a: expected number');
    expect(localizeEvalError(errors.find((e) => e.code === 'KH-E003')!, 'zh').message).toBe('a：应为数值');
  });

  it('evaluation errors: located, with the same line in both languages', async () => {
    const [e] = await errorsOf({ a: 1, b: 0 });
    expect(e).toMatchObject({ code: 'KH-E010', line: 3, message: 'division by zero: `b` is 0 in `a / b` (line 3)' });
    expect(localizeEvalError(e, 'zh').message).toBe('除以零：“a / b”中的“b”为 0（第 3 行）');
  });

  it('cohort id problems', async () => {
    const r = await evaluateCohort(loadSource(scheme).scheme, [{ id: 'p', input: { a: 1 } }, { id: 'p', input: { a: 1 } }]);
    expect(!r.ok && localizeEvalError(r.errors[0], 'zh').message).toBe('subjects[1]：编号“p”重复');
  });
});

describe('a result speaks the language asked for', () => {
  const run = async (lang?: 'zh' | 'en') => {
    const r = await evaluateCohort(loadSource(scheme).scheme, [
      { id: 'p', input: { a: 100 } }, { id: 'q', input: { a: 94 } }, { id: 'r', input: { a: 93 } }, { id: 's', input: { a: 0, x: 0 } },
      { id: 't', input: { a: 92 } },
    ], { explain: true, ...(lang ? { lang } : {}) });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value;
  };

  it('English by default, as before', async () => {
    const v = await run();
    expect(v.results[0].gradeReasons).toEqual(['优: score 100 >= 90', 'capped at 良 by N.限 (scheme line 5)']);
    expect(v.results[2].quota?.reason).toBe('优 quota 2 = 50% of 5 (graded, round down): ranked 2 of the 3 candidates for 优 (score 96.5); kept');
    expect(v.results[4].gradeReasons).toEqual([
      '优: score 96 >= 90', '优 quota 2 = 50% of 5 (graded, round down): ranked 3 of the 3 candidates for 优 (score 96); demoted to 良', '良: score 96 >= 80',
    ]);
    expect(v.results[3].gradeReasons).toEqual(['差: otherwise', '优 not reached: score 30 < 90', '良 not reached: score 30 < 80']);
    expect(v.results[0].explain?.score.formula).toBe('max(0, base × adjust + rewards − deductions)');
  });

  it('Chinese with `lang: zh`: reasons, quota decisions, formula and trace words', async () => {
    const v = await run('zh');
    expect(v.results[0].gradeReasons).toEqual(['优：总分 100 >= 90', '因“N.限”（方案第 5 行），最高定为“良”']);
    expect(v.results[2].quota?.reason).toBe('“优”名额 2 = 5 人的 50%（按定等人数，向下取整）：在 3 名“优”人选中排第 2（总分 96.5）；保留');
    expect(v.results[4].gradeReasons).toEqual([
      '优：总分 96 >= 90', '“优”名额 2 = 5 人的 50%（按定等人数，向下取整）：在 3 名“优”人选中排第 3（总分 96）；降为“良”', '良：总分 96 >= 80',
    ]);
    expect(v.results[3].gradeReasons).toEqual(['差：其他情形', '未达到“优”：总分 30 < 90', '未达到“良”：总分 30 < 80']);
    expect(v.results[0].explain?.score.formula).toBe('最大(0, 基础分 × 调节 + 总加分 − 总扣分)');
    const l = v.results[3].indicators.find((i) => i.id === 'L')!.trace;
    expect(l).toMatchObject({ form: 'linear', segment: '不高于 0（取端点值）' });
    for (const r of v.results) for (const x of [...r.gradeReasons, r.quota?.reason ?? '']) {
      expect(englishWords(x), x).toEqual([]); // the condition too: `总分 96 >= 80`, not `score …`
    }
  });
});

describe('failing examples', () => {
  it('say why as data: English `message`, Chinese from `msg`', async () => {
    const [o] = await runExamples(loadSource(scheme).scheme);
    expect(o.passed).toBe(false);
    const f = o.failures[0];
    expect(f).toMatchObject({ left: '100', right: '1', message: 'expected score == 1, but the left side is 100 and the right side is 1' });
    expect(render(f.msg!, 'zh')).toBe('预期“score == 1”不成立：左边为 100，右边为 1');
  });
});

describe('a restriction names its item by label (issue 12, officer 10)', () => {
  const labelled = `scheme T {
  input { a: number }
  indicator A weight 100% = a
  negative 限制情形 "不得评为优秀的情形" {
    item 诫勉限制 "一年内受过诫勉" when a > 95 => cap 良
    item 退缩 when a > 98 => veto
  }
  negative 另列 { item 处分 "受到处分" when a > 99 => nograde }
  grades { 优 when score >= 90
    良 when score >= 80
    差 otherwise }
}`;
  const reasons = async (a: number, lang: 'zh' | 'en') => {
    const r = await evaluate(loadSource(labelled).scheme, { id: 's', input: { a } }, { lang });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value.gradeReasons;
  };

  it('the item label, with its list label, in both languages; names only when there is no label', async () => {
    expect(await reasons(96, 'zh')).toEqual(['优：总分 96 >= 90', '因“一年内受过诫勉”（不得评为优秀的情形，方案第 5 行），最高定为“良”']);
    expect(await reasons(96, 'en')).toEqual(['优: score 96 >= 90', 'capped at 良 by 一年内受过诫勉 (不得评为优秀的情形, scheme line 5)']);
    expect(await reasons(99, 'zh')).toContain('一票否决：“限制情形.退缩”（方案第 6 行），定为最低等次“差”');
    expect(await reasons(100, 'zh')).toContain('不定等次：“受到处分”（另列，方案第 8 行）');
    expect(await reasons(100, 'en')).toContain('no grade: 受到处分 (另列, scheme line 8)');
  });
});
