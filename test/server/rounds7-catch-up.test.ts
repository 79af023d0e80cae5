// User trial U6 M-3 (issue 16, session 7): catching up past quarters in December. A round of a period
// that is over may record a 公示 already held (an end date in the past, with its first day and a
// reason: publicity-late.ts), shown with who entered it and when, and then be finalized at once; a
// trial round (open or evaluated) may be voided with a reason (void.ts), which deletes its rows,
// keeps a record and an audit entry, and frees its period for an import — whose 409 now says both
// ways out. A notice or 登记表 printed before final says so (U6 L-9). Real store, real HTTP through
// the app factory.

import { describe, expect, it } from 'vitest';
import { accountToken, codes, FIVE, ok, quarterScheme, today, withRoundsApp, type RoundsClient } from './rounds-helpers.js';
import { auditCommitted, call, type Fixture } from './helpers.js';

let f: Fixture, rc: RoundsClient;
withRoundsApp(() => [quarterScheme('季考', { quota: true })], (fx, c) => { f = fx; rc = c; });

const post = (path: string, body: unknown, lang: 'zh' | 'en' = 'zh', token = f.tokens.A.author) =>
  call(f.app, 'POST', `${path}?lang=${lang}`, { token, body });
const year = Number(today().slice(0, 4));
const records = async (round: string) => (await f.store.all('SELECT kind, detail, reason, at FROM round_records WHERE round_id = ? ORDER BY id', [round])) as
  { kind: string; detail: string; reason: string; at: string }[];

