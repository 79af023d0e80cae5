// The input contract as data for the try-it form, and examples' `given` as JSON inputs.

import { describe, expect, it } from 'vitest';
import { LanguageService } from '../../dsl/service/index.js';
import { PROVINCE, reference } from './helpers.js';

describe('input contract', () => {
  const ls = new LanguageService();
  ls.update(PROVINCE);
  const c = ls.contract();
  const field = (n: string) => c.fields.find((f) => f.name === n)!;

  it('describes every field with its type, bounds, members, categories and default', () => {
    expect(field('缺勤天数')).toMatchObject({ label: '全年缺勤天数', required: true, type: { kind: 'number', min: 0, max: 366 } });
    expect(field('案件受理数')).toMatchObject({ required: false, default: 0, type: { kind: 'integer', min: 0, minExclusive: false } });
    expect(field('岗位').type).toMatchObject({ kind: 'enum', members: [{ name: '综合管理' }, { name: '行政执法' }, { name: '窗口服务' }] });
    expect(field('政治素质评价').type).toMatchObject({ kind: 'ratings', panel: '民主测评', categories: [{ name: '上级', label: '上级领导' }, { name: '同级' }, { name: '下级' }, { name: '服务对象' }] });
    expect(field('工作任务').type).toMatchObject({ kind: 'list', min: 1, element: { kind: 'record', fields: [{ name: '名称' }, { name: '难度' }, { name: '角色' }, { name: '完成率' }] } });
    expect(field('表彰').default).toBe('无');
    expect(field('群众满意率').default).toBe(1);
  });

  it('turns examples into JSON inputs', () => {
    const ex = c.examples[0];
    expect(ex.name).toBe('执法岗');
    expect(ex.input).toMatchObject({ 岗位: '行政执法', 缺勤天数: 1, 政治素质评价: { 上级: [95] }, 平时考核: ['好', '好', '较好', '好'] });
    expect((ex.input.工作任务 as object[])[0]).toEqual({ 名称: '专项整治', 难度: '困难', 角色: '牵头', 完成率: 1.1 });
  });

  it('reads percentages as numbers and works for Chinese keywords', () => {
    const zh = new LanguageService();
    zh.update(reference('quarterly-routine.kaohe'));
    expect(zh.contract().fields.length).toBeGreaterThan(0);
  });
});

describe('input contract: scales, ballots and the period (issue 12)', () => {
  const of = (src: string) => { const ls = new LanguageService(); ls.update(src); return ls.contract(); };
  const ballots = of(reference('quarterly-ballots.kaohe'));
  const field = (n: string) => ballots.fields.find((f) => f.name === n)!;

  it('gives an input `in SCALE` the scale’s values by tier, and `in {…}` its values', () => {
    expect(field('负责人意见').type).toEqual({ kind: 'number', oneOf: { scale: '评分档', label: '测评档次', values: [100, 95, 90, 85, 80, 75, 65, 60, 55],
      tiers: [{ name: '优秀', values: [100, 95, 90] }, { name: '称职', values: [85, 80, 75] }, { name: '基本称职', values: [65, 60] }, { name: '不称职', values: [55] }] } });
    const c = of('scheme S { input { 满意度: integer in {1, 2, 3, 4, 5}, 分: list of number in {60, 80%} } indicator A weight 100% = 满意度 * 20 + count(分) * 0 }');
    expect(c.fields[0].type).toEqual({ kind: 'integer', oneOf: { values: [1, 2, 3, 4, 5], tiers: [{ values: [1, 2, 3, 4, 5] }] } });
    expect(c.fields[1].type).toMatchObject({ kind: 'list', element: { kind: 'number', oneOf: { values: [60, 0.8] } } });
  });

  it('gives a ballot panel its criteria with weights and its scale', () => {
    const t = field('工作评价票').type;
    expect(t).toMatchObject({ kind: 'ratings', panel: '工作评价组', criteria: [{ name: '数量', weight: 0.3 }, { name: '质量', weight: 0.4 }, { name: '效率', weight: 0.3 }],
      scale: { scale: '五级', values: [100, 90, 80, 70, 60] } });
    expect(field('测评票').type).toMatchObject({ criteria: [{ name: '德', weight: 0.15 }, { name: '能' }, { name: '勤' }, { name: '绩' }, { name: '廉' }] });
  });

  it('says which period a scheme asks for, and carries each example’s period', () => {
    expect(ballots.period).toEqual({ kind: 'quarterly', form: '2026-Q1', required: false });
    const records = of(reference('discipline-records.kaohe'));
    expect(records.period).toEqual({ kind: 'quarterly', form: '2026-Q1', required: true });
    expect(records.examples[0]).toMatchObject({ name: '一号', period: '2026-Q2' });
    // periodEnd without a `period` setting: any form, required.
    expect(of('scheme S { input { d: date } indicator A weight 100% = if d <= periodEnd then 100 else 0 }').period).toEqual({ form: '2026-Q1', required: true });
    expect(of('scheme S { input { x: number } indicator A weight 100% = x }').period).toBeUndefined();
  });
});
