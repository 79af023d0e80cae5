// Issue 12, owner P: shares that depend on the post (`weight if C then N else M`), `normalize` points
// groups and the scheme-level `normalize` line (缺项比率计分法), `total T` in weight mode, items
// attached to one indicator (`item … for X`), and reward items' labels in results. Every expected
// number is worked out by hand with exact fractions in the comment beside it.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { localizeDiagnostic } from '../../dsl/diagnostics.js';
import { evaluate } from '../../engine/index.js';
import { exportRules } from '../../engine/jre/export.js';
import type { SubjectResult } from '../../engine/api.js';
import { SubjectResultSchema } from '../../engine/result-schema.js';
import { fmt, parseOk } from '../format/helpers.js';
import { loadSource } from '../engine/helpers.js';

async function run(source: string, input: Record<string, unknown>): Promise<SubjectResult> {
  const { scheme } = loadSource(source);
  const out = await evaluate(scheme, { id: 's', input });
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.value;
}

async function errorsOf(source: string, input: Record<string, unknown>): Promise<string[]> {
  const out = await evaluate(loadSource(source).scheme, { id: 's', input });
  return out.ok ? [] : out.errors.map((e) => `${e.code} ${e.message}`);
}

const diags = (source: string) => analyze(source, 'p.kaohe').diagnostics;
const codes = (source: string) => diags(source).map((d) => d.code);

// ---------------------------------------------------------------- normalize (缺项比率)

/** A points group of 100 scaled over its applicable indicators: 省控 and 市控 apply only to some
 * counties. Scores are percentages; an indicator's points = score × its points / Σ applicable points × 100. */
const WATER = `scheme 水质考核 {
  total 100
  input {
    有省控: bool
    有市控: bool
    a: number in [0, 100] = 0
    b: number in [0, 100] = 0
    c: number in [0, 100] = 0
    d: number in [0, 100] = 0
  }
  group 水质 "水环境质量" points 100 normalize {
    indicator 国控 points 50 = a
    indicator 饮用水 points 30 = b
    when 有省控 { indicator 省控 points 10 = c }
    when 有市控 { indicator 市控 points 10 = d }
  }
  example 缺一项 {
    given { 有省控: true, 有市控: false, a: 100, b: 100, c: 80 }
    expect score == 97.78
  }
}`;

describe('a normalized points group', () => {
  it('scales one missing indicator: 88 ÷ 90 × 100 = 97.78', async () => {
    // applicable 50 + 30 + 10 = 90; earned 100×50/100 + 100×30/100 + 80×10/100 = 50 + 30 + 8 = 88
    // group points = 88/90 × 100 = 880/9 = 97.777… → 97.78
    const r = await run(WATER, { 有省控: true, 有市控: false, a: 100, b: 100, c: 80 });
    expect(r.base).toBe(97.78);
    expect(r.score).toBe(97.78);
    // 国控's effective weight 50/90 = 5/9 = 0.555556; its points 100 × 5/9 = 55.56
    expect(r.indicators.find((i) => i.id === '国控')).toMatchObject({ weight: 0.555556, points: 55.56 });
  });

  it('scales two missing indicators', async () => {
    // applicable 50 + 30 = 80; earned 90×50/100 + 100×30/100 = 45 + 30 = 75; 75/80 × 100 = 93.75
    const r = await run(WATER, { 有省控: false, 有市控: false, a: 90, b: 100 });
    expect(r.score).toBe(93.75);
    expect(r.indicators.map((i) => i.id)).toEqual(['国控', '饮用水']);
  });

  it('leaves a group with no missing indicator as it is', async () => {
    // applicable 100; earned 100×50/100 + 90×30/100 + 70×10/100 + 50×10/100 = 50 + 27 + 7 + 5 = 89
    const r = await run(WATER, { 有省控: true, 有市控: true, a: 100, b: 90, c: 70, d: 50 });
    expect(r.score).toBe(89);
  });

  it('is proved against its declared points, not its children (no KH-C012)', () => {
    // Without `normalize` the same group is KH-C012: 80 or 90 are not 100.
    expect(codes(WATER)).toEqual([]);
    expect(codes(WATER.replace(' normalize {', ' {'))).toContain('KH-C012');
  });

  it('runs its example', async () => {
    const { runExamples } = await import('../../engine/index.js');
    const out = await runExamples(loadSource(WATER).scheme);
    expect(out.map((o) => o.passed)).toEqual([true]);
  });

  it('a normalize group whose members can all be off: KH-C092 with the combination, and an evaluation error', async () => {
    const empty = `scheme 空组 {
  input { 有省控: bool, 有市控: bool, c: number = 0, d: number = 0 }
  group 补充 points 100 normalize {
    when 有省控 { indicator 省控 points 50 = c }
    when 有市控 { indicator 市控 points 50 = d }
  }
}`;
    const d = diags(empty).filter((x) => x.code === 'KH-C092');
    expect(d).toHaveLength(1);
    expect(d[0].severity).toBe('warning');
    expect(d[0].message).toContain('有省控=false');
    expect(d[0].message).toContain('有市控=false');
    expect(localizeDiagnostic(d[0], 'zh').message).toContain('“补充”');
    expect((await errorsOf(empty, { 有省控: false, 有市控: false }))[0]).toMatch(/^KH-E015 .*补充/);
    // one member unconditional: provably never empty, no warning
    expect(codes(empty.replace('when 有省控 { indicator 省控 points 50 = c }', 'indicator 省控 points 50 = c'))).not.toContain('KH-C092');
  });
});

