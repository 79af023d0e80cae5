// The what-if test fixture (issue 15): a small scheme with two indicators, a negative-list item and
// an 优秀 quota per unit, ten people in two units whose scores are worked out by hand below, and a
// round built the way the server stores one (inputs, roster, the result of the round's version).

import { engine } from '../../engine/index.js';
import type { PreparedScheme } from '../../engine/api.js';
import { ROUND_EXPORT_FORMAT } from '../../server/rounds/export-schema.js';
import type { RoundAgainst } from '../../simulate/types.js';

/** 业绩 weight `w1`, 测评 `w2`; item 违纪 deducts 5 from `threshold` violations on. 优秀 from 90, at
 * most 70% of a unit (rounded down: of 6, 4; of 4, 2). */
export function scheme(opts: { w1?: string; w2?: string; threshold?: number; version?: string } = {}): string {
  return `scheme 演示考核 "what-if 测试方案" {
  version "${opts.version ?? '1'}"
  period annual
  precision 2
  cohort by 单位
  input {
    单位: text
    业绩: number in [0, 100]
    测评得分: number in [0, 100]
    违纪: integer in [0, 10] = 0
  }
  indicator 业绩分 "工作业绩" weight ${opts.w1 ?? '60%'} = 业绩
  indicator 测评分 "民主测评" weight ${opts.w2 ?? '40%'} = 测评得分
  negative 负面 "负面清单" {
    item 违反纪律 "违反工作纪律" when 违纪 >= ${opts.threshold ?? 2} => deduct 5
  }
  grades {
    优秀 when score >= 90 quota 70%
    称职 when score >= 60
    不称职 otherwise
  }
}
`;
}

/** [id, unit, 业绩, 测评, 违纪]. Before (60/40) → after (80/20), score = w1·业绩 + w2·测评:
 *  A1 95/85: 91.0 → 93.0   优秀 both
 *  A2 95/80: 89.0 → 92.0   称职 → 优秀   (crosses)
 *  A3 92/86: 89.6 → 90.8   称职 → 优秀   (crosses)
 *  A4 94/82: 89.2 → 91.6   称职 → 优秀   (crosses)
 *  A5 80/100: 88.0 → 84.0  称职 both
 *  A6 70/70: 70.0 → 70.0   unchanged
 *  unit A 优秀: 1 → 4, limit ⌊6 × 70%⌋ = 4: nobody is demoted.
 *  B1 90/90 (违纪 1): 90.0 → 90.0  优秀 both (score unchanged)
 *  B2 88/80: 84.8 → 86.4   称职 both
 *  B3 60/90: 72.0 → 66.0   称职 both
 *  B4 100/95: 98.0 → 99.0  优秀 both
 *  unit B 优秀: 2 → 2, limit ⌊4 × 70%⌋ = 2. */
export const PEOPLE: [string, string, number, number, number][] = [
  ['A1', '甲科', 95, 85, 0], ['A2', '甲科', 95, 80, 0], ['A3', '甲科', 92, 86, 0],
  ['A4', '甲科', 94, 82, 0], ['A5', '甲科', 80, 100, 0], ['A6', '甲科', 70, 70, 0],
  ['B1', '乙科', 90, 90, 1], ['B2', '乙科', 88, 80, 0], ['B3', '乙科', 60, 90, 0], ['B4', '乙科', 100, 95, 0],
];

/** PEOPLE as the server's rounds take them (`rc.evaluated` in the server tests). */
export const ROSTER = PEOPLE.map(([id, unit, a, b, v]) => ({ id, unit, input: { 业绩: a, 测评得分: b, 违纪: v } }));

export function prepared(source: string): PreparedScheme {
  const p = engine.prepare(source, 'scheme.kaohe');
  if (!p.value) throw new Error(p.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return p.value;
}

/** The round as the server would export it after evaluating with `source` (the round's version). */
export async function roundOf(source: string, people = PEOPLE): Promise<RoundAgainst> {
  const s = prepared(source);
  const inputs = people.map(([id, unit, a, b, v]) => ({ subject: id, input: { 单位: unit, 业绩: a, 测评得分: b, 违纪: v } as Record<string, unknown>, decision: null }));
  const out = await engine.evaluateCohort(s, inputs.map((x) => ({ id: x.subject, input: x.input, display: { 姓名: `${x.subject}同志` } })), { period: '2026' });
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return {
    round: { id: 'r1', name: '2026年度考核', period: '2026', unit: null, status: 'evaluated', revision: 1 },
    scheme: { id: s.id, version: 1, hash: s.hash },
    members: people.map(([id, unit]) => ({ id, unit, status: 'take' as const, countsInBase: true, display: { 姓名: `${id}同志` } })),
    inputs,
    result: out.value,
  };
}

/** The round as `GET /api/rounds/:id/export` answers it (`kaohe.round-export/1`), evaluated with
 * `source`: the document `kaohe whatif --against` reads. */
export async function exportDoc(source: string, people = PEOPLE): Promise<any> {
  const r = await roundOf(source, people);
  return {
    format: ROUND_EXPORT_FORMAT, exportedAt: '2026-12-06T00:00:00.000Z',
    round: { ...r.round, outOfDate: false, publicityUntil: null, finalizedAt: null },
    scheme: r.scheme, members: r.members, inputs: r.inputs, pending: [], result: r.result, exact: null,
  };
}
