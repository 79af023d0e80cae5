// Review fixes of the rounds (issue 14, F2), each against a real store through the HTTP API:
// a roll-up of a scheme the organization does not have is refused (create and evaluate); an
// amendment's part and row are stored in its revision's transaction, not before the engine runs;
// a plain evaluate clears out-of-date (rounds-amend.test.ts); the export shows what the revision ran
// on (filled roll-ups, the `cohort by` unit) and lists later parts as pending; an amendment of a final
// round keeps everyone else's roll-up values; the stored revision is answered without parsing its
// blobs, amendments are listed in one query, exact values are stored once, and the roll-up's
// (org, scheme, period) index exists.
//
// Quarter scores are 实绩 as is (weight 100%); the annual score is the quarters' average + 调整:
// b with 80, 80, 80, 80 → 80; after b's Q2 is amended to 84 a fresh read would give (80+84+80+80)/4 = 81.

import { describe, expect, it, vi } from 'vitest';
import type { EngineApi } from '../../engine/api.js';
import { engine as realEngine } from '../../server/default-engine.js';
import { call, type Fixture } from './helpers.js';
import type { Param } from '../../server/store/types.js';
import { annualScheme, publish, quarterScheme, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

/** While `probe.on` is set, the engine records what is stored when a cohort is evaluated. */
const probe = { on: undefined as undefined | (() => Promise<void>) };
const probingEngine: EngineApi = {
  ...realEngine,
  evaluateCohort: async (s, subjects, opts) => {
    await probe.on?.(); // its reads are round trips over PostgreSQL: the cohort waits for them
    return realEngine.evaluateCohort(s, subjects, opts);
  },
};

let f: Fixture;
let rc: RoundsClient;
const api = (method: string, path: string, body?: unknown, token = f.tokens.A.author) => call(f.app, method, path, { token, body });
const count = async (sql: string, ...args: Param[]) => ((await f.store.get(sql, args)) as { n: number }).n;

/** A round of `people` (unit 一科) evaluated, and with `final` through 公示 to final. */
async function round(scheme: string, period: string, people: Record<string, Record<string, unknown>>, final: boolean): Promise<string> {
  const id = await rc.evaluated(scheme, period, Object.entries(people).map(([s, input]) => ({ id: s, unit: '一科', input })));
  if (final) await rc.finish(id);
  return id;
}

const quarters: string[] = [];

withRoundsApp(() => [quarterScheme('季度甲'), annualScheme('年度甲', '季度甲', { cohortBy: true }), annualScheme('年度错', '季度乙', { cohortBy: true })], async (fx, c) => {
  f = fx;
  rc = c;
  await publish(f, quarterScheme('季度乙'), 'B'); // 季度乙: only organization B has it
  for (const q of ['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4']) quarters.push(await round('季度甲', q, { a: { 实绩: 90 }, b: { 实绩: 80 } }, true));
}, { engine: probingEngine });

describe('a roll-up of a scheme the organization does not have', () => {
  it('is refused at creation: 422 unknown_source_scheme at input.季度结果 naming the scheme; no round stored', async () => {
    const before = await count('SELECT count(*) AS n FROM rounds');
    const r = await api('POST', '/api/rounds', { scheme: '年度错', period: '2027' });
    expect(r.status, r.text).toBe(422);
    expect(r.body.error.code).toBe('unknown_source_scheme');
    expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'input.季度结果', code: 'unknown_source_scheme', scheme: '季度乙' })]);
    expect(r.body.error.message).toContain('季度乙');
    expect(await count('SELECT count(*) AS n FROM rounds')).toBe(before);
    const zh = await call(f.app, 'POST', '/api/rounds?lang=zh', { token: f.tokens.A.author, body: { scheme: '年度错', period: '2027' } });
    expect(zh.body.error.message).toBe('输入“季度结果”引用方案“季度乙”的结果，但本组织没有该方案');
  });

  it('is refused at evaluate (the source renamed since): nothing stored', async () => {
    const created = await api('POST', '/api/rounds', { scheme: '年度甲', period: '2029' });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    expect((await api('PUT', `/api/rounds/${id}/roster`, { members: [{ id: 'a', unit: '一科', status: 'take' }] })).status).toBe(200);
    await f.store.run("UPDATE schemes SET name = '季度丙' WHERE name = '季度甲'");
    try {
      const r = await api('POST', `/api/rounds/${id}/evaluate`);
      expect(r.status, r.text).toBe(422);
      expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'input.季度结果', code: 'unknown_source_scheme', scheme: '季度甲' })]);
      expect(await count('SELECT count(*) AS n FROM revisions WHERE round_id = ?', id)).toBe(0);
      expect((await api('GET', `/api/rounds/${id}`)).body.status).toBe('open');
    } finally {
      await f.store.run("UPDATE schemes SET name = '季度甲' WHERE name = '季度丙'");
    }
  });
});