describe('the scheme-level normalize line', () => {
  const ROOT = `scheme 乡镇 {
  total 1000
  normalize
  input { 有园区: bool, a: number in [0, 100], b: number in [0, 100] = 0 }
  indicator 经济发展 points 600 = a
  when 有园区 { indicator 园区建设 points 400 = b }
}`;

  it("scales the root's applicable points to total", async () => {
    // without 园区建设: 经济发展 is 600 of 600 → scaled to 1000: 91 × 1000/100 = 910
    expect((await run(ROOT, { 有园区: false, a: 91 })).score).toBe(910);
    // both: 91×600/100 + 80×400/100 = 546 + 320 = 866 (already 1000)
    expect((await run(ROOT, { 有园区: true, a: 91, b: 80 })).score).toBe(866);
    expect(codes(ROOT)).toEqual([]);
    expect(codes(ROOT.replace('  normalize\n', ''))).toContain('KH-C012');
  });

  it('warns when every top-level member can be off, and fails such a subject (KH-C092, KH-E017)', async () => {
    const off = ROOT.replace('indicator 经济发展 points 600 = a', 'when not 有园区 { indicator 经济发展 points 600 = a }')
      .replace('when 有园区 {', 'when 有园区 and 有园区 {').replace('有园区: bool,', '有园区: bool, 有项目: bool,')
      .replace('when not 有园区 {', 'when 有项目 {');
    const d = diags(off).filter((x) => x.code === 'KH-C092');
    expect(d.map((x) => x.message)).toEqual([
      '有项目=false, 有园区=false: no member of the top level applies, so there is nothing to scale and the evaluation fails for such a subject',
    ]);
    expect((await errorsOf(off, { 有园区: false, 有项目: false, a: 1 }))[0]).toMatch(/^KH-E017 /);
  });

  it('prints and converts', () => {
    expect(fmt(ROOT, 'zh')).toContain('\n  归一\n');
    expect(fmt(fmt(ROOT, 'zh'), 'en')).toBe(fmt(ROOT, 'en'));
  });
});

// ---------------------------------------------------------------- total in weight mode

