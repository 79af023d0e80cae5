// 按姓氏笔画 the mainland way (report/papers/stroke.ts + our hand-written strokes-data.ts): stroke count from
// the mainland 规范 (阝 is 2 strokes, so 陈 and 阿 are 7 and come before 周), equal counts by 笔顺 in the
// classes 横1 竖2 撇3 点4 折5, then the next characters, then id; characters outside the table and names
// that are not Chinese fall back on ICU's stroke collation without breaking the order's consistency.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byStroke, compareByStroke, strokeTable } from '../../report/papers/stroke.js';
import { STROKES } from '../../report/papers/strokes-data.js';

const sorted = (names: readonly string[]) => [...names].sort(compareByStroke);

describe('the mainland stroke table', () => {
  it('is well-formed: one Chinese character and its 笔顺 digits 1–5 per entry, no duplicates, under the heading of its count', () => {
    const seen = new Set<string>();
    let heading = 0;
    for (const line of STROKES.split('\n').filter(Boolean)) {
      const h = /^\/\/ (\d+)$/.exec(line);
      if (h) { expect(Number(h[1])).toBeGreaterThan(heading); heading = Number(h[1]); continue; }
      for (const entry of line.split(' ')) {
        expect(entry).toMatch(/^\p{Script=Han}:[1-5]+$/u);
        const [ch, digits] = entry.split(':') as [string, string];
        expect(digits.length, entry).toBe(heading);
        expect(seen.has(ch), `${ch} twice`).toBe(false);
        seen.add(ch);
      }
    }
    expect(seen.size).toBe(strokeTable().size);
    expect(seen.size).toBeGreaterThan(700);
  });

  it('has the counts and 笔顺 of a sample, worked out by hand', () => {
    const table = strokeTable();
    // 阝 on the left is 折 竖 (52): 阿 陈 7, 邓 4 (又 + 阝), 郭 10 (享 8 + 阝); 周 8, 李 7, 张 7, 王 4, 黄 11, 赵 9,
    // 刘 6, 马 3
    const sample: Record<string, string> = {
      阿: '5212512', 陈: '5215234', 邓: '5452', 郭: '4125152152', 周: '35121251', 李: '1234521', 张: '5153154',
      王: '1121', 黄: '12212512134', 赵: '121213434', 刘: '413422', 马: '551',
      // 艹 is 3 (122): 范 8, 董 12, 蒋 12; 辶 is 3 (454): 连 7, 边 5
      范: '12244155', 董: '122312511211', 蒋: '122412354124', 连: '1512454', 边: '53454',
      // 车 on the left ends 竖 提 (1521): 轩 7; the bottom 月 of 青 and 肖 starts with 竖: 青 8, 肖 7, 静 14
      轩: '1521112', 青: '11212511', 肖: '2432511', 静: '11212511355112',
      // 欧阳 and the other compound surnames sort by their characters: 欧 8, 诸 10, 司 5, 慕 14, 皇 9, 尉 11
      欧: '13453534', 诸: '4512132511', 司: '51251', 慕: '12225111342444', 皇: '325111121', 尉: '51311234124',
      // given names: 伟 6, 芳 7, 磊 15
      伟: '321152', 芳: '1224153', 磊: '132511325113251',
    };
    expect(Object.keys(sample)).toHaveLength(30);
    expect(Object.fromEntries(Object.keys(sample).map((c) => [c, table.get(c)]))).toEqual(sample);
  });
});

