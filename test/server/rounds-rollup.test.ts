// Roll-up and history filled by the server (issue 14 items 5 and 6) against a real store: an
// annual round (rounds-annual.kaohe, 年度考核: the reference schemes/annual-review.kaohe cut to what
// the server fills, without examples) reads the 平时考核 quarters of its year
// (schemes/quarterly-review.kaohe) from final rounds only, of its own organization only, and says
// which quarters are not final yet; `past 2 years` reads final and imported results of itself.
//
// Quarterly scores (hand-computed in quarterly-review.kaohe): 王五 Q1 3/4×87 + (90+91+91)/12 =
// 1055/12 → 87.92; Q2 3/4×89 + (84+85+85)/12 = 1055/12 → 87.92; Q3 and Q4 3/4×86 + (91+92+92)/12 =
// 1049/12 → 87.42 — all 较好 (赵六, 95.08, takes the one 好 place of 办公室).

import { beforeAll, describe, expect, it } from 'vitest';
import { fillRound } from '../../server/rounds/fill.js';
import type { FillSpec, SchemeInfo } from '../../server/rounds/scheme-info.js';
import type { Fixture } from './helpers.js';
import type { Param } from '../../server/store/types.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { client, codes, publish, QUARTERLY, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

const ANNUAL = () => readFileSync(join(import.meta.dirname, 'rounds-annual.kaohe'), 'utf8');

let f: Fixture;
let a: RoundsClient;
let b: RoundsClient;
const rounds: Record<string, string> = {};

const wang = (实绩得分: number, 测评票: number[]) => ({ id: '王五', unit: '办公室', input: { 实绩得分, 测评票 } });
const zhao = { id: '赵六', unit: '办公室', input: { 实绩得分: 95, 测评票: [95, 95, 96] } };
const QUARTERS: [string, ReturnType<typeof wang>][] = [
  ['2026-Q1', wang(87, [90, 91, 91])], ['2026-Q2', wang(89, [84, 85, 85])], ['2026-Q3', wang(86, [91, 92, 92])], ['2026-Q4', wang(86, [91, 92, 92])],
];

withRoundsApp(() => [QUARTERLY(), ANNUAL()], async (fx, c) => {
  f = fx;
  a = c;
  b = client(f, 'B');
  await publish(f, QUARTERLY(), 'B');
  await publish(f, ANNUAL(), 'B');
  // Organization A: Q1–Q3 final, Q4 evaluated but not final.
  for (const [period, w] of QUARTERS) rounds[period] = await a.finalRound('平时考核', period, [w, zhao], period !== '2026-Q4');
  // Organization B, same scheme name, same people: a final Q4 that A must never read.
  await b.finalRound('平时考核', '2026-Q4', [wang(40, [40]), zhao]);
});

const idOf = async (sql: string, ...args: Param[]) => ((await f.store.get(sql, args)) as { id: number }).id;
const orgOf = (org: 'A' | 'B') => idOf('SELECT id FROM organizations WHERE name = ?', `org-${org}`);
const annualOf = async (org: 'A' | 'B') => idOf("SELECT id FROM schemes WHERE org_id = ? AND name = '年度考核'", await orgOf(org));

/** fillRound for 年度考核 2026's one field `name`, filled as `fill` from `periods`, in organization
 * `org`, as the server reads it. */
async function fillField(org: 'A' | 'B', name: string, fill: FillSpec, periods: string[], subjects: string[]) {
  const fields = [{ name, hasDefault: false, fill }];
  const info: SchemeInfo = {
    periodKind: 'annual', precision: 2, fields, byName: new Map(fields.map((x) => [x.name, x])),
    periods: () => periods,
  };
  return fillRound(f.store, await orgOf(org), { schemeId: await annualOf(org), schemeName: '年度考核', period: '2026' }, info, subjects);
}

