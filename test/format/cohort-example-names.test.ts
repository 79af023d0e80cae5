// `kaohe fmt --keywords` must not change what a cohort example checks (issue 13, hostile finding): after
// `ID.`, a declared indicator/group/input keeps its name (an indicator called 名次 is not the rank), and
// a rank/cohortRank/… or result name is never translated into a name the scheme declares (`A.rank` stays
// `rank` — quoted 「rank」 in Chinese — when the scheme has an indicator 名次). Each scheme's example
// passes as written, and still passes after converting its keywords either way.
import { describe, expect, it } from 'vitest';
import { prepare, runExamples } from '../../engine/index.js';
import { fmt } from './helpers.js';

async function outcomes(source: string): Promise<string[]> {
  const p = prepare(source, 'scheme.kaohe');
  expect(p.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), source).toEqual([]);
  return (await runExamples(p.value!)).map((o) => `${o.name} ${o.passed ? 'passed' : o.failures.map((f) => f.message).join('; ')}`);
}

const CASES: { name: string; source: string; en: string; zh: string }[] = [
  { // zh file: the indicator 名次 (its value), not the rank
    name: 'indicator 名次',
    source: `方案 名 "n" {
  输入 { x: 数值 属于 [0, 100] }
  指标 名次 分值 100 = x
  等次 { 好 其他 }
  示例 e {
    已知 A { x: 90 }
    已知 B { x: 10 }
    预期 A.名次 == 90 且 B.名次 == 10
  }
}
`,
    en: 'expect A.名次 == 90 and B.名次 == 10', zh: '预期 A.名次 == 90 且 B.名次 == 10' },
  { // en file: indicators cohortRank and flagged (their values), not the cohort rank and the flag
    name: 'indicators cohortRank, flagged',
    source: `scheme N "n" {
  input { x: number in [0, 100] }
  indicator cohortRank points 50 = x
  indicator flagged points 50 = x
  grades { 好 otherwise }
  example e {
    given A { x: 90 }
    given B { x: 10 }
    expect A.cohortRank == 90 and B.flagged == 10
  }
}
`,
    en: 'expect A.cohortRank == 90 and B.flagged == 10', zh: '预期 A.cohortRank == 90 且 B.flagged == 10' },
  { // en file: the rank, while the scheme also has an indicator 名次 — `rank` must not become 名次
    name: 'rank beside an indicator 名次',
    source: `scheme 名 "n" {
  input { x: number in [0, 100] }
  indicator 名次 points 100 = x
  grades { 好 otherwise }
  example e {
    given A { x: 90 }
    given B { x: 10 }
    expect A.rank == 1 and B.rank == 2 and A.名次 == 90
  }
}
`,
    en: 'expect A.rank == 1 and B.rank == 2 and A.名次 == 90', zh: '预期 A.「rank」 == 1 且 B.「rank」 == 2 且 A.名次 == 90' },
  { // zh file: the cohort rank, while the scheme also has an indicator cohortRank — 组内名次 stays
    name: '组内名次 beside an indicator cohortRank',
    source: `方案 N "n" {
  输入 { x: 数值 属于 [0, 100] }
  指标 cohortRank 分值 100 = x
  等次 { 好 其他 }
  示例 e {
    已知 A { x: 90 }
    已知 B { x: 10 }
    预期 A.组内名次 == 1 且 B.组内名次 == 2 且 B.cohortRank == 10 且 A.总分 == 90
  }
}
`,
    en: 'expect A.组内名次 == 1 and B.组内名次 == 2 and B.cohortRank == 10 and A.score == 90',
    zh: '预期 A.组内名次 == 1 且 B.组内名次 == 2 且 B.cohortRank == 10 且 A.总分 == 90' },
];

describe.each(CASES)('$name', ({ source, en, zh }) => {
  it('passes as written and after fmt --keywords en / zh (and back)', async () => {
    expect(await outcomes(source)).toEqual(['e passed']);
    const toEn = fmt(source, 'en'), toZh = fmt(source, 'zh');
    expect(toEn).toContain(en);
    expect(toZh).toContain(zh);
    for (const out of [toEn, toZh, fmt(toEn, 'zh'), fmt(toZh, 'en')]) expect(await outcomes(out), out).toEqual(['e passed']);
  });
});
