// What a unit officer learns of other units (hostile audit H6 F13): a revision and the export showed
// `rank.overall` across every unit (c of 二科 "3rd of 5" told 二科's officer how 一科 stood), and the
// results import's 403 named another unit's imported row ("S1 has an imported result for 2025-Q1 in
// unit 二科"). Now ranks are among the people the officer sees (rounds/scope-result.ts ranksWithin,
// in a revision, the export and an amendment's changes), and the 403 names neither the other unit nor its rows.

import { describe, expect, it } from 'vitest';
import type { CohortResult } from '../../engine/api.js';
import { call, type Fixture } from './helpers.js';
import { accountToken, FIVE, quarterScheme, withRoundsApp, type RoundsClient } from './rounds-helpers.js';
// After the app (helpers.js): the rounds modules load in the app's order.
import { ranksWithin } from '../../server/rounds/scope-result.js';

const SCHEME = '范围七';
// a (95), b (93) in 一科; c (91), d (80), e (70) in 二科.
const PEOPLE = FIVE.map((p) => ({ ...p, unit: ['a', 'b'].includes(p.id) ? '一科' : '二科' }));
type Member = CohortResult['results'][number];
const ranks = (result: { results: Member[] }) => result.results.map((r) => [r.subject, r.rank.overall, r.rank.cohort]);

describe('ranksWithin: competition ranks among a part of the batch', () => {
  const m = (subject: string, overall: number | null, cohort: number | null, key = '') => ({ subject, cohort: key, rank: { overall, cohort } }) as Member;
  it('ties share a rank, the next skips, unranked stay null, cohorts ranked apart', () => {
    // whole batch: x1 1, y 2, x2 3, x3 3, z 5, x4 6, u unranked; the part: x1, x2, x3, x4, u
    const part = [m('x1', 1, 1, 'P'), m('x2', 3, 2, 'P'), m('x3', 3, 1, 'Q'), m('x4', 6, 3, 'P'), m('u', null, null, 'Q')];
    expect(ranks({ results: ranksWithin(part) })).toEqual([['x1', 1, 1], ['x2', 2, 2], ['x3', 2, 1], ['x4', 4, 3], ['u', null, null]]);
  });
});

describe('a unit officer of a round of two units', () => {
  let f: Fixture;
  let rc: RoundsClient;
  let two: string, one: string;
  withRoundsApp(() => [quarterScheme(SCHEME, { quota: true })], async (fx, c) => {
    f = fx; rc = c;
    two = await accountToken(f, '二科科长', ['二科'], ['author', 'evaluator']);
    one = await accountToken(f, '一科科长', ['一科'], ['author', 'evaluator']);
  });
  const get = (path: string, token: string) => call(f.app, 'GET', path, { token });

  it('sees ranks among their own people in a revision and the export; everyone else as before', async () => {
    const id = await rc.evaluated(SCHEME, '2026-Q1', PEOPLE);
    const all = await get(`/api/rounds/${id}/revisions/1`, f.tokens.A.author);
    expect(ranks(all.body.result)).toEqual([['a', 1, 1], ['b', 2, 2], ['c', 3, 3], ['d', 4, 4], ['e', 5, 5]]);
    const rev = await get(`/api/rounds/${id}/revisions/1`, two);
    expect(rev.status, rev.text).toBe(200);
    expect(ranks(rev.body.result)).toEqual([['c', 1, 1], ['d', 2, 2], ['e', 3, 3]]);
    const ex = await get(`/api/rounds/${id}/export`, two);
    expect(ranks(ex.body.result)).toEqual([['c', 1, 1], ['d', 2, 2], ['e', 3, 3]]);
    expect(ranks((await get(`/api/rounds/${id}/export`, one)).body.result)).toEqual([['a', 1, 1], ['b', 2, 2]]);
  });

  it("an amendment's changes: their people, ranked among them", async () => {
    const id = await rc.evaluated(SCHEME, '2026-Q2', PEOPLE);
    // a (一科) drops to 80: across the round a goes 1st → 3rd (tied with d of 二科); among 一科, 1st → 2nd
    const am = await call(f.app, 'POST', `/api/rounds/${id}/amendments`, { token: one, body: { subject: 'a', input: { 实绩: 80 }, reason: '复核' } });
    expect(am.status, am.text).toBe(201);
    const figures = am.body.changes.map((c: { subject: string; before: { rank: unknown }; after: { rank: unknown } }) => [c.subject, c.before.rank, c.after.rank]);
    expect(figures.sort()).toEqual([
      ['a', { overall: 1, cohort: 1 }, { overall: 2, cohort: 2 }],
      ['b', { overall: 2, cohort: 2 }, { overall: 1, cohort: 1 }],
    ]);
    // an account of every unit: the whole round's ranks (a back to 95: 3rd, tied with d → 1st)
    const back = await call(f.app, 'POST', `/api/rounds/${id}/amendments`, { token: f.tokens.A.author, body: { subject: 'a', input: { 实绩: 95 }, reason: '复核' } });
    expect(back.status, back.text).toBe(201);
    const a = back.body.changes.find((c: { subject: string }) => c.subject === 'a');
    expect([a.before.rank, a.after.rank]).toEqual([{ overall: 3, cohort: 3 }, { overall: 1, cohort: 1 }]);
  });

  it("the import's 403 names neither the other unit nor its row", async () => {
    const imp = (results: unknown[], token: string, lang = 'en') =>
      call(f.app, 'POST', `/api/subjects/import?lang=${lang}`, { token, body: { scheme: SCHEME, results } });
    expect((await imp([{ subject: 'S1', period: '2025-Q1', grade: '优秀', unit: '二科' }], f.tokens.A.author)).status).toBe(200);
    for (const lang of ['en', 'zh']) {
      const r = await imp([{ subject: 'S1', period: '2025-Q1', grade: '称职', unit: '一科' }], one, lang);
      expect(r.status, r.text).toBe(403);
      expect(r.body.error.code).toBe('unit_not_allowed');
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['results[0]']);
      expect(r.text, r.text).not.toMatch(/二科|2025-Q1|an imported result|已有导入结果/);
    }
  });
});