/** fillRound for 年度考核 2026's `季度结果` in organization `org`. */
const fill = (org: 'A' | 'B', exact: boolean, subjects: string[]) =>
  fillField(org, '季度结果', { form: 'resultsOf', scheme: '平时考核', unit: 'quarterly', missing: 'skip', values: exact ? 'exact' : 'reported' }, ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'], subjects);

const inputsOf = async (round: string, n: number) =>
  JSON.parse(((await f.store.get('SELECT inputs FROM revisions WHERE round_id = ? AND n = ?', [round, n])) as { inputs: string }).inputs).subjects as { id: string; input: Record<string, any> }[];

async function annualRound(): Promise<string> {
  const id = await a.rostered('年度考核', '2026', [{ id: '王五', unit: '办公室', status: 'take' }, { id: '赵六', unit: '办公室', status: 'take' }]);
  expect((await a.inputs(id, { subjects: [{ id: '王五', input: { 年度测评分: 92 } }, { id: '赵六', input: { 年度测评分: 95 } }] })).status).toBe(201);
  return id;
}

describe('results of 平时考核 季度, filled by the server', () => {
  it('submitting a roll-up field is refused (422 filled_by_server at its path)', async () => {
    const id = await annualRound();
    const r = await a.inputs(id, { subjects: [{ id: '王五', input: { 季度结果: [] } }] });
    expect(r.status).toBe(422);
    expect(codes(r.body)).toEqual([['subjects[0].input.季度结果', 'filled_by_server']]);
  });

  it('reads only the final quarters of its own organization, at their reported scores, and says Q4 is not final', async () => {
    const id = await annualRound();
    const got = await a.get(id);
    expect(got.body.pendingSources).toContainEqual({ input: '季度结果', scheme: '平时考核', period: '2026-Q4', status: 'not_final', round: rounds['2026-Q4'], roundStatus: 'evaluated' });
    expect(got.body.pendingSources.filter((p: { input: string }) => p.input === '季度结果')).toHaveLength(1);
    // not listed as missing inputs (the server fills them); the periods without a final result are
    // listed per person under `rollups`, with the policy (skip: not blocking)
    expect(got.body.missing.map((m: { fields: unknown[]; defaulted: unknown[] }) => [m.fields, m.defaulted])).toEqual([[[], []], [[], []]]);
    expect(got.body.missing[0].rollups).toContainEqual({ field: '季度结果', scheme: '平时考核', periods: ['2026-Q4'], missing: 'skip', blocking: false });
    const filled = await fill('A', false, ['王五', '赵六']);
    expect(filled.values.get('王五')!.季度结果).toEqual([
      { period: '2026-Q1', score: '87.92', grade: '较好', imported: false },
      { period: '2026-Q2', score: '87.92', grade: '较好', imported: false },
      { period: '2026-Q3', score: '87.42', grade: '较好', imported: false },
    ]);
    expect(filled.sources.map((s) => s.roundId).sort()).toEqual([rounds['2026-Q1'], rounds['2026-Q2'], rounds['2026-Q3']].sort());
  });

  it('evaluate fills them and stores what it read: (87.92 + 87.92 + 87.42)/3 → 87.97', async () => {
    const id = await annualRound();
    const r = await a.evaluate(id);
    expect(r.status, r.text).toBe(200);
    const w = (await inputsOf(id, 1)).find((s) => s.id === '王五')!;
    expect(w.input.季度结果.map((q: { period: string }) => q.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    // (87.92 + 87.92 + 87.42)/3 = 13163/150; 19/20 × 13163/150 + 1/20 × 92 = 250097/3000 + 13800/3000 = 263897/3000 = 87.9656… → 87.97
    const wr = r.body.result.results.find((x: { subject: string }) => x.subject === '王五');
    expect([wr.score, wr.grade]).toEqual([87.97, '称职']);
    const sources = JSON.parse(((await f.store.get('SELECT sources FROM revisions WHERE round_id = ?', [id])) as { sources: string }).sources);
    expect(sources.filter((s: object) => 'roundId' in s).map((s: { roundId: string }) => s.roundId).sort()).toEqual([rounds['2026-Q1'], rounds['2026-Q2'], rounds['2026-Q3']].sort());
    // Q4 read as missing, for everyone: its results arriving (Q4 finalized) flags the round (stale-arrivals.ts).
    expect(sources.find((s: object) => 'absent' in s).absent).toContainEqual([expect.any(Number), '2026-Q4', '王五']);
    expect(r.body.pendingSources).toContainEqual(expect.objectContaining({ period: '2026-Q4', status: 'not_final' }));
  });

  it('once Q4 is final the next evaluation reads all four: 87.89 (the scheme example 公示值汇总)', async () => {
    const id = await annualRound();
    await a.finish(rounds['2026-Q4']);
    const r = await a.evaluate(id);
    expect(r.status, r.text).toBe(200);
    // (87.92 + 87.92 + 87.42 + 87.42)/4 = 87.67; 19/20 × 87.67 + 1/20 × 92 = 87.8865 → 87.89
    expect(r.body.result.results.find((x: { subject: string }) => x.subject === '王五').score).toBe(87.89);
    expect((await inputsOf(id, 1)).find((s) => s.id === '王五')!.input.季度结果).toHaveLength(4);
    expect(r.body.pendingSources.filter((p: { input: string }) => p.input === '季度结果')).toEqual([]);
  });

  it('`exact` reads the exact fractions; the organization never crosses (fillRound in bulk)', async () => {
    expect((await fill('A', true, ['王五'])).values.get('王五')!.季度结果.map((r) => r.score).slice(0, 3)).toEqual(['1055/12', '1055/12', '1049/12']);
    // Organization B has only its own final Q4 (王五: 3/4 × 40 + 1/4 × 40 = 40 → 40.00)
    const filledB = await fill('B', true, ['王五']);
    expect(filledB.values.get('王五')!.季度结果).toEqual([{ period: '2026-Q4', score: '40', grade: '较差', imported: false }]);
    expect(filledB.pending.map((p) => [p.period, p.status])).toEqual([['2026-Q1', 'none'], ['2026-Q2', 'none'], ['2026-Q3', 'none']]);
    expect((await fill('B', false, ['王五'])).values.get('王五')!.季度结果[0].score).toBe('40.00');
  });
});

describe('past 2 years, filled from final and imported results', () => {
  let round = '';
  beforeAll(async () => {
    const orgA = await orgOf('A'), annualA = await annualOf('A');
    const ins = (...row: Param[]) => f.store.run(
      'INSERT INTO subject_results (org_id, scheme_id, subject_id, period, score, score_exact, grade, final, imported, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      row,
    );
    await ins(orgA, annualA, '王五', '2025', '93.50', '187/2', '优秀', 0, 1, new Date().toISOString());
    await ins(orgA, annualA, '王五', '2024', '95.00', '95', '优秀', 0, 0, new Date().toISOString()); // neither final nor imported
    round = await annualRound();
  });

  it('an imported 2025 优秀 is read (imported: true); a result that is not final is not; 2024 is reported as having none', async () => {
    const filled = await fillField('A', '往年', { form: 'past', scheme: '年度考核', count: 2, unit: 'annual', missing: 'skip', values: 'reported' }, ['2024', '2025'], ['王五', '赵六']);
    expect(filled.values.get('王五')!.往年).toEqual([{ period: '2025', score: '93.50', grade: '优秀', imported: true }]);
    expect(filled.values.get('赵六')!.往年).toEqual([]);
    const got = await a.get(round);
    expect(got.body.pendingSources.filter((p: { input: string }) => p.input === '往年')).toEqual([{ input: '往年', scheme: '年度考核', period: '2024', status: 'none' }]);
  });

  it('evaluate stores them in the revision\'s inputs', async () => {
    const r = await a.evaluate(round);
    expect(r.status, r.text).toBe(200);
    expect((await inputsOf(round, 1)).find((s) => s.id === '王五')!.input.往年).toEqual([{ period: '2025', score: '93.50', grade: '优秀', imported: true }]);
  });
});
