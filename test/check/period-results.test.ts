// Results of other periods in the checker (issue 14): the type of a `results of` / `past` input (a
// list of `{ period, score, grade, imported }` records, fields in English or Chinese), `streak`
// (an integer, over a `past` input only), the codes KH-C160 … KH-C168 with their boundaries, the
// records given in examples (KH-C050/C052), KH-C103 for an example without a period, and the
// json-rules-engine export handing such a scheme back to kaohe.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { exportRules } from '../../engine/jre/export.js';
import { codes, typesOf } from './helpers.js';

/** An annual scheme reading quarterly results and its own past, with `inputs` and `body` swapped in. */
const scheme = (o: { period?: string; inputs?: string; body?: string; example?: string } = {}) => `scheme 年度考核 {
  ${o.period ?? 'period annual'}
  enum 平时等次 { 好, 较好, 一般, 较差 }
  input {
${o.inputs ?? `    季度结果: results of 平时考核 quarterly grades 平时等次 missing skip
    往年: past 3 years missing breaks exact`}
  }
  indicator 平时 weight 100% = ${o.body ?? 'if count(季度结果) > 0 then avg(季度结果.score) else 0'}
  grades { 优秀 when score >= 90  称职 when score >= 60  不称职 otherwise }
  outcomes {
    action 记三等功 when grade == 优秀 and streak(r in 往年 where r.grade == 优秀) >= 2
    action 辞退 when grade == 不称职 and 连续(r 属于 往年 满足 r.考核等次 == 不称职) >= 1
  }
${o.example ?? ''}
}
`;
// KH-C112 left out: an unguarded avg over a `missing skip` roll-up warns (test/check/empty-periods.test.ts)
const errs = (src: string) => codes(src).filter((c) => c.startsWith('KH-C') && c !== 'KH-C040' && c !== 'KH-C112');

describe('types', () => {
  it('checks a scheme that rolls up quarters and counts a streak, with no problem', () => {
    expect(codes(scheme())).toEqual([]);
  });

  it('types records, projections and streak as the engine produces them, Chinese field names too', () => {
    const src = scheme({ body: 'avg(季度结果.得分) + count(q in 季度结果 where q.grade == 好 and q.得分 > 80 and not q.导入 and q.考核期 != "2026-Q1")' });
    expect(codes(src)).toEqual(['KH-C112']); // the unguarded avg over `missing skip` (empty-periods.test.ts)
    expect(typesOf(src, ['季度结果', '季度结果.得分', 'q.grade', 'q.得分', 'q.导入', 'q.考核期', 'streak(r in 往年 where r.grade == 优秀)', 'r.考核等次'])).toEqual({
      季度结果: 'list of record { period, score, grade, imported }',
      '季度结果.得分': 'list of number',
      'q.grade': 'enum 平时等次', 'q.得分': 'number', 'q.导入': 'bool', 'q.考核期': 'text',
      'streak(r in 往年 where r.grade == 优秀)': 'integer',
      'r.考核等次': 'grade',
    });
  });

  it('types the grade as text without `grades`, and a field that is none as KH-C007', () => {
    const src = scheme({ inputs: '    季度结果: results of 平时考核 quarterly missing zero\n    往年: past 3 years missing skip', body: 'count(q in 季度结果 where q.grade == "好")' });
    expect(errs(src)).toEqual([]);
    expect(errs(scheme({ body: 'count(q in 季度结果 where q.grade == "好")' }))).toEqual(['KH-C005']);
    expect(errs(scheme({ body: 'avg(季度结果.分数) + count(q in 季度结果 where q.等次 == 好)' }))).toEqual(['KH-C007', 'KH-C007']);
  });
});

