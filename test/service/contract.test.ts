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
