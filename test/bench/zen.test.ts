// The Zen baseline (bench/zen/): the province scheme as a GoRules JDM graph must report what kaohe
// reports — score, base, grade, bonus, actions — on seeded subjects (the bench checks ≥ 20,000; this
// test 1,000 so `npm test` stays fast) and on a family of subjects whose exact score lies on a half,
// where Zen's 28-digit decimals could round the other way. The only difference allowed is such a half.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../dsl/rational.js';
import { planOf, prepare } from '../../engine/index.js';
import { agreement, classify, onHalf, type Compared } from '../../bench/zen/agreement.js';
import { GRAPH_FILE, parsePerformance, zenAvailable, zenEvaluate } from '../../bench/zen/harness.js';
import { recordArb } from '../jre/subjects.js';
import { SUBJECT } from '../../bench/server-load.js';

const SCHEME = fileURLToPath(new URL('../../../shared/spec/examples/province-annual.kaohe', import.meta.url));
const scheme = () => {
  const p = prepare(readFileSync(SCHEME, 'utf8'), 'province-annual.kaohe');
  if (!p.value) throw new Error('province-annual does not check clean');
  return p.value;
};

// The scheme's own example 执法岗 (expect score 95.17, base 92.67, grade 优秀, bonus 1.5).
const EXAMPLE = SUBJECT.input; // bench/server-load.ts

/** Thirds in the political panel (three ratings per category, several categories) and an absence in
 * thousandths put the exact score on a half (…x5) for many of these subjects. */
function halfFamily() {
  const subs = [];
  for (const cats of [['上级', '下级'], ['上级', '同级', '下级'], ['下级', '服务对象']]) {
    for (const [s1, s2, s3] of [[0, 1, 2], [1, 1, 0], [2, 0, 1], [2, 2, 2]]) {
      for (const absent of [0.025, 0.075, 0.125]) {
        const pol = Object.fromEntries(cats.map((c, i) => [c, [87, 88, 88 + [s1, s2, s3][i]]]));
        subs.push({ id: `H${subs.length}`, input: {
          岗位: '综合管理', 职级: '一级科员', 单位: '一处', 缺勤天数: absent, 政治素质评价: pol,
          职业道德评价: { 上级: [90] }, 工作作风评价: { 上级: [85] }, 廉洁自律评价: { 上级: [80] },
          工作任务: [{ 名称: '文稿', 难度: '常规', 角色: '牵头', 完成率: 1 }], 平时考核: ['好', '好'] } });
      }
    }
  }
  return subs;
}

// The binding exists for linux-x64 only (bench/zen/harness.ts): elsewhere there is no Zen baseline.
describe.skipIf(!zenAvailable)('the Zen graph of province-annual', () => {
  it('is plain JDM: expression nodes, decision tables and a switch, no function node', () => {
    const graph = JSON.parse(readFileSync(GRAPH_FILE, 'utf8')) as { nodes: { type: string }[]; edges: { sourceId: string; targetId: string }[] };
    const kinds = new Set(graph.nodes.map((n) => n.type));
    expect([...kinds].sort()).toEqual(['decisionTableNode', 'expressionNode', 'inputNode', 'outputNode', 'switchNode']);
    expect(graph.edges.length).toBeGreaterThanOrEqual(graph.nodes.length - 1);
  });

  it('reports the scheme example as its `expect` lines say', async () => {
    const { result, µs } = await zenEvaluate(structuredClone(EXAMPLE));
    expect(result).toEqual({ score: 95.17, base: 92.67, rewards: 2.5, deductions: 0, grade: '优秀', bonus: 1.5, actions: [] });
    expect(µs).toBeGreaterThan(0);
  });

  it('agrees with kaohe on 1,000 seeded subjects (no difference other than a half)', async () => {
    const s = scheme();
    const subs = fc.sample(recordArb(planOf(s).contract), { numRuns: 1000, seed: 1 }).map((input, i) => ({ id: `S${i}`, input }));
    const a = await agreement(s, subs);
    expect(a.other).toEqual([]);
    expect(a.equal + a.halves.length).toBe(1000);
    // nograde, veto, cap and every post occur, so the graph's branches are all compared
    const inputs = subs.map((x) => x.input);
    for (const post of ['综合管理', '行政执法', '窗口服务']) expect(inputs.some((x) => x.岗位 === post)).toBe(true);
    expect(inputs.some((x) => x.立案审查 === true) && inputs.some((x) => x.处分 === true) && inputs.some((x) => Number(x.政治纪律问题) > 0)).toBe(true);
  });

  it('agrees on subjects whose exact score lies on a half', async () => {
    const subs = halfFamily();
    const a = await agreement(scheme(), subs);
    expect(a.exactHalves).toBeGreaterThanOrEqual(subs.length / 4);
    expect(a.other).toEqual([]);
  });
});

describe('classify', () => {
  const k: Compared = { score: 90.01, base: 90.01, grade: '优秀', bonus: 1.5, actions: [] };
  const z: Compared = { score: 90, base: 90, grade: '称职', bonus: 1, actions: [] };
  const exact = (v: string) => ({ score: Rational.parse(v)!, base: Rational.parse(v)! });

  it('explains a score one hundredth off on an exact half, grade and bonus following it', () => {
    expect(classify(k, z, exact('90.005'))).toEqual({ fields: ['score', 'base', 'grade', 'bonus'], half: true });
  });
  it('does not explain a difference off a half, or a grade that differs on an equal score', () => {
    expect(classify(k, z, exact('90.0051')).half).toBe(false);
    expect(classify(k, { ...k, grade: '称职' }, exact('90.005')).half).toBe(false);
    expect(classify(k, { ...k, score: 90.03 }, exact('90.005')).half).toBe(false);
  });
  it('finds nothing when both report the same', () => {
    expect(classify(k, { ...k }, exact('90.005'))).toEqual({ fields: [], half: false });
  });
  it('onHalf and parsePerformance', () => {
    expect(onHalf(Rational.parse('28.075')!)).toBe(true);
    expect(onHalf(Rational.parse('28.0751')!)).toBe(false);
    expect(onHalf(Rational.parse('-2.345')!)).toBe(true);
    expect(onHalf(Rational.of(1n, 3n))).toBe(false);
    expect([parsePerformance('420.3µs'), parsePerformance('1.5ms'), parsePerformance('800ns')]).toEqual([420.3, 1500, 0.8]);
  });
});
