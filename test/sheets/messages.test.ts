// Every message of sheets/messages.ts renders in both locales with the same placeholders, leaves no
// placeholder unfilled, and its Chinese has no English words outside quoted names and code.

import { describe, expect, it } from 'vitest';
import { LOCALES, placeholders, render, type Msg } from '../../dsl/i18n/index.js';
import { M } from '../../sheets/messages.js';
import { registeredCatalogs } from '../../dsl/i18n/index.js';

const catalog = registeredCatalogs().get('sheets')!;
const ARGS = { row: 7, column: '结案数', text: M.noId(), path: '任务[0].名称', expected: M.typeInteger(), found: '1', members: ['受理', '审批'],
  at: 3, name: '弃权', known: ['赞成', '反对'], id: 'A1', first: 2, names: ['“编号”', '“id”'], near: '结案数', parent: '票', max: 9, file: 'r.xlsx',
  columns: ['姓名', '科室'], count: 2, type: M.typeNumber(), lo: '0', hi: '1', element: M.typeText(), min: 1, fields: ['名称'], categories: ['上级'],
  other: '岗位', prog: 'kaohe eval', size: '65', header: '总分', why: '目录不存在', second: M.typeSeparated(), category: '上级', field: '考评分', index: 1, part: '名称', example: '任务[1].名称',
  values: ['100', '95'], scale: '测评档次', tiers: ['优秀（100、95）'], n: 3, what: M.noId(), form: '2026-Q1', sheet: '名单', cell: '合计', hidden: 1, cells: ['第 2 行'],
  char: '“', ascii: '"', en: 'period', zh: '考核期', letter: 'D', otherLetter: 'C' };

describe('sheets messages', () => {
  it('has the same keys and placeholders in zh and en', () => {
    expect(Object.keys(catalog.zh).sort()).toEqual(Object.keys(catalog.en).sort());
    for (const k of Object.keys(catalog.en)) {
      const en = catalog.en[k], zh = catalog.zh[k];
      if (typeof en === 'string' && typeof zh === 'string') expect(placeholders(zh), k).toEqual(placeholders(en));
    }
  });

  it('renders every message in both locales with nothing left unfilled', () => {
    for (const key of Object.keys(catalog.en)) {
      const msg: Msg = (M as Record<string, (a: object) => Msg>)[key]({ ...ARGS, first: key === 'typeAnd' ? M.typeText() : ARGS.first });
      for (const locale of LOCALES) {
        const text = render(msg, locale);
        expect(text, `${key} ${locale}`).not.toMatch(/\{\w+\}/);
        expect(text.length).toBeGreaterThan(0);
      }
      const zh = render(msg, 'zh').replace(/“[^”]*”|`[^`]*`|kaohe \w+/g, ''); // names, code, the command
      expect(zh, key).not.toMatch(/[A-Za-z]{2,}/);
      expect(zh, key).not.toMatch(/。：|：。|，，|；；/);
    }
  });
});
