// Unit scoping of rounds (issue 14: a unit officer — an account with units — sees and acts for its
// units only), over HTTP against a real store: the steps that decide the whole cohort
// (roster, evaluate, 公示, final) are refused to an officer; what an officer reads of a result (a
// revision, the export, an amendment's changes) names nobody of another unit, not even in the quota
// summaries; an officer's import cannot replace another unit's rows; the lists show an officer only
// rounds of their units and no cohort-wide evaluations; an officer makes rounds only for their units.

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { FIVE, quarterScheme, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

// 优秀 at most 40% (rounded down) of the round: of five people, two (a 95, b 93); c (91) is demoted.
const SCHEME = '范围测试';
// a and b in 一科; c, d and e in 二科.
const PEOPLE = FIVE.map((p) => ({ ...p, unit: ['a', 'b'].includes(p.id) ? '一科' : '二科' }));

let f: Fixture;
let rc: RoundsClient;
const officers: Record<string, string> = {};
const api = (method: string, path: string, body?: unknown, token = f.tokens.A.author) => call(f.app, method, path, { token, body });
const code = (r: { status: number; body: any }) => [r.status, r.body?.error?.code];

async function officer(name: string, units: string[]): Promise<string> {
  const acc = await api('POST', '/api/accounts', { name, roles: ['author', 'evaluator'], units }, f.tokens.A.admin);
  expect(acc.status, acc.text).toBe(201);
  const tok = await api('POST', '/api/tokens', { account: name }, f.tokens.A.admin);
  expect(tok.status, tok.text).toBe(201);
  return tok.body.token as string;
}

/** A round of a…e (units 一科, 二科) evaluated by an all-units author: revision 1. */
const evaluatedRound = (period = '2026-Q1') => rc.evaluated(SCHEME, period, PEOPLE);

/** Every person id a quota summary names. */
const quotaIds = (result: any): string[] =>
  [...result.cohorts.flatMap((c: any) => c.quotas), ...(result.overall?.quotas ?? [])].flatMap((q: any) => [...q.admitted, ...q.ties, ...(q.over ?? [])]);

withRoundsApp(() => [quarterScheme(SCHEME, { quota: true })], async (fx, c) => {
  f = fx;
  rc = c;
  officers.one = await officer('一科科长', ['一科']);
  officers.two = await officer('二科科长', ['二科']);
  officers.three = await officer('三科科长', ['三科']);
});

describe('steps that decide the whole cohort need every unit', () => {
  it('roster, evaluate, 公示 and final by a unit officer (author) are 403 unit_not_allowed; nothing changes', async () => {
    const id = await evaluatedRound();
    expect(code(await api('PUT', `/api/rounds/${id}/roster`, { members: [{ id: 'a', unit: '一科', status: 'take' }] }, officers.one))).toEqual([403, 'unit_not_allowed']);
    const ev = await api('POST', `/api/rounds/${id}/evaluate?lang=zh`, undefined, officers.one);
    expect(code(ev)).toEqual([403, 'unit_not_allowed']);
    expect(ev.body.error.message).toBe('只有可处理全部单位的账号才能计算考核批次：计算结果决定全体人员的等次');
    expect(ev.text).not.toContain('"results"');
    // 公示 days are China's calendar days (UTC+8)
    const until = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(code(await api('POST', `/api/rounds/${id}/publicize`, { until }, officers.one))).toEqual([403, 'unit_not_allowed']);
    expect((await api('GET', `/api/rounds/${id}`)).body).toMatchObject({ status: 'evaluated', revision: 1 });
    expect((await api('POST', `/api/rounds/${id}/publicize`, { until })).status).toBe(200);
    // 公示 over (as if days had passed): only the refusal stands between the officer and final
    await f.store.run(`UPDATE rounds SET publicity_until = '2000-01-01' WHERE id = ?`, [id]);
    expect(code(await api('POST', `/api/rounds/${id}/finalize`, undefined, officers.one))).toEqual([403, 'unit_not_allowed']);
    expect((await api('GET', `/api/rounds/${id}`)).body.status).toBe('publicity');
    expect((await api('POST', `/api/rounds/${id}/finalize`)).status).toBe(200);
  });
});

describe('what an officer reads of a result names only their units\' people', () => {
  it('a revision: results, exact and the quota summaries\' admitted/ties/over', async () => {
    const id = await evaluatedRound('2026-Q2');
    const all = await api('GET', `/api/rounds/${id}/revisions/1`);
    expect(quotaIds(all.body.result).sort()).toEqual(['a', 'b']);
    const two = await api('GET', `/api/rounds/${id}/revisions/1`, undefined, officers.two);
    expect(two.status, two.text).toBe(200);
    expect(two.body.result.results.map((r: { subject: string }) => r.subject)).toEqual(['c', 'd', 'e']);
    expect(Object.keys(two.body.exact).sort()).toEqual(['c', 'd', 'e']);
    expect(quotaIds(two.body.result)).toEqual([]);
    expect(two.body.result.cohorts[0].quotas[0]).toMatchObject({ limit: 2, base: 5 });
    const one = await api('GET', `/api/rounds/${id}/revisions/1`, undefined, officers.one);
    expect(quotaIds(one.body.result).sort()).toEqual(['a', 'b']);
  });

  it('the export: the same filter, and a member without a unit belongs to the round\'s unit', async () => {
    const id = await evaluatedRound('2026-Q3');
    const two = await api('GET', `/api/rounds/${id}/export`, undefined, officers.two);
    expect(two.status, two.text).toBe(200);
    expect(two.body.result.results.map((r: { subject: string }) => r.subject)).toEqual(['c', 'd', 'e']);
    expect(quotaIds(two.body.result)).toEqual([]);
    const made = await api('POST', '/api/rounds', { scheme: SCHEME, period: '2026-Q3', unit: '二科' });
    const unitRound = made.body.id as string;
    expect((await api('PUT', `/api/rounds/${unitRound}/roster`, { members: [{ id: 'x', status: 'take' }, { id: 'y', unit: '一科', status: 'take' }] })).status).toBe(200);
    const ex = await api('GET', `/api/rounds/${unitRound}/export`, undefined, officers.two);
    expect(ex.body.members.map((m: { id: string }) => m.id)).toEqual(['x']);
    // as GET /api/rounds/:id shows it
    expect((await api('GET', `/api/rounds/${unitRound}`, undefined, officers.two)).body.members.map((m: { id: string }) => m.id)).toEqual(['x']);
  });

  it("an amendment's answer lists only their units' people among those who changed", async () => {
    const id = await evaluatedRound('2026-Q4');
    // a drops to 80: c (二科) moves up across the 优秀 line — the officer of 一科 does not learn of it
    const am = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'a', input: { 实绩: 80 }, reason: '复核' }, officers.one);
    expect(am.status, am.text).toBe(201);
    // (b, 一科, now ranks above a)
    expect(am.body.changes.map((c: { subject: string }) => c.subject).sort()).toEqual(['a', 'b']);
    const all = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'a', input: { 实绩: 95 }, reason: '复核' });
    expect(all.body.changes.map((c: { subject: string }) => c.subject)).toEqual(expect.arrayContaining(['a', 'c']));
  });
});

