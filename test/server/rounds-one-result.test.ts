// One announced result per person, scheme and period (trial V12 HIGH; server/rounds/one-result.ts),
// over HTTP against a real store (SQLite, or PostgreSQL under `npm run test:pg`): a round cannot
// enter 公示 while any of its people has a result of the period in 公示 or final in another round (a
// unit round beside a whole-organization one, either way round) or an imported one — 409
// `result_exists` listing every such person; people apart, drafts and other periods do not block;
// and two publicizes (or finalizes) of overlapping rounds at once: exactly one passes — the database
// decides, also on PostgreSQL where each transaction alone would see no conflicting row.

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { endPublicity, inDays, ok, quarterScheme, withRoundsApp, type Person, type RoundsClient } from './rounds-helpers.js';

const SCHEME = '季度唯一';
const OTHER_SCHEME = '季度唯一乙';
const UNIT = '办公室';

let f: Fixture;
let rc: RoundsClient;
withRoundsApp(() => [quarterScheme(SCHEME), quarterScheme(OTHER_SCHEME)], (fx, c) => { f = fx; rc = c; });

const people = (...ids: string[]): Person[] => ids.map((id, i) => ({ id, input: { 实绩: 80 + i } }));
/** An evaluated round of `ids` for `period`: of unit `unit`, or of the whole organization. */
const evaluated = (period: string, ids: string[], unit?: string) => rc.evaluated(SCHEME, period, people(...ids), unit ? { unit } : {});
const publicize = (id: string, lang = 'en') =>
  call(f.app, 'POST', `/api/rounds/${id}/publicize?lang=${lang}`, { token: f.tokens.A.author, body: { until: inDays(10) } });
const statusOf = async (id: string) => (await ok(rc.get(id), 200)).status as string;
/** A database from before the publicize check: a round put in 公示 (ended) by hand, beside another. */
const forcedIntoPublicity = (id: string) =>
  f.store.run("UPDATE rounds SET status = 'publicity', publicity_until = ? WHERE id = ?", [inDays(-1), id]);