describe('a 公示 already held, recorded late (U6 M-3 a)', () => {
  it('a past end date alone is refused, saying how to record it; with from and reason it is recorded and final follows at once', async () => {
    const named = await accountToken(f, '王科长', null);
    const id = await rc.evaluated('季考', `${year - 1}-Q1`, FIVE, { name: '一季度平时考核' }, named);
    const until = `${year - 1}-04-15`;
    for (const lang of ['zh', 'en'] as const) {
      const r = await post(`/api/rounds/${id}/publicize`, { until }, lang, named);
      expect(r.status, r.text).toBe(422);
      expect(codes(r.body)).toEqual([['until', 'date_in_past']]);
      expect(r.body.error.message).toMatch(lang === 'zh' ? /已经结束：如需补录已经进行过的公示，请同时填写公示开始日期（`from`）和补录理由（`reason`/ : /send its first day `from` and a `reason`/);
    }
    const reason = '4月8日至15日已在县委组织部公示栏公示（纸质），12月补录';
    const pub = await ok(post(`/api/rounds/${id}/publicize`, { until, from: `${year - 1}-04-08`, reason }, 'zh', named), 200);
    expect(pub).toMatchObject({ status: 'publicity', publicityUntil: until, publicityRecord: { from: `${year - 1}-04-08`, until, reason, account: '王科长' } });
    expect(pub.publicityRecord.at.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    // During 公示 a notice or 登记表 says its result is not final (U6 L-9); the 公示名单 says when the
    // 公示 was held and that it was recorded late.
    const paper = (path: string) => ok(call(f.app, 'GET', `/api/rounds/${id}/papers/${path}`, { token: named, headers: { accept: 'application/json' } }), 200);
    expect((await paper('notice/a')).pages[0].title).toBe('考核结果通知书（公示期间，结果未最终确定）');
    expect((await paper('register/a?lang=en')).pages[0].title).toBe('Assessment registration form (during the public notice: the result is not final yet)');
    const list = JSON.stringify((await paper('publicity')).pages[0].blocks);
    const todayWords = today().replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日');
    expect(list).toContain(`公示期为${year - 1}年4月8日至${year - 1}年4月15日（含当日；${todayWords}补录）。`);
    const fin = await ok(post(`/api/rounds/${id}/finalize`, undefined, 'zh', named), 200);
    expect((await paper('notice/a')).pages[0].title).toBe('考核结果通知书');
    expect(fin).toMatchObject({ status: 'final', publicityRecord: { from: `${year - 1}-04-08`, reason } });
    expect((await ok(rc.get(id), 200)).publicityRecord.until).toBe(until);
    const [rec] = await records(id);
    expect(rec).toMatchObject({ kind: 'publicity_late', reason });
    expect(JSON.parse(rec.detail)).toEqual({ from: `${year - 1}-04-08`, until });
    // The record is append-only: what was entered late stays as entered.
    await expect(f.store.run('UPDATE round_records SET reason = ?', ['x'])).rejects.toThrow(/append-only/);
    await expect(f.store.run('DELETE FROM round_records')).rejects.toThrow(/append-only/);
  });

  it('refused for a period not over, a start after the end, a blank reason, from/reason with a running 公示, a round not evaluated', async () => {
    const running = await rc.evaluated('季考', `${year + 1}-Q1`, FIVE);
    const past = `${year - 1}-06-30`;
    const notOver = await post(`/api/rounds/${running}/publicize`, { until: past, from: `${year - 1}-06-20`, reason: '补录' });
    expect(codes(notOver.body)).toEqual([['until', 'date_in_past']]);
    expect(notOver.body.error.message).toMatch(/^公示结束日期.*已过.*考核期.*才结束，公示须从现在开始$/);
    const id = await rc.evaluated('季考', `${year - 1}-Q2`, FIVE);
    const after = await post(`/api/rounds/${id}/publicize`, { until: past, from: `${year - 1}-07-01`, reason: '补录' }, 'en');
    expect(codes(after.body)).toEqual([['from', 'invalid_date']]);
    expect(after.body.error.message).toMatch(/cannot start .* after it ends/);
    expect(codes((await post(`/api/rounds/${id}/publicize`, { until: past, from: `${year - 1}-02-30`, reason: '补录' })).body)).toEqual([['from', 'invalid_date']]);
    expect(codes((await post(`/api/rounds/${id}/publicize`, { until: past, from: `${year - 1}-06-20`, reason: '  ' })).body)).toEqual([['reason', 'invalid_reason']]);
    const notLate = await post(`/api/rounds/${id}/publicize`, { until: `${year + 1}-01-10`, reason: '补录' });
    expect(codes(notLate.body)).toEqual([['reason', 'not_late']]);
    expect(notLate.body.error.message).toMatch(/只需填写结束日期/);
    const open = (await ok(rc.create({ scheme: '季考', period: `${year - 1}-Q3` }), 201)).id as string;
    const r = await post(`/api/rounds/${open}/publicize`, { until: past, from: `${year - 1}-06-20`, reason: '补录' });
    expect([r.status, r.body.error.code]).toEqual([409, 'round_not_evaluated']);
    expect(await records(id)).toEqual([]);
    expect((await ok(rc.get(id), 200)).status).toBe('evaluated');
  });
});

describe('voiding a trial round (U6 M-3 b, c)', () => {
  it('an import over an evaluated round says how to get out; voiding it keeps a record and an audit entry and frees the period', async () => {
    const period = `${year - 1}-Q4`;
    const id = await rc.evaluated('季考', period, FIVE, { name: '四季度试算' });
    const rows = [{ subject: 'a', period, grade: '优秀', score: 95 }];
    for (const lang of ['zh', 'en'] as const) {
      const clash = await post('/api/subjects/import', { scheme: '季考', results: rows }, lang);
      expect([clash.status, clash.body.error.code]).toEqual([409, 'result_exists']);
      expect(clash.body.error.details[0]).toMatchObject({ path: 'results[0]', round: id });
      expect(clash.body.error.message).toContain(lang === 'zh' ? `请先作废考核批次“四季度试算”（\`POST /api/rounds/${id}/void\`` : `void round \`四季度试算\` (POST /api/rounds/${id}/void`);
    }
    const blank = await post(`/api/rounds/${id}/void`, { reason: ' ' });
    expect(codes(blank.body)).toEqual([['reason', 'invalid_reason']]);
    const officer = await accountToken(f, '一科科长', ['一科']);
    expect((await post(`/api/rounds/${id}/void`, { reason: '试算' }, 'zh', officer)).status).toBe(403);
    const reason = '试算批次，改为导入纸质结果';
    const v = await ok(post(`/api/rounds/${id}/void`, { reason }), 200);
    expect(v.voided).toMatchObject({ id, name: '四季度试算', scheme: '季考', version: 1, period, unit: null, status: 'evaluated', revision: 1, members: 5, reason });
    for (const table of ['rounds', 'round_members', 'input_parts', 'revisions', 'revision_facts', 'subject_results']) {
      const col = table === 'rounds' ? 'id' : 'round_id';
      expect(((await f.store.get(`SELECT count(*) AS n FROM ${table} WHERE ${col} = ?`, [id])) as { n: number }).n, table).toBe(0);
    }
    expect((await records(id)).map((r) => [r.kind, r.reason])).toEqual([['voided', reason]]);
    // The refusals before it are audited too, buffered (log.ts `record`): flushed first, since SQLite
    // answers without yielding to the event loop and would not have committed them yet.
    await auditCommitted(f.app);
    const audit = await f.store.all("SELECT action, target, status FROM audit_log WHERE action = 'round_void' ORDER BY status");
    expect(audit).toEqual([200, 403, 422].map((status) => ({ action: 'round_void', target: `round:${id}`, status })));
    const gone = await call(f.app, 'GET', `/api/rounds/${id}?lang=zh`, { token: f.tokens.A.author });
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toMatch(new RegExp(`^考核批次“四季度试算”已于.*作废，理由：${reason}$`));
    expect(await ok(post('/api/subjects/import', { scheme: '季考', results: rows }), 200)).toMatchObject({ imported: 1 });
  });

  it('refused once final (amend instead), and while another round read it', async () => {
    // In 公示 it may be voided since V11b HIGH-2 (rounds-publicity-h11.test.ts); final it may not.
    const id = await rc.evaluated('季考', `${year - 3}-Q1`, FIVE);
    await ok(post(`/api/rounds/${id}/publicize`, { until: `${year - 3}-04-15`, from: `${year - 3}-04-08`, reason: '纸质公示补录' }), 200);
    await ok(rc.finalize(id), 200);
    for (const lang of ['zh', 'en'] as const) {
      const r = await post(`/api/rounds/${id}/void`, { reason: '试算' }, lang);
      expect([r.status, r.body.error.code]).toEqual([409, 'round_not_voidable']);
      expect(r.body.error.message).toMatch(lang === 'zh' ? /已定稿，只有未评定、已评定或公示中的批次才能作废/ : /is final: only a round that is open, evaluated or in public notice can be voided/);
    }
    const read = await rc.evaluated('季考', `${year + 2}-Q2`, FIVE, { name: '被引用' });
    const reader = await rc.evaluated('季考', `${year + 2}-Q3`, FIVE, { name: '引用者' });
    await f.store.run('UPDATE revisions SET sources = ? WHERE round_id = ?', [JSON.stringify([{ roundId: read, revision: 1 }]), reader]);
    const r = await post(`/api/rounds/${read}/void`, { reason: '试算' });
    expect([r.status, r.body.error.code]).toEqual([409, 'round_in_use']);
    expect(r.body.error.message).toBe('考核批次“被引用”不能作废：考核批次引用者引用了它的结果');
    expect((await ok(rc.get(read), 200)).status).toBe('evaluated');
  });
});
