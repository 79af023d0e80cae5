// GET /api/statistics (issue 15) over a real SQLite file: rounds made, evaluated and finalized
// through the API, then counted. Ten people in two units (甲, 乙) in 2025-Q4 and 2026-Q1 (final),
// 2026-Q2 evaluated only. The scheme: score = 实绩 × 60% + 作风 × 40% − 投诉 + 创新 (both inputs set
// equal, so the base is that number); 优秀 ≥ 90 with a quota of 40% per unit (two of five), 称职 ≥ 60,
// else 不称职 (action 约谈提醒); improve below 75.
//
//   2025-Q4  甲: a1 95 优秀, a2 85 称职, a3 92 优秀, a4 70 称职, a5 50 不称职   乙: b1 91 优秀, b2 80, b3 75, b4 60, b5 61 称职
//   2026-Q1  甲: a1 95 优秀, a2 92 优秀, a3 91 → 称职 (quota: two of five), a4 70 − 2 投诉 = 68 称职, a5 50 不称职
//            乙: b1 88, b2 80, b3 75, b4 60 称职, b5 61 + 1 创新 = 62 称职
// Q4 → Q1 moves: a2 up (称职 → 优秀), a3 down, b1 down; the top grade's share: 甲 40% → 40%, 乙 20% → 0%.

