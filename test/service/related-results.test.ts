// The language service on a related subject's result (issue 14 part 2): after `results of SCHEME for`
// completion offers the text and enum inputs (what KH-C169 accepts), and the field after `for` is a
// reference of its input (find references, rename).

import { describe, expect, it } from 'vitest';
import { LanguageService } from '../../dsl/service/index.js';
import { labels } from './helpers.js';

const src = (field: string) => `scheme 班子成员考核 {
  period annual
  enum 岗位类别 { 正职, 副职 }
  input {
    班子: text
    岗位: 岗位类别
    测评分: number
    班子结果: results of 领导班子考核 for ${field}
  }
  indicator 民主测评 weight 100% = 测评分
}
`;

describe('related results in the language service', () => {
  it('offers text and enum inputs after `for` in a `results of` field', () => {
    const l = labels(src('|'));
    expect(l).toEqual(expect.arrayContaining(['班子', '岗位']));
    expect(l).not.toContain('测评分');
    expect(l).not.toContain('班子结果');
  });

  it('counts `for 班子` among the references of input 班子', () => {
    const text = src('班子 missing error');
    const ls = new LanguageService({ ui: 'zh' });
    ls.update(text);
    const refs = ls.references(text.indexOf('班子: text') + 1);
    expect(refs.map((r) => text.slice(r.start, r.end))).toEqual(['班子', '班子']);
    expect(refs.length).toBe(2); // the declaration and `for 班子`
  });
});
