// A reason read in Chinese says 是/否, never `= true` (issue 16, session 6: the user trial's 王科长 read
// "未达到“优秀”：任一(q 属于 季度结果 : q.考核等次 <= 一般) = true" in her 等次依据 column). Values in grade reasons
// are written with the scheme's own keywords for the reader's language (values.ts VALUE_WORDS), alike on the
// closures and the compiled backend; English keeps true/false.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, prepare } from '../../engine/index.js';

const s = prepare(readFileSync('schemes/annual-composite.kaohe', 'utf8')).value!;
/** 李四 of the scheme's own example, with one quarter 一般: score ≥ 90, but `not any(q … : q <= 一般)` fails. */
const subject = {
  id: '李四',
  input: {
    季度得分: [93.10, 92.40, 91.00, 94.20], 季度等次: ['好', '好', '一般', '好'], 民主测评分: 95, 领导评鉴分: 94, 专项加分: 1,
    民主票: { 优秀: 10, 称职: 8, 基本称职: 5, 不称职: 4 },
  },
};

async function reasons(lang: 'zh' | 'en', backend: 'closures' | 'compiled'): Promise<string[]> {
  const r = await evaluate(s, subject, { lang, backend });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  expect(r.value.grade).toBe('称职'); // grade names are the scheme's, in both languages
  return r.value.gradeReasons;
}

describe('values in reasons, in the reader\'s words', () => {
  for (const backend of ['closures', 'compiled'] as const) {
    it(`zh: the missed 优秀 says 是, not true (${backend})`, async () => {
      const zh = await reasons('zh', backend);
      const missed = zh.filter((x) => x.includes('优秀'));
      expect(missed.some((x) => /任一\(.*\) = 是/.test(x))).toBe(true);
      expect(zh.join('\n')).not.toMatch(/\b(true|false|null)\b/);
    });
    it(`en keeps true/false (${backend})`, async () => {
      const en = await reasons('en', backend);
      expect(en.some((x) => /any\(.*\) = true/.test(x))).toBe(true);
    });
  }
  it('both backends write the same reasons', async () => {
    for (const lang of ['zh', 'en'] as const) expect(await reasons(lang, 'compiled')).toEqual(await reasons(lang, 'closures'));
  });
});