import { describe, expect, it } from 'vitest';
import { placeholders, registeredCatalogs, render } from '../../dsl/i18n/index.js';
import '../../server/stats/messages.js';
import { call, enc, type Fixture } from './helpers.js';
import { accountToken, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

const SCHEME = `scheme 统计测试 {
  period quarterly
  precision 2
  cohort by 单位
  input {
    单位: text
    实绩: number in [0, 100]
    作风: number in [0, 100]
    投诉: integer >= 0 = 0
    创新: integer >= 0 = 0
  }
  group 业务 "业务表现" weight 100% {
    indicator 实绩分 "工作实绩" weight 60% = 实绩
    indicator 作风分 "工作作风" weight 40% = 作风
  }
  negative 扣分 "扣分事项" {
    item 被投诉 "群众投诉" when 投诉 > 0 => deduct 1 per 投诉
  }
  reward 加分 "加分事项" max 5 {
    item 有创新 "改革创新" when 创新 > 0 => add 1 per 创新
  }
  grades {
    优秀 when score >= 90 quota 40%
    称职 when score >= 60
    不称职 otherwise
  }
  outcomes {
    action 约谈提醒 "约谈提醒" when grade == 不称职
    improve below 75
  }
}`;
const ID = '统计测试';

type Row = [id: string, unit: string, x: number, extra?: Record<string, number>];
const people = (rows: Row[]) => rows.map(([id, unit, x, extra]) => ({ id, unit, input: { 实绩: x, 作风: x, ...extra } }));

const Q4 = people([['a1', '甲', 95], ['a2', '甲', 85], ['a3', '甲', 92], ['a4', '甲', 70], ['a5', '甲', 50],
  ['b1', '乙', 91], ['b2', '乙', 80], ['b3', '乙', 75], ['b4', '乙', 60], ['b5', '乙', 61]]);
const Q1 = people([['a1', '甲', 95], ['a2', '甲', 92], ['a3', '甲', 91], ['a4', '甲', 70, { 投诉: 2 }], ['a5', '甲', 50],
  ['b1', '乙', 88], ['b2', '乙', 80], ['b3', '乙', 75], ['b4', '乙', 60], ['b5', '乙', 61, { 创新: 1 }]]);

let f: Fixture;
let rc: RoundsClient;
let q4: string, q1: string, q2: string, open: string;
withRoundsApp(() => [SCHEME], async (fx, client) => {
  f = fx; rc = client;
  q4 = await rc.finalRound(ID, '2025-Q4', Q4);
  q1 = await rc.finalRound(ID, '2026-Q1', Q1);
  q2 = await rc.finalRound(ID, '2026-Q2', Q1, false);
  open = (await rc.create({ scheme: ID, period: '2026-Q3' })).body.id as string;
});

const get = (query: string, token = f.tokens.A.evaluator, headers: Record<string, string> = {}) =>
  call(f.app, 'GET', `/api/statistics?${query}`, { token, headers });

const pick = (rows: { grade: string; count: number }[]) => Object.fromEntries(rows.map((g) => [g.grade, g.count]));

describe('statistics of a period', () => {
  it('stores facts with every revision, in the revision\'s transaction', async () => {
    const n = async (round: string) => (await f.store.get<{ n: number }>('SELECT count(*) AS n FROM revision_facts WHERE round_id = ?', [round]))!.n;
    expect([await n(q4), await n(q1), await n(q2), await n(open)]).toEqual([1, 1, 1, 0]);
  });

  it('answers the distribution per unit, against the quota, the indicators, items, actions and the change', async () => {
    const r = await get(`scheme=${enc(ID)}&period=2026-Q1&by=unit`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.scheme.id).toBe(ID);
    expect(r.body.grades).toEqual(['优秀', '称职', '不称职']);
    const [p] = r.body.periods;
    expect(p.period).toBe('2026-Q1');
    expect(p.rounds).toEqual([{ id: q1, name: q1, status: 'final', revision: 1 }]);
    const d = p.distribution;
    expect(d.overall.size).toBe(10);
    expect(pick(d.overall.grades)).toEqual({ 优秀: 2, 称职: 7, 不称职: 1 });
    expect(d.overall.grades[0].percent).toBe('20.00');
    const jia = d.units.find((u: { unit: string }) => u.unit === '甲');
    expect(pick(jia.grades)).toEqual({ 优秀: 2, 称职: 2, 不称职: 1 });
    expect(jia.quotas).toEqual([expect.objectContaining({ grade: '优秀', limit: 2, base: 5, admitted: 2 })]);
    // Scores sorted: 50 60 62 68 75 80 88 91 92 95 — sum 761; QUARTILE.INC h = 9q: q1 62 + .25·6, median 75 + .5·5, q3 88 + .75·3.
    const s = p.score.overall;
    expect(s.n).toBe(10);
    expect(s.mean.exact).toBe('761/10');
    expect([s.min, s.q1, s.median, s.q3, s.max].map(Number)).toEqual([50, 63.5, 77.5, 90.25, 95]);
    // improve below 75: a4 (70), a5 (50), b4 (60), b5 (61) — b3 (75) is not below.
    const shiji = p.indicators.find((n: { name: string }) => n.name === '实绩分');
    expect(shiji.label).toBe('工作实绩');
    expect(shiji.overall.below).toEqual({ count: 4, base: 10, percent: '40.00' });
    expect(shiji.units.map((u: { unit: string }) => u.unit)).toEqual(['甲', '乙']);
    const item = (name: string) => p.items.find((i: { item: string }) => i.item === name);
    expect(item('被投诉').overall.count).toBe(1);
    expect(item('被投诉').units).toEqual([expect.objectContaining({ unit: '甲', count: 1 }), expect.objectContaining({ unit: '乙', count: 0 })]);
    expect(item('有创新').units.find((u: { unit: string }) => u.unit === '乙').count).toBe(1);
    expect(p.actions.find((a: { name: string }) => a.name === '约谈提醒').overall.count).toBe(1);
    // Against 2025-Q4 (stored, final): a2 up, a3 and b1 down; 乙's 优秀 share 20% → 0% changed most.
    const c = p.change;
    expect([c.from, c.to, c.top]).toEqual(['2025-Q4', '2026-Q1', '优秀']);
    expect([c.people.up, c.people.down, c.people.same]).toEqual([1, 2, 7]);
    expect(c.units[0]).toEqual(expect.objectContaining({ unit: '乙', delta: '-20.00' }));
    expect(c.moves.items.map((m: { subject: string; direction: string }) => `${m.subject} ${m.direction}`).sort()).toEqual(['a2 up', 'a3 down', 'b1 down']);
  });

  it('pages the grade moves with cursor and limit', async () => {
    const first = await get(`scheme=${enc(ID)}&period=2026-Q1&limit=2`);
    expect(first.status, first.text).toBe(200);
    const m1 = first.body.periods[0].change.moves;
    expect([m1.total, m1.items.length]).toEqual([3, 2]);
    expect(m1.next).toEqual(expect.any(String));
    const second = await get(`scheme=${enc(ID)}&period=2026-Q1&limit=2&cursor=${enc(m1.next)}`);
    const m2 = second.body.periods[0].change.moves;
    expect([m2.items.length, m2.next]).toEqual([1, null]);
    expect(new Set([...m1.items, ...m2.items].map((m: { subject: string }) => m.subject))).toEqual(new Set(['a2', 'a3', 'b1']));
    const bad = await get(`scheme=${enc(ID)}&period=2026-Q1&cursor=nonsense`);
    expect(bad.status, bad.text).toBe(400);
    expect(bad.body.error.details[0].path).toBe('cursor');
    expect((await get(`scheme=${enc(ID)}&period=2026-Q1&limit=501`)).status).toBe(400);
  });

  it('covers a span: each period with final rounds, the trend across them', async () => {
    const r = await get(`scheme=${enc(ID)}&from=2025-Q3&to=2026-Q2`);
    expect(r.status, r.text).toBe(200);
    // 2025-Q3 has no round and 2026-Q2 none final: left out.
    expect(r.body.periods.map((p: { period: string }) => p.period)).toEqual(['2025-Q4', '2026-Q1']);
    expect(r.body.periods[0].change).toBeNull();
    expect(r.body.periods[1].change.from).toBe('2025-Q4');
    const overall = r.body.trend.find((t: { unit: string | null }) => t.unit === null);
    expect(overall.points.map((x: { period: string; top: { count: number } }) => [x.period, x.top.count])).toEqual([['2025-Q4', 3], ['2026-Q1', 2]]);
  });

  it('reads one evaluated round of any status, compared with the final period before', async () => {
    const r = await get(`round=${q2}`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.periods[0].rounds[0]).toEqual(expect.objectContaining({ id: q2, status: 'evaluated' }));
    expect(r.body.periods[0].change.from).toBe('2026-Q1');
    expect(r.body.periods[0].change.people.same).toBe(10);
  });

  it('limits a unit officer to their units: overall is over them, another unit is refused', async () => {
    const token = await accountToken(f, '乙科长', ['乙'], ['evaluator']);
    const r = await get(`scheme=${enc(ID)}&period=2026-Q1`, token);
    expect(r.status, r.text).toBe(200);
    expect(r.body.scopedTo).toEqual(['乙']);
    const p = r.body.periods[0];
    expect(p.distribution.overall.size).toBe(5);
    expect(p.distribution.units.map((u: { unit: string }) => u.unit)).toEqual(['乙']);
    expect(p.change.moves.items.map((m: { subject: string }) => m.subject)).toEqual(['b1']);
    const refused = await get(`scheme=${enc(ID)}&period=2026-Q1&unit=${enc('甲')}`, token);
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body.error.code).toBe('unit_not_allowed');
    const own = await get(`scheme=${enc(ID)}&period=2026-Q1&unit=${enc('乙')}`, token);
    expect(own.body.periods[0].distribution.overall.size).toBe(5);
    // An officer of a unit nobody counted belongs to gets no empty tables.
    const none = await get(`round=${q1}`, await accountToken(f, '丙科长', ['丙'], ['evaluator']));
    expect(none.status, none.text).toBe(403);
    expect(none.body.error.code).toBe('unit_not_allowed');
  });

  it('makes the facts of a revision stored without them on first use', async () => {
    const before = await get(`scheme=${enc(ID)}&period=2025-Q4`);
    await f.store.run('DELETE FROM revision_facts WHERE round_id = ?', [q4]);
    const after = await get(`scheme=${enc(ID)}&period=2025-Q4`);
    expect(after.status, after.text).toBe(200);
    expect(after.body).toEqual(before.body);
    expect((await f.store.get<{ n: number }>('SELECT count(*) AS n FROM revision_facts WHERE round_id = ?', [q4]))!.n).toBe(1);
  });
});