describe('按姓氏笔画 (mainland)', () => {
  it('orders common surnames by count, then by 笔顺', () => {
    // 丁 2 (12) · 于 3 (112) 马 3 (551) · 王 4 (1121) 邓 4 (5452) · 刘 6 (413422) 许 6 (453112) 孙 6 (521234) ·
    // 李 7 (1234521) 杨 7 (1234533) 吴 7 (2511134) 何 7 (3212512) 张 7 (5153154) 阿 7 (5212512) 陈 7 (5215234) ·
    // 周 8 (35121251) · 赵 9 (121213434) · 黄 11 (12212512134)
    const input = [...'黄赵周陈阿杨李张吴何许孙刘邓王马于丁'];
    expect(sorted(input).join(' ')).toBe('丁 于 马 王 邓 刘 许 孙 李 杨 吴 何 张 阿 陈 周 赵 黄');
  });

  it('puts 陈 and 阿 (阝 is 2 strokes: 7) before 周 (8), which ICU\'s stroke collation does not', () => {
    expect(sorted(['周', '陈', '赵', '阿', '邓'])).toEqual(['邓', '阿', '陈', '周', '赵']);
    expect(['周', '陈', '阿'].sort(new Intl.Collator('zh-u-co-stroke').compare)).toEqual(['周', '阿', '陈']);
  });

  it('lets the second character decide for the same surname: its count, then its 笔顺', () => {
    // 三 3 < 伟 6; among 6-stroke 华 (323512) 军 (451512) 阳 (522511) 红 (551121)
    expect(sorted(['张伟', '张三'])).toEqual(['张三', '张伟']);
    expect(sorted(['王红', '王阳', '王军', '王华'])).toEqual(['王华', '王军', '王阳', '王红']);
  });

  it('lets the third character decide for three-character names; a shorter name comes before its extension', () => {
    // 欧 8 (13453534) before 周 8 (35121251); 欧阳明 (明 8) before 欧阳修 (修 9)
    expect(sorted(['周杰', '欧阳修', '欧阳', '欧阳明'])).toEqual(['欧阳', '欧阳明', '欧阳修', '周杰']);
  });

  it('keeps characters with the same count and 笔顺 apart, so one surname stays together', () => {
    // 土 and 士 are both 121: the surname decides before the given name does
    const names = sorted(['士甲', '土乙', '士乙', '土甲']);
    expect(names.slice(0, 2).map((n) => n[0])).toEqual([names[0]![0], names[0]![0]]);
    expect(new Set(names.map((n) => n[0])).size).toBe(2);
  });

  it('falls back on ICU for a character outside the table: its ICU count, after the table\'s characters of that count', () => {
    // 𠇔 (U+201D4, not in the table): 6 strokes for ICU, so after 刘 孙 (6) and before 何 (7)
    expect(sorted(['何明', '𠇔一', '孙丽', '刘洋'])).toEqual(['刘洋', '孙丽', '𠇔一', '何明']);
    // 鬱 (traditional, ICU 29) after every name of the table's counts
    expect(sorted(['鬱文', '黄强', '丁一']).at(-1)).toBe('鬱文');
  });

  it('keeps ICU\'s place for names that are not Chinese: punctuation first, Latin after the Chinese, letter case aside', () => {
    expect(sorted(['Zoe Li', '陈静', 'anna', '<b>', 'Anna', '丁一'])).toEqual(['<b>', '丁一', '陈静', 'anna', 'Anna', 'Zoe Li']);
  });

  it('equal names by id, and the order does not depend on the roster\'s', () => {
    const people = [{ subject: 'b', name: '陈静' }, { subject: 'a', name: '陈静' }, { subject: 'c', name: '周杰' }];
    expect(byStroke(people).map((p) => p.subject)).toEqual(['a', 'b', 'c']);
    const pool = ['丁一', '王芳', '李娜', '张伟', '张三', '陈静', '阿依', '周杰', '欧阳修', '𠇔一', 'Anna', 'anna', '<b>', '土甲', '士甲', '鬱文', '黄强'];
    fc.assert(fc.property(fc.shuffledSubarray(pool), fc.shuffledSubarray(pool), (a, b) => {
      const names = [...a, ...b];
      const once = sorted(names);
      expect(sorted([...names].reverse())).toEqual(once);
      for (let i = 1; i < once.length; i++) expect(compareByStroke(once[i - 1]!, once[i]!)).toBeLessThanOrEqual(0);
    }));
  });
});