describe('total in a weight-mode scheme', () => {
  const W = `scheme 专项考核 {
  total 125
  input { a: number in [0, 100], b: number in [0, 100] }
  indicator 水质 weight 60% = a
  indicator 整改 weight 40% = b
  grades {
    优秀 when score >= 110
    合格 otherwise
  }
}`;

  it('puts base and points on the 0–125 scale: 86 → 107.5', async () => {
    // 80 × 60% + 95 × 40% = 48 + 38 = 86 on 100; × 125/100 = 107.5 (points 60, 47.5)
    const r = await run(W, { a: 80, b: 95 });
    expect(r.base).toBe(107.5);
    expect(r.score).toBe(107.5);
    expect(r.indicators.map((i) => i.points)).toEqual([60, 47.5]);
    expect(r.grade).toBe('合格');
    // 100 × 60% + 90 × 40% = 96 → 120: the grade thresholds are on the same scale
    expect((await run(W, { a: 100, b: 90 })).grade).toBe('优秀');
  });
});

// ---------------------------------------------------------------- shares that depend on the post

describe('a share that depends on the post', () => {
  const POST = `scheme 岗位 {
  enum 职务类 { 主要领导, 副职, 一般 }
  input { 领导职务: bool, a: number in [0, 100], b: number in [0, 100] }
  indicator 重点工作 weight if 领导职务 then 40% else 30% = a
  indicator 日常工作 weight if 领导职务 then 60% else 70% = b
}`;

  it('takes the branch whose condition holds', async () => {
    // 领导职务: 90 × 40% + 80 × 60% = 36 + 48 = 84; otherwise 90 × 30% + 80 × 70% = 27 + 56 = 83
    expect((await run(POST, { 领导职务: true, a: 90, b: 80 })).score).toBe(84);
    const r = await run(POST, { 领导职务: false, a: 90, b: 80 });
    expect(r.score).toBe(83);
    expect(r.indicators.map((i) => i.weight)).toEqual([0.3, 0.7]);
    expect(codes(POST)).toEqual([]);
  });

  it('is covered by the weight proof, which names the combination that does not sum', () => {
    const bad = POST.replace('if 领导职务 then 40% else 30%', 'if 职务 == 主要领导 then 40% else if 职务 == 副职 then 35% else 30%')
      .replace('input { 领导职务: bool', 'input { 职务: 职务类, 领导职务: bool');
    const d = diags(bad).filter((x) => x.code === 'KH-C010');
    // 主要领导 and 领导职务=false: 40% + 70% = 110%; 副职 and false: 35% + 70% = 105%
    const text = d.map((x) => x.message).join('\n');
    expect(text).toContain('职务=主要领导, 领导职务=false: the top level sums to 110%, not 100%');
    expect(text).toContain('职务=副职, 领导职务=false: the top level sums to 105%, not 100%');
    expect(localizeDiagnostic(d[0], 'zh').message).toContain('职务为主要领导、领导职务为否时，顶层各项权重之和为 110%');
  });

  it('in points mode: 主要领导 600 points, others 500', async () => {
    const pts = `scheme 千分制 {
  total 1000
  enum 职务类 { 主要领导, 其他领导 }
  input { 职务: 职务类, a: number in [0, 100], b: number in [0, 100] }
  indicator 重要项目 points if 职务 == 主要领导 then 600 else 500 = a
  indicator 基础工作 points if 职务 == 主要领导 then 400 else 500 = b
}`;
    expect(codes(pts)).toEqual([]);
    // 主要领导: 90×600/100 + 80×400/100 = 540 + 320 = 860; 其他领导: 450 + 400 = 850
    expect((await run(pts, { 职务: '主要领导', a: 90, b: 80 })).score).toBe(860);
    expect((await run(pts, { 职务: '其他领导', a: 90, b: 80 })).score).toBe(850);
    // a combination that does not sum: 其他领导 gets 500 + 400 = 900
    const bad = diags(pts.replace('points if 职务 == 主要领导 then 400 else 500', 'points 400')).filter((x) => x.code === 'KH-C012');
    expect(bad.map((x) => x.message).join()).toContain('职务=其他领导');
    expect(bad.map((x) => x.message).join()).toContain('900');
  });

  it('a condition over a number makes the proof non-exhaustive (KH-C014)', () => {
    const opaque = POST.replace('if 领导职务 then 40% else 30%', 'if a > 50 then 40% else 30%');
    expect(codes(opaque)).toContain('KH-C014');
  });

  it('the same indicator in two when blocks stays KH-C002, pointing to the conditional share', () => {
    const twice = `scheme 两次 {
  input { 领导职务: bool, a: number }
  when 领导职务 { indicator 重点工作 weight 100% = a }
  when not 领导职务 { indicator 重点工作 weight 100% = a }
}`;
    const d = diags(twice).find((x) => x.code === 'KH-C002')!;
    expect(d.message).toContain('weight if C then N else M');
    expect(localizeDiagnostic(d, 'zh').message).toContain('权重 如果 条件 则 N 否则 M');
  });

  it('a branch condition must be a yes/no (KH-C005)', () => {
    expect(codes(POST.replace('if 领导职务 then 40%', 'if a then 40%'))).toContain('KH-C005');
  });

  it('prints in both keyword languages and round-trips', () => {
    const zh = fmt(POST, 'zh');
    expect(zh).toContain('指标 重点工作 权重 如果 领导职务 则 40% 否则 30% = a');
    expect(fmt(zh, 'en')).toBe(fmt(POST, 'en'));
    expect(parseOk(zh).scheme!.decls.find((d) => d.kind === 'Indicator')).toMatchObject({
      share: { kind: 'weight', value: { text: '30' }, cases: [{ value: { text: '40' } }] },
    });
  });
});