describe('statistics refused', () => {
  const refused = async (query: string, status: number, code: string, path?: string, token?: string) => {
    const r = await get(query, token);
    expect(r.status, r.text).toBe(status);
    expect(r.body.error.code).toBe(code);
    if (path !== undefined) expect(r.body.error.details[0].path).toBe(path);
    return r.body.error;
  };

  it('a span with no final round: 422 no_rounds naming the scheme and the span (zh and en)', async () => {
    const en = await refused(`scheme=${enc(ID)}&period=2026-Q2`, 422, 'no_rounds', 'period');
    expect(en.message).toBe('scheme `统计测试` has no final round in `2026-Q2`');
    const zh = await refused(`scheme=${enc(ID)}&from=2024-Q1&to=2024-Q4&lang=zh`, 422, 'no_rounds', 'from');
    expect(zh.message).toBe('方案“统计测试”在“2024-Q1”至“2024-Q4”没有已确定的考核批次');
  });

  it('bad period text: 422 invalid_period with the expected form', async () => {
    for (const [query, path] of [['period=2026-Q5', 'period'], ['period=2026', 'period'], ['from=2026-Q1&to=2026-13', 'to']] as const) {
      const e = await refused(`scheme=${enc(ID)}&${query}`, 422, 'invalid_period', path);
      expect(e.details[0].expected).toBe('2026-Q1');
    }
  });

  it('spans: more than 12 periods, or reversed', async () => {
    const e = await refused(`scheme=${enc(ID)}&from=2023-Q1&to=2026-Q1`, 422, 'span_too_long', 'to');
    expect(e.details[0]).toEqual(expect.objectContaining({ count: 13, max: 12 }));
    await refused(`scheme=${enc(ID)}&from=2026-Q1&to=2025-Q1`, 422, 'invalid_span', 'to');
  });

  it('not exactly one of period, from/to, round; from without to; no scheme', async () => {
    await refused(`scheme=${enc(ID)}`, 422, 'invalid_query', 'period');
    await refused(`scheme=${enc(ID)}&period=2026-Q1&round=${q1}`, 422, 'invalid_query', 'round');
    await refused(`scheme=${enc(ID)}&from=2026-Q1`, 422, 'invalid_query', 'to');
    await refused('period=2026-Q1', 422, 'invalid_query', 'scheme');
    await refused(`scheme=${enc(ID)}&period=2026-Q1&by=person`, 400, 'invalid_request');
  });

  it('unknown scheme or round: 404; another organization\'s too; a round never evaluated: 409', async () => {
    await refused('scheme=nope&period=2026-Q1', 404, 'not_found');
    await refused('round=rd_nope', 404, 'not_found');
    // A scheme named 不存在 must not read “方案“不存在”不存在”.
    const zh = await refused(`scheme=${enc('不存在')}&period=2026-Q1&lang=zh`, 404, 'not_found');
    expect(zh.message).toBe('没有名为“不存在”的方案');
    expect((await refused(`round=${enc('不存在')}&lang=zh`, 404, 'not_found')).message).toBe('没有编号为“不存在”的考核批次');
    const other = await get(`round=${q1}`, f.tokens.B.evaluator);
    expect(other.status).toBe(404);
    await refused(`round=${open}`, 409, 'round_not_evaluated', 'round');
  });

  it('a unit nobody belongs to: 422 unknown_unit', async () => {
    await refused(`scheme=${enc(ID)}&period=2026-Q1&unit=${enc('丙')}`, 422, 'unknown_unit', 'unit');
  });
});

