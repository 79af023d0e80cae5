// A round's results must not go final stale or doubled (issue 14, hostile findings), over HTTP against
// a real store: inputs or roster changed after evaluate block 公示 until re-evaluated
// (`round_changed`, GET shows `changed`); deeply nested JSON bodies on the new routes are 400 at the
// body root, not 500; a round flagged out of date (a source it rolled up was amended) cannot be
// publicized or finalized (`round_out_of_date`); a second round of the same scheme, period and unit
// is refused (`round_exists`), a second result of a person (`result_exists`); 公示 can be extended,
// not cut short (`publicity_shortened`).

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { endPublicity, inDays, ok, quarterScheme, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

const SCHEME = '季度陈旧';

let f: Fixture;
let rc: RoundsClient;
const api = (method: string, path: string, body?: unknown, token = f.tokens.A.author) => call(f.app, method, path, { token, body });
const SCORES: Record<string, number> = { a: 95, b: 85, c: 70 };

/** An evaluated round of a, b, c (revision 1). */
const evaluated = (period: string, unit?: string) =>
  rc.evaluated(SCHEME, period, Object.entries(SCORES).map(([id, v]) => ({ id, input: { 实绩: v } })), unit ? { unit } : {});

const results = async (round: string) =>
  (await f.store.all('SELECT subject_id AS s, score, final FROM subject_results WHERE round_id = ? ORDER BY subject_id', [round])) as { s: string; score: string; final: number }[];

withRoundsApp(() => [quarterScheme(SCHEME)], (fx, c) => { f = fx; rc = c; });

describe('inputs or roster changed after evaluate', () => {
  it('a part sent after evaluate blocks 公示 (409 round_changed) until re-evaluated; the final result has it', async () => {
    const id = await evaluated('2026-Q1');
    expect((await ok(api('GET', `/api/rounds/${id}`), 200)).changed).toBe(false);
    await ok(api('POST', `/api/rounds/${id}/inputs`, { subjects: [{ id: 'c', input: { 实绩: 92 } }] }), 201);
    const got = await ok(api('GET', `/api/rounds/${id}`), 200);
    expect(got).toMatchObject({ status: 'evaluated', changed: true });
    const pub = await api('POST', `/api/rounds/${id}/publicize`, { until: inDays(10) });
    expect(pub.status).toBe(409);
    expect(pub.body.error.code).toBe('round_changed');
    expect((await ok(api('GET', `/api/rounds/${id}`), 200)).status).toBe('evaluated');
    await ok(api('POST', `/api/rounds/${id}/evaluate`), 200);
    expect((await ok(api('GET', `/api/rounds/${id}`), 200)).changed).toBe(false);
    await ok(api('POST', `/api/rounds/${id}/publicize`, { until: inDays(10) }), 200);
    await endPublicity(f, id);
    await ok(api('POST', `/api/rounds/${id}/finalize`), 200);
    expect((await results(id)).find((r) => r.s === 'c')).toMatchObject({ score: '92.00', final: 1 });
  });

  it('the same value sent again is no change', async () => {
    const id = await evaluated('2026-Q2');
    await ok(api('POST', `/api/rounds/${id}/inputs`, { subjects: [{ id: 'b', input: { 实绩: 85 } }] }), 201);
    expect((await ok(api('GET', `/api/rounds/${id}`), 200)).changed).toBe(false);
    await ok(api('POST', `/api/rounds/${id}/publicize`, { until: inDays(10) }), 200);
  });

  it('a member dropped from the roster after evaluate gets no final result: 公示 waits for a re-evaluation', async () => {
    const id = await evaluated('2026-Q3');
    await ok(api('PUT', `/api/rounds/${id}/roster`, { members: [{ id: 'a', status: 'take' }, { id: 'b', status: 'take' }] }), 200);
    expect((await ok(api('GET', `/api/rounds/${id}`), 200)).changed).toBe(true);
    expect((await api('POST', `/api/rounds/${id}/publicize`, { until: inDays(10) })).body.error.code).toBe('round_changed');
    // A status change (不定等次) is a change too.
    await ok(api('PUT', `/api/rounds/${id}/roster`, { members: [{ id: 'a', status: 'take' }, { id: 'b', status: 'take' }, { id: 'c', status: '不定等次' }] }), 200);
    expect((await ok(api('GET', `/api/rounds/${id}`), 200)).changed).toBe(true);
    await ok(api('PUT', `/api/rounds/${id}/roster`, { members: [{ id: 'a', status: 'take' }, { id: 'b', status: 'take' }] }), 200);
    await ok(api('POST', `/api/rounds/${id}/evaluate`), 200);
    await ok(api('POST', `/api/rounds/${id}/publicize`, { until: inDays(10) }), 200);
    await endPublicity(f, id);
    await ok(api('POST', `/api/rounds/${id}/finalize`), 200);
    expect((await results(id)).map((r) => r.s)).toEqual(['a', 'b']);
  });
});

describe('deeply nested JSON bodies', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  it('is 400 invalid_request at the body root on every new route with a JSON body, never 500', async () => {
    const id = await evaluated('2026-Q4');
    const nested = deep(10_000);
    const bodies: [string, string, string][] = [
      ['POST', `/api/rounds/${id}/inputs`, `{"subjects":[{"id":"a","input":{"实绩":${nested}}}]}`],
      ['PUT', `/api/rounds/${id}/roster`, `{"members":[{"id":"a","status":"take","display":{"x":${nested}}}]}`],
      ['POST', `/api/rounds/${id}/amendments`, `{"subject":"a","input":{"实绩":${nested}},"reason":"r"}`],
      ['POST', '/api/rounds', `{"scheme":"${SCHEME}","period":"2027-Q1","name":${nested}}`],
      ['POST', '/api/subjects/import', `{"scheme":"${SCHEME}","results":${nested}}`],
      ['POST', '/api/accounts', `{"name":"x","roles":${nested}}`],
      ['PATCH', '/api/accounts/1', `{"units":${nested}}`],
      ['PUT', '/api/webhook', `{"url":${nested},"secret":"s"}`],
      ['POST', '/api/tokens', `{"account":${nested}}`],
    ];
    for (const [method, path, body] of bodies) {
      const admin = /accounts|webhook|tokens/.test(path);
      const r = await call(f.app, method, path, { token: admin ? f.tokens.A.admin : f.tokens.A.author, body });
      expect([path, r.status, r.body?.error?.code], r.text).toEqual([path, 400, 'invalid_request']);
      expect(r.body.error.details).toMatchObject([{ path: '' }]);
      expect(r.body.error.message).toContain('64');
    }
    // 64 levels are fine (the value is then refused for what it is, not for its depth).
    const r = await api('POST', `/api/rounds/${id}/inputs`, `{"subjects":[{"id":"a","input":{"实绩":${deep(60)}}}]}`);
    expect(r.status, r.text).toBe(422);
  });
});

