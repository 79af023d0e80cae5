// KH-C170 (issue 14 part 2): a quota table keyed by a related subject's grade (`定义 班子档次 =
// 班子结果.考核等次`), warned at the key when it would fail at run time — the related input is
// `missing zero` (a team without a result: KH-E058) or the quota's scope is not grouped by the
// related field (no `cohort by`, another one, `overall`: KH-E043 when two teams differ). Quiet for
// the reference scheme (schemes/leader-members.kaohe: `分组 班子`, `缺失 报错`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { localizeDiagnostic } from '../../dsl/diagnostics.js';

const scheme = (opts: { cohort?: string; missing?: string; key?: string; scope?: string }) => `scheme 班子成员考核 {
  period annual
  ${opts.cohort ?? ''}
  enum 班子等次 { 好, 较好, 一般, 较差 }
  input { 单位: text, 班子: text, 考核分: number in [0, 100], 班子结果: results of 领导班子考核 for 班子 grades 班子等次 missing ${opts.missing ?? 'error'} }
  let 档次 = 班子结果.grade
  let 班子档次 = 档次
  enum 档 { 好, 较好, 一般, 较差 }
  input { 自评档: 档 }
  indicator 个人 weight 100% = 考核分
  grades {
    优秀 when score >= 90 quota ${opts.key ?? '班子档次'} { 好: 30%, 较好: 25%, 一般: 20%, 较差: 15% } ${opts.scope ?? ''}
    称职 otherwise
  }
}
`;
const c170 = (src: string) => analyze(src).diagnostics.filter((d) => d.code === 'KH-C170');

describe('KH-C170', () => {
  it('is quiet when grouped by the related field and missing error, and for a key that is no related grade', () => {
    expect(c170(scheme({ cohort: 'cohort by 班子' }))).toEqual([]);
    expect(c170(scheme({ key: '自评档' }))).toEqual([]);
    expect(analyze(readFileSync(join(import.meta.dirname, '../../schemes/leader-members.kaohe'), 'utf8')).diagnostics).toEqual([]);
  });

  it('warns for `missing zero`, through two lets, with the fix that writes `missing error`', () => {
    const src = scheme({ cohort: 'cohort by 班子', missing: 'zero' });
    const [d, ...rest] = c170(src);
    expect(rest).toEqual([]);
    expect(d.severity).toBe('warning');
    expect(src.slice(d.span.start, d.span.end)).toBe('班子档次');
    expect(d.message).toContain('`missing zero`');
    const e = d.fix!.edits[0];
    const after = src.slice(0, e.span.start) + e.text + src.slice(e.span.end);
    expect(after).toContain('grades 班子等次 missing error }');
    expect(c170(after)).toEqual([]);
  });

  it('warns when the cohort is not the related field: none, another, or an overall quota', () => {
    const zh = (src: string) => localizeDiagnostic(c170(src)[0], 'zh').message;
    expect(zh(scheme({}))).toContain('但本方案没有“分组”');
    expect(zh(scheme({ cohort: 'cohort by 单位' }))).toContain('但本方案按“单位”分组，而不是按“班子”');
    expect(zh(scheme({ cohort: 'cohort by 班子', scope: 'overall' }))).toContain('请删去“全体”，并按“班子”分组（“分组 班子”）');
    expect(c170(scheme({ missing: 'zero' })).length).toBe(2);
  });
});