describe('KH-C160 … KH-C168', () => {
  const input = (t: string, period = 'period annual') => errs(scheme({ period, inputs: `    季度结果: results of 平时考核 quarterly missing skip\n    往年: past 3 years missing breaks\n    甲: ${t}`, body: 'avg(季度结果.score) + count(甲) * 0' }));

  it('KH-C160: no missing policy, with a fix that inserts one in the file\'s language', () => {
    for (const [src, inserted] of [[scheme({ inputs: '    季度结果: results of 平时考核 quarterly\n    往年: past 3 years missing skip' }), ' missing skip'],
      ['方案 年度考核 {\n  周期 年度\n  输入 { 往年: 过去 3 年 }\n  指标 甲 权重 100% = 连续(r 属于 往年)\n}\n', ' 缺失 跳过']]) {
      const d = analyze(src).diagnostics.filter((x) => x.code === 'KH-C160');
      expect(d).toHaveLength(1);
      const edit = d[0].fix!.edits[0];
      expect(edit.text).toBe(inserted);
      const fixed = src.slice(0, edit.span.start) + edit.text + src.slice(edit.span.end);
      expect(errs(fixed)).toEqual([]);
    }
  });

  it('KH-C161: the unit must make up the scheme\'s period', () => {
    const ok: [string, string][] = [['annual', 'annual'], ['annual', 'quarterly'], ['annual', 'monthly'], ['quarterly', 'quarterly'], ['quarterly', 'monthly'], ['monthly', 'monthly']];
    const bad: [string, string][] = [['quarterly', 'annual'], ['monthly', 'quarterly'], ['monthly', 'annual']];
    const past = { annual: 'years', quarterly: 'quarters', monthly: 'months' } as Record<string, string>;
    const run = ([p, u]: [string, string]) => errs(scheme({ period: `period ${p}`, inputs: `    季度结果: results of 平时考核 ${u} missing skip\n    往年: past 3 ${past[p]} missing breaks` }));
    for (const c of ok) expect(run(c), c.join(' ⊇ ')).toEqual([]);
    for (const c of bad) expect(run(c), c.join(' ⊉ ')).toEqual(['KH-C161']);
    expect(errs(scheme({ period: 'period special', inputs: '    季度结果: results of 平时考核 quarterly missing skip\n    往年: past 3 years missing breaks' })))
      .toEqual(['KH-C161', 'KH-C162']);
    expect(errs(scheme({ period: '', inputs: '    季度结果: results of 平时考核 quarterly missing skip\n    往年: past 3 years missing breaks' })))
      .toEqual(['KH-C161', 'KH-C162']);
  });

  it('KH-C162: past counts the scheme\'s own periods', () => {
    expect(input('past 3 quarters missing skip')).toEqual(['KH-C162']);
    expect(input('past 3 quarters missing skip', 'period quarterly').filter((c) => c === 'KH-C162')).toEqual(['KH-C162']); // 往年 is `years`
  });

  it('KH-C163: N from 1 to 50, whole', () => {
    expect(input('past 1 years missing skip')).toEqual([]);
    expect(input('past 50 years missing skip')).toEqual([]);
    expect(input('past 0 years missing skip')).toEqual(['KH-C163']);
    expect(input('past 51 years missing skip')).toEqual(['KH-C163']);
    expect(input('past 2.5 years missing skip')).toEqual(['KH-C163']);
  });

  it('KH-C164: only a top-level input field', () => {
    expect(input('list of past 3 years missing skip')).toEqual(['KH-C164']);
    expect(input('{ 结果: results of 平时考核 quarterly missing skip }').filter((c) => c === 'KH-C164')).toEqual(['KH-C164']);
    expect(errs(scheme({ body: 'f(1)', example: '  function f(x: number, y: list of past 3 years missing skip): number = x' }).replace('\n}\n', '\n}\n'))
      .filter((c) => c === 'KH-C164')).toEqual(['KH-C164']);
  });

  it('KH-C165: streak over a past input only, and only as `streak(r in L …)`', () => {
    expect(errs(scheme({ body: 'avg(季度结果.score) + streak(r in 季度结果 where r.grade == 好)' }))).toEqual(['KH-C165']);
    expect(errs(scheme({ body: 'avg(季度结果.score) + streak(往年)' }))).toEqual(['KH-C165']);
    expect(errs(scheme({ body: 'avg(季度结果.score) + streak(r in 往年)' }))).toEqual([]);
  });

  it('KH-C166: grades names an enum', () => {
    expect(input('results of 乙 quarterly grades 平时 missing skip')).toEqual(['KH-C166']);
    expect(input('results of 乙 quarterly grades 平时等次 missing skip')).toEqual([]);
  });

  it('KH-C167: the policies each form takes', () => {
    for (const w of ['skip', 'zero', 'error']) expect(input(`results of 乙 quarterly missing ${w}`), w).toEqual([]);
    expect(input('results of 乙 quarterly missing breaks')).toEqual(['KH-C167']);
    for (const w of ['skip', 'breaks']) expect(input(`past 2 years missing ${w}`), w).toEqual([]);
    expect(input('past 2 years missing zero')).toEqual(['KH-C167']);
    expect(input('past 2 years missing error')).toEqual(['KH-C167']);
  });

  it('KH-C168: each option once', () => {
    expect(input('results of 乙 quarterly missing skip exact reported')).toEqual(['KH-C168']);
    expect(input('results of 乙 quarterly missing skip grades 平时等次 grades 平时等次')).toEqual(['KH-C168']);
    expect(input('past 2 years missing skip missing skip')).toEqual(['KH-C168']);
  });
});