describe('the statistics route in the OpenAPI document', () => {
  it('says the cursor is change.moves.next, lists lang, and names the quota scope by `cohort by`', async () => {
    const doc = (await call(f.app, 'GET', '/api/openapi.json')).body as {
      paths: Record<string, { get: { parameters: { name: string; description: string }[] } }>;
      components: { schemas: Record<string, { properties: Record<string, { description?: string }> }> };
    };
    const params = Object.fromEntries(doc.paths['/api/statistics'].get.parameters.map((p) => [p.name, p.description]));
    expect(params.cursor).toContain('change.moves.next');
    expect(params.cursor).not.toContain('nextCursor');
    expect(params.lang).toMatch(/`zh` or `en`/);
    const quota = doc.components.schemas.QuotaRow.properties;
    expect(quota.scope.description).toContain('cohort by');
    expect(JSON.stringify(quota)).not.toMatch(/panel/);
  });

  it('an unknown lang is 400 at lang (S10); lang=en-US gives the en workbook', async () => {
    const fr = await get(`scheme=${enc(ID)}&period=2026-Q1&lang=fr`);
    expect([fr.status, fr.body.error?.code, fr.body.error?.details?.[0]?.path]).toEqual([400, 'invalid_request', 'lang']);
    const res = await f.app.request(`/api/statistics?scheme=${enc(ID)}&period=2026-Q1&format=xlsx&lang=en-US`, { headers: { authorization: `Bearer ${f.tokens.A.evaluator}` } });
    expect(res.headers.get('content-disposition')).toContain(enc(`statistics-${ID}-2026-Q1.xlsx`));
  });
});

describe('the statistics catalogs', () => {
  it('have every message in zh and en with the same placeholders, and no English words in zh', () => {
    for (const name of ['stats', 'statsSheets']) {
      const catalog = registeredCatalogs().get(name)!;
      expect(Object.keys(catalog.zh).sort(), name).toEqual(Object.keys(catalog.en).sort());
      for (const key of Object.keys(catalog.en)) {
        expect(placeholders(catalog.zh[key]), key).toEqual(placeholders(catalog.en[key]));
        const args = Object.fromEntries(placeholders(catalog.en[key]).map((p) => [p, '‹x›']));
        const zh = render({ id: `${name}.${key}`, args }, 'zh');
        expect(zh.replace(/“[^”]*”/g, '').replace(/‹x›/g, '').match(/[A-Za-z]{2,}/g) ?? [], `${key}: ${zh}`).toEqual([]);
        expect(zh, key).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