// ---------------------------------------------------------------- items attached to an indicator

const ATTACHED = `scheme 国控考核 {
  input {
    a: number in [0, 100]
    b: number in [0, 100]
    表彰: integer >= 0 = 0
    改善断面数: integer >= 0 = 0
    恶化断面数: integer >= 0 = 0
  }
  indicator 国控断面 weight 50% = a
  indicator 常规 weight 50% = b
  reward 加分 max 6 {
    item 获表彰 "受到表彰" when 表彰 > 0 => add 1 per 表彰
    item 改善 "断面水质改善" for 国控断面 when 改善断面数 > 0 => add 2 per 改善断面数
  }
  negative 扣分 max 20 {
    item 恶化 "断面水质恶化" for 国控断面 when 恶化断面数 > 0 => deduct 30 per 恶化断面数
  }
}`;

describe('items attached to one indicator', () => {
  it("go into the indicator's subtotal; the list's max cuts the item that crosses it", async () => {
    // points 80×50% = 40 and 70×50% = 35. 加分 max 6 in order: 表彰 2 (2 used), 改善 asks 2×3 = 6 but
    // gets the remaining 4. 国控断面 subtotal 40 + 4 = 44; base 44 + 35 = 79; rewards (unattached) 2;
    // score 79 + 2 = 81.
    const r = await run(ATTACHED, { a: 80, b: 70, 表彰: 2, 改善断面数: 3 });
    expect(r.base).toBe(79);
    expect(r.rewards).toBe(2);
    expect(r.score).toBe(81);
    const row = r.indicators.find((i) => i.id === '国控断面')!;
    expect(row).toMatchObject({ points: 40, subtotal: 44 });
    expect(row.attached).toEqual([{ list: '加分', item: '改善', label: '断面水质改善', add: 4, asked: 6, at: 'line 13' }]);
    expect(r.rewardItems).toEqual([
      { list: '加分', item: '获表彰', label: '受到表彰', add: 2 },
      { list: '加分', item: '改善', label: '断面水质改善', add: 6, for: '国控断面' },
    ]);
    expect(SubjectResultSchema.safeParse(r).success).toBe(true); // the new fields are in the result schema
  });

  it('a deduction empties the subtotal and stops at 0 (扣完为止)', async () => {
    // points 20×50% = 10; 恶化 asks 30 but 扣分 max 20 gives 20; subtotal max(0, 10 − 20) = 0;
    // base 0 + 35 = 35; deductions (unattached) 0
    const r = await run(ATTACHED, { a: 20, b: 70, 恶化断面数: 1 });
    expect(r.indicators.find((i) => i.id === '国控断面')).toMatchObject({ points: 10, subtotal: 0 });
    expect(r.deductions).toBe(0);
    expect(r.score).toBe(35);
    expect(r.negative[0]).toMatchObject({ item: '恶化', for: '国控断面' });
  });

  it('without attached items a list keeps min(Σ, max)', async () => {
    // 表彰 9 asks 9, max 6 → rewards 6; base 40 + 35 = 75; score 81
    const r = await run(ATTACHED.replace(' for 国控断面 when 改善', ' when 改善'), { a: 80, b: 70, 表彰: 9 });
    expect(r.rewards).toBe(6);
    expect(r.score).toBe(81);
  });

  it('gives the same results through the json-rules-engine runtime, whose export names the indicator', async () => {
    const { scheme } = loadSource(ATTACHED);
    const input = { a: 80, b: 70, 表彰: 2, 改善断面数: 3, 恶化断面数: 1 };
    const [native, jre] = await Promise.all([evaluate(scheme, { id: 's', input }), evaluate(scheme, { id: 's', input }, { rulesRuntime: 'jre' })]);
    expect(jre).toEqual(native);
    const a = analyze(ATTACHED, 'p.kaohe');
    const doc = exportRules(a.checked!, a.file).doc;
    expect(doc.rules.reward[1].event.params).toMatchObject({ item: '改善', for: '国控断面' });
    expect(doc.semantics.attached).toContain('subtotal');
  });

  it('must name an indicator (KH-C090) and should add or deduct (KH-C091)', () => {
    expect(codes(ATTACHED.replace('for 国控断面 when 改善', 'for 国控 when 改善'))).toContain('KH-C090');
    expect(codes(ATTACHED.replace('for 国控断面 when 改善', 'for 表彰 when 改善'))).toContain('KH-C090');
    const noAmount = ATTACHED.replace('item 恶化 "断面水质恶化" for 国控断面 when 恶化断面数 > 0 => deduct 30 per 恶化断面数',
      'item 恶化 "断面水质恶化" for 国控断面 when 恶化断面数 > 0 => veto');
    expect(codes(noAmount)).toContain('KH-C091');
  });

  it('prints `for` / `计入` and round-trips', () => {
    const zh = fmt(ATTACHED, 'zh');
    expect(zh).toContain('事项 改善 "断面水质改善" 计入 国控断面 当 改善断面数 > 0');
    expect(fmt(zh, 'en')).toBe(fmt(ATTACHED, 'en'));
  });
});