describe('a round out of date', () => {
  it('is refused 公示 and final (409 round_out_of_date) until evaluated again', async () => {
    const id = await evaluated('2025-Q1');
    // The flag an amendment of a rolled-up round sets (amend.ts rollingUp; rounds-amend.test.ts).
    const flag = async () => (await f.store.run('UPDATE rounds SET out_of_date = 1 WHERE id = ?', [id]));
    await flag();
    const pub = await api('POST', `/api/rounds/${id}/publicize`, { until: inDays(10) });
    expect([pub.status, pub.body.error?.code]).toEqual([409, 'round_out_of_date']);
    await ok(api('POST', `/api/rounds/${id}/evaluate`), 200);
    await ok(api('POST', `/api/rounds/${id}/publicize`, { until: inDays(10) }), 200);
    // Flagged during 公示: finalize refuses it (a refresh amendment brings it up to date).
    await flag();
    await endPublicity(f, id);
    const fin = await api('POST', `/api/rounds/${id}/finalize`);
    expect([fin.status, fin.body.error?.code]).toEqual([409, 'round_out_of_date']);
    expect((await results(id)).every((r) => r.final === 0)).toBe(true);
  });
});

describe('one result per person, scheme and period', () => {
  it('no second round of the same scheme, period and unit once one is in 公示 or final (409 round_exists naming it); nothing stored', async () => {
    const first = await evaluated('2024-Q1');
    // A draft may coexist (a round made on an outdated version must not block the period) …
    const draft = (await ok(api('POST', '/api/rounds', { scheme: SCHEME, period: '2024-Q1', name: '草稿' }), 201)).id;
    await ok(api('POST', `/api/rounds/${first}/publicize`, { until: inDays(10) }), 200);
    // … but once one is announced, another is refused.
    const before = ((await f.store.get('SELECT count(*) AS n FROM rounds')) as { n: number }).n;
    const again = await call(f.app, 'POST', '/api/rounds?lang=zh', { token: f.tokens.A.author, body: { scheme: SCHEME, period: '2024-Q1' } });
    expect([again.status, again.body.error.code]).toEqual([409, 'round_exists']);
    expect(again.body.error.details).toMatchObject([{ path: 'period', round: first }]);
    expect(again.body.error.message).toContain(first);
    expect(again.body.error.message).toContain('全部单位');
    expect(((await f.store.get('SELECT count(*) AS n FROM rounds')) as { n: number }).n).toBe(before);
    // Another unit, or another period, is another round.
    await ok(api('POST', '/api/rounds', { scheme: SCHEME, period: '2024-Q1', unit: '办公室' }), 201);
    await ok(api('POST', '/api/rounds', { scheme: SCHEME, period: '2024-Q2' }), 201);
    expect(draft).not.toBe(first);
  });

  it('finalize refuses people who already have a final result for the period (another round or a unit round) — 409 result_exists', async () => {
    const whole = await evaluated('2024-Q3');
    const unit = await evaluated('2024-Q3', '办公室');
    await ok(api('POST', `/api/rounds/${whole}/publicize`, { until: inDays(10) }), 200);
    // Publicize refuses the second (rounds-one-result.test.ts); a database from before that check may
    // hold both in 公示: finalize checks again.
    expect((await api('POST', `/api/rounds/${unit}/publicize`, { until: inDays(10) })).body.error.code).toBe('result_exists');
    await f.store.run("UPDATE rounds SET status = 'publicity', publicity_until = ? WHERE id = ?", [inDays(10), unit]);
    await endPublicity(f, whole);
    await endPublicity(f, unit);
    await ok(api('POST', `/api/rounds/${whole}/finalize`), 200);
    const second = await api('POST', `/api/rounds/${unit}/finalize`);
    expect([second.status, second.body.error.code]).toEqual([409, 'result_exists']);
    expect(second.body.error.details.map((d: { subject: string; round: string }) => [d.subject, d.round])).toEqual([['a', whole], ['b', whole], ['c', whole]]);
    expect((await ok(api('GET', `/api/rounds/${unit}`), 200)).status).toBe('publicity');
    expect((await results(unit)).every((r) => r.final === 0)).toBe(true);
    const finals = (await f.store.get("SELECT count(*) AS n FROM subject_results WHERE period = '2024-Q3' AND final = 1 AND subject_id = 'a'")) as { n: number };
    expect(finals.n).toBe(1);
  });

  it('an import for a (subject, period) a round already has a result for is 409 result_exists; an imported result blocks publicize and finalize', async () => {
    const imp = (results: unknown[]) => api('POST', '/api/subjects/import', { scheme: SCHEME, results });
    const round = ((await f.store.get("SELECT round_id AS r FROM subject_results WHERE period = '2024-Q3' AND final = 1 LIMIT 1")) as { r: string }).r;
    const before = ((await f.store.get('SELECT count(*) AS n FROM subject_results')) as { n: number }).n;
    const clash = await imp([{ subject: 'z', period: '2024-Q3', grade: '称职' }, { subject: 'b', period: '2024-Q3', grade: '优秀' }]);
    expect([clash.status, clash.body.error.code]).toEqual([409, 'result_exists']);
    expect(clash.body.error.details).toMatchObject([{ path: 'results[1]', round }]);
    expect(((await f.store.get('SELECT count(*) AS n FROM subject_results')) as { n: number }).n).toBe(before);
    // Imported first, then a round of the same period: its finalize names the imported result.
    expect((await imp([{ subject: 'c', period: '2024-Q4', grade: '称职' }])).status).toBeLessThan(300);
    const id = await evaluated('2024-Q4');
    const pub = await api('POST', `/api/rounds/${id}/publicize`, { until: inDays(10) });
    expect([pub.status, pub.body.error.code]).toEqual([409, 'result_exists']);
    expect(pub.body.error.details).toMatchObject([{ subject: 'c', round: null, imported: true }]);
    // In 公示 from before that check: finalize refuses it too.
    await f.store.run("UPDATE rounds SET status = 'publicity', publicity_until = ? WHERE id = ?", [inDays(10), id]);
    await endPublicity(f, id);
    const fin = await api('POST', `/api/rounds/${id}/finalize`);
    expect([fin.status, fin.body.error.code]).toEqual([409, 'result_exists']);
    expect(fin.body.error.details).toMatchObject([{ subject: 'c', round: null, imported: true }]);
  });
});

describe('公示 cut short', () => {
  it('publicize again may extend 公示, not shorten it (409 publicity_shortened)', async () => {
    const id = await evaluated('2023-Q1');
    await ok(api('POST', `/api/rounds/${id}/publicize`, { until: inDays(10) }), 200);
    const shorter = await api('POST', `/api/rounds/${id}/publicize`, { until: inDays(5) });
    expect([shorter.status, shorter.body.error.code]).toEqual([409, 'publicity_shortened']);
    expect((await ok(api('GET', `/api/rounds/${id}`), 200)).publicityUntil).toBe(inDays(10));
    expect((await ok(api('POST', `/api/rounds/${id}/publicize`, { until: inDays(10) }), 200)).publicityUntil).toBe(inDays(10));
    expect((await ok(api('POST', `/api/rounds/${id}/publicize`, { until: inDays(30) }), 200)).publicityUntil).toBe(inDays(30));
  });
});
