// What-if (issue 15): a 10,000-person round (100 units of 100) under a changed version of its scheme
// — heavier 业绩 weight, a stricter negative-list item, a tighter 优秀 quota, so that nearly everyone's
// score moves and quotas act in every unit — timed as simulate/whatIf (build the inputs from the
// round export, evaluate the cohort, compare standings, distributions per unit, the rule diff of the
// two sources, the first page of 100 changes in detail) against ONE engine.evaluateCohort of the same
// inputs under the same version, in the same run. Target: ≤ 1.5×.
//
// Measured round-robin (harness.interleavedCpu: CPU time of the process, median of ROUNDS).
// KAOHE_BENCH_WHATIF sets the number of people (default 10,000), KAOHE_BENCH_ROUNDS the rounds (9: on a loaded machine 5 left the median swinging ±0.2×).

import { engine } from '../engine/index.js';
import type { PreparedScheme, SubjectInput } from '../engine/api.js';
import { whatIf } from '../simulate/index.js';
import type { RoundAgainst } from '../simulate/types.js';
import { interleavedCpu, round, type BenchRow } from './harness.js';

const SIZE = Number(process.env.KAOHE_BENCH_WHATIF ?? 10_000);
const ROUNDS = Number(process.env.KAOHE_BENCH_ROUNDS ?? 9);

export const scheme = (w1: string, w2: string, threshold: number, quota: string) => `scheme 模拟基准 {
  version "${w1}"
  period annual
  precision 2
  cohort by 单位
  input {
    单位: text
    业绩: number in [0, 100]
    测评得分: number in [0, 100]
    违纪: integer in [0, 10] = 0
  }
  indicator 业绩分 "工作业绩" weight ${w1} = 业绩
  indicator 测评分 "民主测评" weight ${w2} = 测评得分
  negative 负面 {
    item 违反纪律 "违反工作纪律" when 违纪 >= ${threshold} => deduct 5
  }
  grades {
    优秀 when score >= 85 quota ${quota}
    称职 when score >= 60
    基本称职 when score >= 50
    不称职 otherwise
  }
  outcomes {
    action 诫勉 "诫勉谈话" when grade == 不称职
  }
}
`;

function prepare(source: string): PreparedScheme {
  const p = engine.prepare(source, 'bench.kaohe');
  if (!p.value) throw new Error(p.diagnostics.map((d) => d.message).join('\n'));
  return p.value;
}

/** Deterministic people (an LCG): 业绩 and 测评得分 40…100, 违纪 0…2. */
function subjects(size: number): SubjectInput[] {
  let x = 20261206;
  const next = (n: number) => { x = (x * 1103515245 + 12345) % 2147483648; return x % n; };
  return Array.from({ length: size }, (_, i) => ({
    id: `P${String(i).padStart(5, '0')}`,
    input: { 单位: `单位${i % Math.max(1, Math.round(size / 100))}`, 业绩: 40 + next(61), 测评得分: 40 + next(61), 违纪: next(3) },
    display: { 姓名: `人员${i}` },
  }));
}

export async function run(): Promise<BenchRow[]> {
  const before = scheme('60%', '40%', 2, '30%');
  const after = scheme('80%', '20%', 1, '20%');
  const [old, next] = [prepare(before), prepare(after)];
  const people = subjects(SIZE);
  const stored = await engine.evaluateCohort(old, people, { period: '2026' });
  if (!stored.ok) throw new Error(JSON.stringify(stored.errors.slice(0, 3)));
  const against: RoundAgainst = {
    round: { id: 'bench', name: '基准批次', period: '2026', unit: null, status: 'evaluated', revision: 1 },
    scheme: { id: old.id, version: 1, hash: old.hash },
    members: people.map((p) => ({ id: p.id, unit: p.input['单位'] as string, status: 'take', countsInBase: true, display: p.display ?? null })),
    inputs: people.map((p) => ({ subject: p.id, input: p.input, decision: null })),
    result: stored.value,
  };
  let changed = 0;
  const t = await interleavedCpu({
    evaluate: async () => {
      const out = await engine.evaluateCohort(next, people, { period: '2026', lang: 'zh' });
      if (!out.ok) throw new Error('evaluate failed');
    },
    whatif: async () => {
      const out = await whatIf(engine, next, against, { lang: 'zh', sources: { before: { text: before }, after: { text: after } } });
      if (!out.ok) throw new Error('what-if failed');
      changed = out.value.summary.changed;
    },
  }, ROUNDS);
  const ratio = t.whatif / t.evaluate;
  return [{
    bench: 'whatif', case: `what-if of ${SIZE.toLocaleString('en')} people (${changed.toLocaleString('en')} changed) vs one evaluateCohort`,
    value: round(t.whatif, 0), unit: 'ms CPU', baseline: `${round(t.evaluate, 0)} ms`, ratio: round(ratio, 2), target: '≤ 1.5×', ok: ratio <= 1.5,
  }];
}