// ---------------------------------------------------------------- formatter goldens

describe('formatting every form of this feature', () => {
  const ALL = `scheme 水污染防治 {
  total 125
  normalize
  enum 职务类 { 主要领导, 其他领导 }
  input { 职务: 职务类, 有省控断面: bool, a: number, 改善断面数: integer }
  indicator 重要项目 points if 职务 == 主要领导 then 60 else if 有省控断面 then 55 else 50 = a
  group 水质 points 65 normalize {
    indicator 国控断面 points 40 = a
    when 有省控断面 { indicator 省控断面 points 25 = a }
  }
  reward 加分 max 6 {
    item 改善 "断面水质改善" for 国控断面 when 改善断面数 > 0 => add 2 per 改善断面数
  }
}`;

  it('matches the goldens in both keyword languages, idempotently', async () => {
    const en = fmt(ALL, 'en'), zh = fmt(ALL, 'zh');
    await expect(en).toMatchFileSnapshot('__golden__/points.en.kaohe');
    await expect(zh).toMatchFileSnapshot('__golden__/points.zh.kaohe');
    expect(fmt(en)).toBe(en);
    expect(fmt(zh, 'en')).toBe(en);
    expect(fmt(en, 'zh')).toBe(zh);
    expect(codes(zh)).toEqual([]);
  });
});