describe("an officer's import replaces only their units' rows", () => {
  const imp = (results: unknown[], token = f.tokens.A.author) => api('POST', '/api/subjects/import', { scheme: SCHEME, results }, token);
  const rows = async (subject: string) => (await f.store.all('SELECT unit, grade FROM subject_results WHERE subject_id = ? AND imported = 1', [subject]));

  it('403 unit_not_allowed at the row when an earlier imported row is of another unit or none; nothing stored', async () => {
    expect((await imp([{ subject: 'S1', period: '2025-Q1', grade: '优秀', unit: '二科' }, { subject: 'S2', period: '2025-Q1', grade: '优秀' }])).status).toBe(200);
    const r = await imp([
      { subject: 'S3', period: '2025-Q1', grade: '称职', unit: '一科' },
      { subject: 'S1', period: '2025-Q1', grade: '称职', unit: '一科' },
      { subject: 'S2', period: '2025-Q1', grade: '称职', unit: '一科' },
    ], officers.one);
    expect(code(r)).toEqual([403, 'unit_not_allowed']);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['results[1]', 'results[2]']);
    expect(await rows('S1')).toEqual([{ unit: '二科', grade: '优秀' }]);
    expect(await rows('S2')).toEqual([{ unit: null, grade: '优秀' }]);
    expect(await rows('S3')).toEqual([]);
    // their own rows they replace
    expect((await imp([{ subject: 'S3', period: '2025-Q1', grade: '称职', unit: '一科' }], officers.one)).body.replaced).toBe(0);
    expect((await imp([{ subject: 'S3', period: '2025-Q1', grade: '优秀', unit: '一科' }], officers.one)).body.replaced).toBe(1);
    expect(await rows('S3')).toEqual([{ unit: '一科', grade: '优秀' }]);
  });
});

describe('lists and new rounds', () => {
  it('GET /api/rounds: an officer lists only rounds made for their units or with their people', async () => {
    const mixed = await evaluatedRound('2025-Q1');
    const three = (await api('POST', '/api/rounds', { scheme: SCHEME, period: '2025-Q1', unit: '三科' })).body.id as string;
    const ids = async (token: string) => (await api('GET', '/api/rounds?limit=500', undefined, token)).body.rounds.map((r: { id: string }) => r.id);
    expect(await ids(f.tokens.A.author)).toEqual(expect.arrayContaining([mixed, three]));
    expect(await ids(officers.three)).toEqual([three]);
    const one = await ids(officers.one);
    expect(one).toContain(mixed);
    expect(one).not.toContain(three);
  });

  it('GET /api/evaluations: cohort-wide, so 403 unit_not_allowed for an officer', async () => {
    expect((await api('GET', '/api/evaluations')).status).toBe(200);
    expect(code(await api('GET', '/api/evaluations', undefined, officers.one))).toEqual([403, 'unit_not_allowed']);
  });

  it('POST /api/rounds: an officer makes rounds only for their units (403 unit_not_allowed at `unit`)', async () => {
    const other = await api('POST', '/api/rounds', { scheme: SCHEME, period: '2025-Q2', unit: '二科' }, officers.one);
    expect(code(other)).toEqual([403, 'unit_not_allowed']);
    expect(other.body.error.details.map((d: { path: string }) => d.path)).toEqual(['unit']);
    expect(code(await api('POST', '/api/rounds', { scheme: SCHEME, period: '2025-Q2' }, officers.one))).toEqual([403, 'unit_not_allowed']);
    const own = await api('POST', '/api/rounds', { scheme: SCHEME, period: '2025-Q2', unit: '一科' }, officers.one);
    expect(own.status, own.text).toBe(201);
  });
});