describe('examples', () => {
  const ex = (given: string, period = '    period "2026"\n') => errs(scheme({ example: `  example 一 {\n${period}    given { ${given} }\n    expect score == 88\n  }` }));

  it('takes records with English or Chinese keys; an ungraded period leaves grade out', () => {
    expect(ex('季度结果: [{ period: "2026-Q1", score: 88, grade: 好 }, { 考核期: "2026-Q2", 得分: 88, 导入: true }], 往年: [{ period: "2025", score: 90.5, grade: 优秀, imported: true }]')).toEqual([]);
    expect(ex('季度结果: [], 往年: []')).toEqual([]);
  });

  it('reports wrong records, fields and grades', () => {
    expect(ex('季度结果: [{ period: "2026-Q1", score: 88, grade: 优秀 }], 往年: []')).toEqual(['KH-C052']); // not a 平时等次
    expect(ex('季度结果: [], 往年: [{ period: "2025", score: 90, grade: 好 }]')).toEqual(['KH-C052']); // not a grade
    expect(ex('季度结果: [{ period: 2026, score: "88" }], 往年: []')).toEqual(['KH-C052', 'KH-C052']);
    expect(ex('季度结果: [{ period: "2026-Q1" }], 往年: []')).toEqual(['KH-C052']); // score is required
    expect(ex('季度结果: [{ period: "2026-Q1", score: 1, 分数: 1 }], 往年: []')).toEqual(['KH-C050']);
    expect(ex('季度结果: [{ period: "2026-Q1", score: 1, imported: 1 }], 往年: [3]')).toEqual(['KH-C052', 'KH-C052']);
    expect(ex('季度结果: { period: "2026-Q1" }, 往年: []')).toEqual(['KH-C052']);
  });

  it('KH-C103: an example of such a scheme needs its period', () => {
    expect(ex('季度结果: [], 往年: []', '')).toEqual(['KH-C103']);
    const d = analyze(scheme({ example: '  example 一 {\n    given { 季度结果: [], 往年: [] }\n    expect score == 88\n  }' })).diagnostics.find((x) => x.code === 'KH-C103')!;
    expect(d.message).toContain('季度结果');
    expect(d.message).toContain('period "2026"');
  });
});

it('the json-rules-engine export hands the scheme back to kaohe, naming the inputs', () => {
  const a = analyze(scheme());
  const doc = exportRules(a.checked!, a.file).doc;
  expect(doc.periods?.evaluator).toBe('kaohe');
  expect(doc.periods?.reason).toContain('results of other periods');
  expect(doc.periods?.inputs).toEqual(['line 5: 季度结果: results of 平时考核 quarterly grades 平时等次 missing skip', 'line 6: 往年: past 3 years missing breaks exact']);
  const plain = analyze('scheme s {\n  input { x: number }\n  indicator a weight 100% = x\n}\n');
  expect(exportRules(plain.checked!, plain.file).doc.periods).toBeUndefined();
});

it('the language service finds the enum of `grades ENUM` among its references (rename follows)', async () => {
  const { LanguageService } = await import('../../dsl/service/index.js');
  const src = scheme();
  const ls = new LanguageService({ ui: 'zh' });
  ls.update(src);
  const refs = ls.references(src.indexOf('平时等次') + 1);
  expect(refs.length).toBe(2); // the enum's declaration and `grades 平时等次`
});

it('checks without throwing when any field of the new forms is left out or is an Error node at NaN (recovered trees)', async () => {
  const { parse } = await import('../../dsl/parser/index.js');
  const { check } = await import('../../dsl/check/index.js');
  const { SourceFile } = await import('../../dsl/source.js');
  const text = scheme({ inputs: '    季度结果: results of 平时考核 quarterly grades 平时等次 missing skip exact missing zero\n    往年: past 3 years missing breaks' });
  const start = text.indexOf('input {'), end = text.indexOf('indicator');
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'span' || typeof x !== 'object' || x === null) continue;
      const p = [...path, Array.isArray(v) ? Number(k) : k];
      paths.push(p);
      walk(x, p);
    }
  };
  const input = parse(new SourceFile(text)).value.scheme!.decls.findIndex((d) => d.kind === 'Input');
  walk(parse(new SourceFile(text)).value.scheme!.decls[input], ['decls', input]);
  expect(paths.length).toBeGreaterThan(15);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  for (const path of paths) {
    for (const hole of [undefined, { kind: 'Error', span: { start: NaN, end: NaN } }]) {
      const file = new SourceFile(text);
      const parsed = parse(file).value;
      let v = parsed.scheme as unknown as Record<string | number, unknown>;
      for (const k of path.slice(0, -1)) v = v[k] as Record<string | number, unknown>;
      v[path[path.length - 1]] = hole;
      for (const d of check(parsed, file).diagnostics) {
        expect(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length, `${path.join('.')}: ${d.code}`).toBe(true);
      }
    }
  }
});
