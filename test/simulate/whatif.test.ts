// What-if (simulate/): a stored round's inputs under another version, compared with its stored
// result. The fixture's numbers are worked out by hand in fixture.ts.

import { describe, expect, it } from 'vitest';
import { engine } from '../../engine/index.js';
import { whatIf, type WhatIf, type WhatIfOptions } from '../../simulate/index.js';
import type { RoundAgainst } from '../../simulate/types.js';
import { prepared, roundOf, scheme } from './fixture.js';

const BEFORE = scheme();

async function simulate(after: string, round?: RoundAgainst, opts: WhatIfOptions = {}): Promise<WhatIf> {
  const against = round ?? await roundOf(BEFORE);
  const out = await whatIf(engine, prepared(after), against, { sources: { before: { text: BEFORE }, after: { text: after } }, ...opts });
  if (!out.ok) throw new Error(JSON.stringify(out));
  return out.value;
}

const crossed = (w: WhatIf, unit: string, grade = '优秀') =>
  w.changes.filter((c) => c.unit === unit && (c.before.grade === grade) !== (c.after.grade === grade)).map((c) => c.subject);

describe('whatIf', () => {
  it('the round\'s own version: nobody changes, the distribution is the same on both sides, no rule differs', async () => {
    const w = await simulate(BEFORE);
    expect(w.changes).toEqual([]);
    expect(w.summary).toEqual({ subjects: 10, changed: 0, scoreChanged: 0, gradeChanged: 0, rankOnly: 0, actionsChanged: 0, up: 0, down: 0 });
    expect(w.rules).toEqual([]);
    for (const row of [w.overall, ...w.units]) {
      expect(row.after).toEqual(row.before);
      for (const q of row.quotas) expect(q.after).toEqual(q.before);
    }
  });

  it('comments, blank lines and the keyword language are no rule change', async () => {
    const noisy = BEFORE.replace('  grades {', '  // 等次\n\n  grades {').replace('indicator 业绩分', '// 业绩\n  indicator 业绩分');
    const w = await simulate(noisy);
    expect(w.rules).toEqual([]);
    expect(w.changes).toEqual([]);
  });

  it('a weight change moves exactly three people across the 优秀 line in 甲科 and none in 乙科', async () => {
    const after = scheme({ w1: '80%', w2: '20%' });
    const w = await simulate(after, undefined, { lang: 'zh' });
    expect(crossed(w, '甲科')).toEqual(['A2', 'A3', 'A4']);
    expect(crossed(w, '乙科')).toEqual([]);
    for (const s of ['A2', 'A3', 'A4']) expect(w.changes.find((c) => c.subject === s)!.direction).toBe('up');
    // 甲科 优秀 1 → 4 (limit ⌊6 × 70%⌋ = 4, nobody demoted); 乙科 stays at 2 of 2.
    const unit = (u: string) => w.units.find((r) => r.unit === u)!;
    expect([unit('甲科').before['优秀'], unit('甲科').after['优秀']]).toEqual([1, 4]);
    expect(unit('甲科').quotas).toEqual([{ grade: '优秀', scope: 'cohort', before: { limit: 4, base: 6, admitted: 1 }, after: { limit: 4, base: 6, admitted: 4 } }]);
    expect([unit('乙科').before['优秀'], unit('乙科').after['优秀']]).toEqual([2, 2]);
    expect([w.overall.before['优秀'], w.overall.after['优秀']]).toEqual([3, 6]);
    expect(w.summary).toMatchObject({ subjects: 10, gradeChanged: 3, up: 3, down: 0, scoreChanged: 8 });
    // The rule diff names the two changed indicators, nothing else, with their lines in both sources.
    expect(w.rules!.map((r) => [r.kind, r.name, r.change, r.before!.line, r.after!.line])).toEqual([
      ['indicator', '业绩分', 'changed', 12, 12], ['indicator', '测评分', 'changed', 13, 13],
    ]);
    expect(w.rules![0].after!.text).toBe('indicator 业绩分 "工作业绩" weight 80% = 业绩');
    // A2 side by side: 95 × 60% = 57 → 95 × 80% = 76; 80 × 40% = 32 → 80 × 20% = 16; 89 → 92.
    const a2 = w.changes.find((c) => c.subject === 'A2')!;
    expect(a2).toMatchObject({ name: 'A2同志', unit: '甲科', why: ['rules'], before: { score: 89, grade: '称职' }, after: { score: 92, grade: '优秀' } });
    expect(a2.indicators).toEqual([
      { name: '业绩分', before: { label: '工作业绩', weight: 0.6, score: 95, points: 57 }, after: { label: '工作业绩', weight: 0.8, score: 95, points: 76 } },
      { name: '测评分', before: { label: '民主测评', weight: 0.4, score: 80, points: 32 }, after: { label: '民主测评', weight: 0.2, score: 80, points: 16 } },
    ]);
    // Rules by their labels, scores at the scheme's precision (2), the rank said as 组内名次 (officer #7, #11).
    expect(a2.rules).toEqual([{ kind: 'indicator', name: '业绩分', title: '指标“工作业绩”' }, { kind: 'indicator', name: '测评分', title: '指标“民主测评”' }]);
    expect(a2.reason).toBe('得分 89.00 → 92.00；等次由“称职”变为“优秀”；组内名次 4 → 2；受指标“工作业绩”、指标“民主测评”变动影响');
    expect(w.precision).toBe(2);
    expect(a2.gradeReasons.after.join()).toContain('92');
    // B1 (90/90) scores 90 under both weights (54 + 36, 72 + 18): its rows differ, its grade does not;
    // A1, A2, A4 and A3 pass it overall (rank 3 → 6).
    const b1 = w.changes.find((c) => c.subject === 'B1')!;
    expect(b1).toMatchObject({ direction: 'same', before: { score: 90, rank: { overall: 3, cohort: 2 } }, after: { score: 90, rank: { overall: 6, cohort: 2 } } });
    expect(b1.indicators.map((r) => [r.before!.points, r.after!.points])).toEqual([[54, 72], [36, 18]]);
    // A6 (70/70): 70 either way; B3 (72 → 66) falls below it overall (rank 10 → 9).
    expect(w.changes.find((c) => c.subject === 'A6')).toMatchObject({ before: { score: 70, rank: { overall: 10 } }, after: { score: 70, rank: { overall: 9 } } });
  });

  it('a stricter negative-list item: the person it now catches drops out of 优秀, and the item is named', async () => {
    const after = scheme({ threshold: 1 });
    const w = await simulate(after, undefined, { lang: 'en' });
    expect(w.rules!.map((r) => `${r.kind} ${r.name} ${r.change}`)).toEqual(['item 负面.违反纪律 changed']);
    const b1 = w.changes.find((c) => c.subject === 'B1')!;
    // B1: 90 − 5 = 85 → 称职.
    expect(b1).toMatchObject({ direction: 'down', before: { score: 90, grade: '优秀' }, after: { score: 85, grade: '称职' } });
    expect(b1.items).toEqual([{ kind: 'negative', list: '负面', item: '违反纪律', after: { at: 'line 15', line: 15, label: '违反工作纪律', effects: [{ deduct: 5 }] } }]);
    expect(b1.rules).toEqual([{ kind: 'item', name: '负面.违反纪律', title: 'item `违反工作纪律`' }]);
    // The rule list names the item with its list's label, and its text keeps that label (officer #11).
    expect(w.rules![0].title).toBe('item `违反工作纪律` of `负面清单`');
    expect(w.rules![0].after!.text.split('\n')[0]).toBe('negative 负面 "负面清单" {');
    expect(b1.indicators).toEqual([]);
    expect(w.units.find((r) => r.unit === '乙科')!.quotas[0]).toMatchObject({ before: { admitted: 2 }, after: { admitted: 1 } });
    // Nobody else moved across a line; the others of 乙科 only moved up a rank.
    expect(w.changes.filter((c) => c.before.grade !== c.after.grade).map((c) => c.subject)).toEqual(['B1']);
    for (const c of w.changes.filter((x) => x.subject !== 'B1')) expect(c.why).toEqual(['rank']);
  });

  it('a tighter quota: the one past the new limit is demoted, and the quota note says so', async () => {
    const after = scheme({ w1: '80%', w2: '20%' }).replace('quota 70%', 'quota 50%');
    const w = await simulate(after, undefined, { lang: 'zh' });
    // 甲科 reaching 优秀 after: A1 93, A2 92, A4 91.6, A3 90.8; limit ⌊6 × 50%⌋ = 3 → A3 is demoted.
    const a3 = w.changes.find((c) => c.subject === 'A3')!;
    expect(a3.after.grade).toBe('称职');
    expect(a3.why).toEqual(['rules', 'quota']);
    expect(a3.quota.after).toMatchObject({ grade: '优秀', demotedTo: '称职', rank: 4, limit: 3 });
    expect(a3.quota.note).toBe('达到“优秀”条件但在名额以外（排名第 4，名额 3），定为“称职”');
    expect(a3.rules.map((r) => r.title)).toEqual(['指标“工作业绩”', '指标“民主测评”', '“优秀”等次条件']);
    expect(crossed(w, '甲科')).toEqual(['A2', 'A4']);
  });

  it('an input the simulated version needs that the round never had: the engine errors per person', async () => {
    const after = BEFORE.replace('违纪: integer in [0, 10] = 0', '违纪: integer in [0, 10] = 0\n    加分: number in [0, 5]').replace('= 业绩\n', '= 业绩 + 加分\n');
    const out = await whatIf(engine, prepared(after), await roundOf(BEFORE));
    expect(out.ok).toBe(false);
    if (out.ok || out.reason !== 'invalid_input') throw new Error('expected invalid_input');
    expect(out.errors.length).toBe(10);
    expect(out.errors[0]).toMatchObject({ subject: 'A1' });
    expect(out.errors[0].path).toContain('加分');
  });

  it('a round never evaluated has nothing to compare with', async () => {
    const round = { ...await roundOf(BEFORE), result: null };
    expect(await whatIf(engine, prepared(BEFORE), round)).toEqual({ ok: false, reason: 'not_evaluated' });
  });

  it('pages through the changes; the summary stays complete; a bad cursor is refused', async () => {
    const after = scheme({ w1: '80%', w2: '20%' });
    const first = await simulate(after, undefined, { limit: 3 });
    expect(first.changes.map((c) => c.subject)).toEqual(['A1', 'A2', 'A3']);
    expect(first.next).toBe('3');
    expect(first.summary.changed).toBeGreaterThan(3);
    const rest = await simulate(after, undefined, { limit: 500, cursor: first.next });
    expect(rest.next).toBeUndefined();
    expect(rest.changes.length).toBe(first.summary.changed - 3);
    const one = await simulate(after, undefined, { subject: 'A4' });
    expect(one.changes.map((c) => c.subject)).toEqual(['A4']);
    for (const cursor of ['-1', 'x', '99', '1.5']) {
      const out = await whatIf(engine, prepared(after), await roundOf(BEFORE), { cursor });
      expect(out).toMatchObject({ ok: false, reason: 'bad_cursor' });
    }
  });

  it('a changed let is traced to the people whose indicator reads it', async () => {
    const withLet = (f: string) => BEFORE.replace('  indicator 业绩分 "工作业绩" weight 60% = 业绩', `  let 业绩折算 = ${f}\n  indicator 业绩分 "工作业绩" weight 60% = 业绩折算`);
    const before = withLet('业绩');
    const after = withLet('min(业绩 + 2, 100)');
    const out = await whatIf(engine, prepared(after), await roundOf(before), { sources: { before: { text: before }, after: { text: after } } });
    if (!out.ok) throw new Error('expected a what-if');
    expect(out.value.rules!.map((r) => `${r.kind} ${r.name}`)).toEqual(['let 业绩折算']);
    const a6 = out.value.changes.find((c) => c.subject === 'A6')!;
    expect(a6.rules).toMatchObject([{ kind: 'let', name: '业绩折算' }]);
  });

  it('without the round\'s version source the rule diff is unknown (null), the rows still say what differs', async () => {
    const after = scheme({ threshold: 1 });
    const out = await whatIf(engine, prepared(after), await roundOf(BEFORE), { sources: { after: { text: after } } });
    if (!out.ok) throw new Error('expected a what-if');
    expect(out.value.rules).toBeNull();
    expect(out.value.changes.find((c) => c.subject === 'B1')!.items.length).toBe(1);
  });
});