describe('publicize: no second announced result for a person and period', () => {
  it('a unit round in 公示 blocks a whole-organization round with the same people: 409 result_exists naming each, nothing changed', async () => {
    const unit = await evaluated('2025-Q1', ['a', 'b'], UNIT);
    const whole = await evaluated('2025-Q1', ['a', 'b', 'c']);
    await ok(publicize(unit), 200);
    const refused = await publicize(whole);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'result_exists']);
    expect(refused.body.error.details).toMatchObject([
      { path: 'roster', subject: 'a', round: unit, status: 'publicity', imported: false },
      { path: 'roster', subject: 'b', round: unit, status: 'publicity', imported: false },
    ]);
    expect(refused.body.error.message).toContain('2 people of it (a, b)');
    expect(refused.body.error.details[0].message).toContain(`public notice of round \`${unit}\``);
    expect(await statusOf(whole)).toBe('evaluated');
    // In the reader's language.
    const zh = await publicize(whole, 'zh');
    expect(zh.body.error.message).toContain('不能进入公示');
    expect(zh.body.error.details[1].message).toContain('正在公示');
  });

  it('a whole-organization round in 公示 blocks a unit round with one of its people; final results block too', async () => {
    const whole = await evaluated('2025-Q2', ['a', 'b', 'c']);
    const unit = await evaluated('2025-Q2', ['c', 'x'], UNIT);
    await ok(publicize(whole), 200);
    const refused = await publicize(unit);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'result_exists']);
    expect(refused.body.error.details.map((d: { subject: string; round: string }) => [d.subject, d.round])).toEqual([['c', whole]]);
    // Once final, it still blocks — now as a final result.
    await endPublicity(f, whole);
    await ok(rc.finalize(whole), 200);
    const again = await publicize(unit);
    expect(again.body.error.details).toMatchObject([{ subject: 'c', round: whole, status: 'final', imported: false }]);
    expect(again.body.error.details[0].message).toContain('final result');
    expect(await statusOf(unit)).toBe('evaluated');
  });

  it('an imported result blocks: the detail says imported', async () => {
    const imported = await call(f.app, 'POST', '/api/subjects/import', { token: f.tokens.A.author, body: { scheme: SCHEME, results: [{ subject: 'm', period: '2025-Q3', grade: '称职' }] } });
    expect(imported.status, imported.text).toBeLessThan(300);
    const id = await evaluated('2025-Q3', ['m', 'n']);
    const refused = await publicize(id);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'result_exists']);
    expect(refused.body.error.details).toMatchObject([{ subject: 'm', round: null, status: 'final', imported: true }]);
  });

  it('people apart, drafts, other periods and other schemes do not block', async () => {
    const unit = await evaluated('2025-Q4', ['a', 'b'], UNIT);
    // An evaluated round of the same people (a draft) does not keep the unit round from 公示 …
    const draft = await evaluated('2025-Q4', ['a', 'b']);
    // … nor one of the period before, in 公示.
    const before = await evaluated('2024-Q4', ['a', 'b']);
    await ok(publicize(before), 200);
    // … nor one of another scheme, in 公示.
    const other = await rc.evaluated(OTHER_SCHEME, '2025-Q4', people('a', 'b'));
    await ok(publicize(other), 200);
    await ok(publicize(unit), 200);
    // A whole-organization round of other people enters 公示 beside the unit round.
    const apart = await evaluated('2025-Q4', ['p', 'q']);
    await ok(publicize(apart), 200);
    // The draft is refused now: its people are announced in `unit`.
    expect((await publicize(draft)).body.error.code).toBe('result_exists');
  });

  it('finalize still refuses a second final result (two rounds in 公示 from before the publicize check)', async () => {
    const whole = await evaluated('2023-Q1', ['a', 'b']);
    const unit = await evaluated('2023-Q1', ['b'], UNIT);
    await ok(publicize(whole), 200);
    await forcedIntoPublicity(unit);
    // Extending a 公示 announces nothing new: not refused, though `unit` announces b too.
    await ok(call(f.app, 'POST', `/api/rounds/${whole}/publicize`, { token: f.tokens.A.author, body: { until: inDays(20) } }), 200);
    await endPublicity(f, whole);
    await ok(rc.finalize(whole), 200);
    const second = await rc.finalize(unit);
    expect([second.status, second.body.error.code]).toEqual([409, 'result_exists']);
    expect(second.body.error.details).toMatchObject([{ subject: 'b', round: whole }]);
  });
});

/** Repetitions of each race: a race lost only sometimes must still show. */
const TIMES = 10;

describe('at once: the database decides (PostgreSQL: the scheme row lock)', () => {
  it(`two publicizes of overlapping rounds at once: exactly one passes, ${TIMES} times`, async () => {
    for (let i = 0; i < TIMES; i++) {
      const period = `${2000 + i}-Q1`;
      const unit = await evaluated(period, ['a', 'b'], UNIT);
      const whole = await evaluated(period, ['b', 'c']);
      const answers = await Promise.all([publicize(unit), publicize(whole)]);
      expect(answers.map((a) => a.status).sort(), `${period}: ${answers.map((a) => a.text).join('\n')}`).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('result_exists');
      const announced = await f.store.get<{ n: number }>(
        "SELECT count(*) AS n FROM rounds WHERE scheme_id = (SELECT scheme_id FROM rounds WHERE id = ?) AND period = ? AND status = 'publicity'", [unit, period]);
      expect(Number(announced!.n)).toBe(1);
    }
  }, 120_000);

  it(`two finalizes of overlapping rounds in 公示 at once: exactly one passes, ${TIMES} times`, async () => {
    for (let i = 0; i < TIMES; i++) {
      const period = `${2000 + i}-Q2`;
      const unit = await evaluated(period, ['a', 'b'], UNIT);
      const whole = await evaluated(period, ['b', 'c']);
      await forcedIntoPublicity(unit);
      await forcedIntoPublicity(whole);
      const answers = await Promise.all([rc.finalize(unit), rc.finalize(whole)]);
      expect(answers.map((a) => a.status).sort(), `${period}: ${answers.map((a) => a.text).join('\n')}`).toEqual([200, 409]);
      const finals = await f.store.get<{ n: number }>("SELECT count(*) AS n FROM subject_results WHERE subject_id = 'b' AND period = ? AND final = 1", [period]);
      expect(Number(finals!.n)).toBe(1);
    }
  }, 120_000);
});