describe('an amendment', () => {
  it('stores its part and row in the revision\'s transaction: nothing of it exists while the engine runs', async () => {
    const id = await round('季度甲', '2028-Q1', { a: { 实绩: 90 }, b: { 实绩: 80 } }, false);
    const seen: number[] = [];
    probe.on = async () => { seen.push(await count("SELECT count(*) AS n FROM input_parts WHERE round_id = ? AND part = 'amendment'", id) + await count('SELECT count(*) AS n FROM amendments WHERE round_id = ?', id)); };
    try {
      const r = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'b', input: { 实绩: 85 }, reason: '复核' });
      expect(r.status, r.text).toBe(201);
    } finally { probe.on = undefined; }
    expect(seen).toEqual([0]);
    expect(await count("SELECT count(*) AS n FROM input_parts WHERE round_id = ? AND part = 'amendment'", id)).toBe(1);
    const rev = (await f.store.get('SELECT amendment_id AS a FROM revisions WHERE round_id = ? AND n = 2', [id])) as { a: number };
    expect(rev.a).toBe(((await f.store.get('SELECT id FROM amendments WHERE round_id = ?', [id])) as { id: number }).id);
    // A refused one (a value out of range) leaves nothing either.
    const bad = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'b', input: { 实绩: 185 }, reason: '复核' });
    expect(bad.status).toBe(422);
    expect(await count('SELECT count(*) AS n FROM amendments WHERE round_id = ?', id)).toBe(1);
  });

  it('of a final round keeps everyone else\'s roll-up values, even when a source moved since', async () => {
    const id = await round('年度甲', '2027', { a: { 调整: 0 }, b: { 调整: 0 } }, true);
    const score = async (n: number, s: string) =>
      (await api('GET', `/api/rounds/${id}/revisions/${n}`)).body.result.results.find((x: { subject: string }) => x.subject === s).score;
    expect(await score(1, 'b')).toBe(80);
    // b's Q2 is amended (80 → 84): the annual round is out of date, its results stay.
    expect((await api('POST', `/api/rounds/${quarters[1]}/amendments`, { subject: 'b', input: { 实绩: 84 }, reason: '申诉成立' })).status).toBe(201);
    expect((await api('GET', `/api/rounds/${id}`)).body.outOfDate).toBe(true);
    // An appeal of a's annual result changes a, and nothing of b (a fresh read would make b 81).
    const r = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'a', input: { 调整: 1 }, reason: '申诉' });
    expect(r.status, r.text).toBe(201);
    expect(r.body.changes.map((c: { subject: string }) => c.subject)).toEqual(['a']);
    expect(await score(2, 'a')).toBe(91);
    expect(await score(2, 'b')).toBe(80);
    const row = await f.store.get("SELECT score, final FROM subject_results WHERE round_id = ? AND subject_id = 'b'", [id]);
    expect(row).toEqual({ score: '80.00', final: 1 });
    expect((await api('GET', `/api/rounds/${id}`)).body.outOfDate).toBe(true);
  });
});

