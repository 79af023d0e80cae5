// canonicalIn (dsl/keywords.ts): the one zh → canonical lookup over the issue-13 word tables, used by
// the parser (cohort functions), the formatter, the checker and the engine (cohort result names,
// decision fields). Own keys only: an Object.prototype name is no word of a table.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { canonicalIn, COHORT_FUNCTIONS, COHORT_RESULT_NAMES, DECISION_FIELDS } from '../../dsl/keywords.js';

describe('canonicalIn', () => {
  it('gives the canonical word for either spelling, and nothing for other words', () => {
    expect(canonicalIn(COHORT_FUNCTIONS, 'percentile')).toBe('percentile');
    expect(canonicalIn(COHORT_FUNCTIONS, '百分位')).toBe('percentile');
    expect(canonicalIn(COHORT_RESULT_NAMES, '组内名次')).toBe('cohortRank');
    expect(canonicalIn(DECISION_FIELDS, '理由')).toBe('reason');
    expect(canonicalIn(DECISION_FIELDS, '意见')).toBeUndefined();
    for (const w of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(canonicalIn(DECISION_FIELDS, w), w).toBeUndefined();
  });

  it('a decision field named like an Object.prototype member is KH-C156 in the checker, not a field', () => {
    const src = (key: string) => `scheme s {
  input { x: number in [0, 100] }
  indicator a weight 100% = x
  grades by committee { 优秀 when score >= 90 quota 20%\n 称职 otherwise }
  example e {
    given A1 { x: 90 } decision { grade: 优秀, reason: "ok", ${key}: 1 }
    expect A1.grade == 优秀
  }
}`;
    const c156 = (key: string) => analyze(src(key)).diagnostics.filter((d) => d.code === 'KH-C156').map((d) => d.message);
    expect(c156('toString')).toEqual(['the decision of A1: toString is not one of its fields (grade, order, reason)']);
    expect(c156('constructor')).toHaveLength(1);
    expect(c156('order')).toEqual([]);
  });
});