describe('GET /api/rounds/:id/export', () => {
  it('exports what the current revision ran on (filled roll-up, roster unit) and lists later parts as pending', async () => {
    await round('季度甲', '2028-Q4', { a: { 实绩: 95 } }, true);
    const id = await round('年度甲', '2028', { a: { 调整: 0 } }, false);
    expect((await api('POST', `/api/rounds/${id}/inputs`, { subjects: [{ id: 'a', input: { 调整: 5 } }] })).status).toBe(201);
    const ex = await api('GET', `/api/rounds/${id}/export`);
    expect(ex.status, ex.text).toBe(200);
    expect(ex.body.inputs).toHaveLength(1);
    const input = ex.body.inputs[0].input;
    expect(input.调整).toBe(0);
    expect(input.单位).toBe('一科');
    expect(input.季度结果.map((x: { period: string; score: string }) => [x.period, x.score])).toEqual([['2028-Q4', '95.00']]);
    expect(ex.body.result.results[0].score).toBe(95);
    expect(ex.body.pending).toEqual([{ subject: 'a', input: { 调整: 5 }, decision: null }]);
    // Evaluated again: the part is in the inputs, nothing is pending.
    expect((await api('POST', `/api/rounds/${id}/evaluate`)).status).toBe(200);
    const again = await api('GET', `/api/rounds/${id}/export`);
    expect(again.body.inputs[0].input.调整).toBe(5);
    expect(again.body.result.results[0].score).toBe(100);
    expect(again.body.pending).toEqual([]);
  });
});

describe('storage and reading costs', () => {
  it('GET revisions/:n splices the stored blobs without parsing them (all-unit caller); exact values are stored once', async () => {
    const id = await round('季度甲', '2028-Q2', { a: { 实绩: 90 }, b: { 实绩: 80 } }, false);
    const stored = (await f.store.get('SELECT inputs, result, exact FROM revisions WHERE round_id = ? AND n = 1', [id])) as Record<string, string>;
    expect(JSON.parse(stored.result).results.map((r: Record<string, unknown>) => 'exact' in r)).toEqual([false, false]);
    expect(JSON.parse(stored.exact).a.score).toBe('90');
    const parse = vi.spyOn(JSON, 'parse');
    let res: Response;
    try {
      res = await f.app.request(`/api/rounds/${id}/revisions/1`, { headers: { authorization: `Bearer ${f.tokens.A.author}` } });
      expect(parse.mock.calls.filter(([text]) => text === stored.result || text === stored.inputs || text === stored.exact)).toEqual([]);
    } finally { parse.mockRestore(); }
    const body = await res.json() as { result: unknown; inputs: unknown; exact: unknown };
    expect(body.result).toEqual(JSON.parse(stored.result));
    expect(body.inputs).toEqual(JSON.parse(stored.inputs));
    expect(body.exact).toEqual(JSON.parse(stored.exact));
  });

  it('lists amendments in one query; the roll-up index exists', async () => {
    const id = await round('季度甲', '2028-Q3', { a: { 实绩: 90 }, b: { 实绩: 80 } }, false);
    for (const v of [81, 82, 83]) expect((await api('POST', `/api/rounds/${id}/amendments`, { subject: 'b', input: { 实绩: v }, reason: '复核' })).status).toBe(201);
    // The store prepares a text once: count the statements run, not prepared.
    const all = vi.spyOn(f.store, 'all');
    const get = vi.spyOn(f.store, 'get');
    let r;
    try {
      r = await api('GET', `/api/rounds/${id}/amendments`);
      expect([...all.mock.calls, ...get.mock.calls].filter(([text]) => /FROM amendments/i.test(String(text)))).toHaveLength(1);
    } finally { all.mockRestore(); get.mockRestore(); }
    expect(r.body.amendments.map((a: { input: { 实绩: number } }) => a.input.实绩)).toEqual([81, 82, 83]);
    if (f.store.dialect === 'sqlite') {
      const plan = (await f.store.all(
        "EXPLAIN QUERY PLAN SELECT id FROM subject_results WHERE org_id = 1 AND scheme_id = 1 AND period IN ('2027-Q1', '2027-Q2') AND (final = 1 OR imported = 1)",
      )) as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('subject_results_scheme_period');
    } else {
      // PostgreSQL plans by statistics (a table this small is scanned): the index itself must exist.
      const idx = await f.store.get<{ def: string }>(
        "SELECT indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'subject_results_scheme_period'",
      );
      expect(idx?.def ?? 'no such index').toContain('(org_id, scheme_id, period)');
    }
  });
});
