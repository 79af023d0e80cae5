// User trial U6 M-9 and L-5 (issue 16, session 7): a round's per-person results as .xlsx — GET
// /api/rounds/:id/export?format=xlsx, the current revision (after an amendment), 序号 then the sheet
// the CLI writes (sheets/results.ts buildResults, the same function) with 单位 from the roster; a unit
// officer gets their units only. And who approved an amendment: the account, else the bearer token's
// name (byName); a quota reason names the other person with their name and id. Real store, real HTTP.

import { describe, expect, it } from 'vitest';
import type { CohortResult, SubjectInput } from '../../engine/api.js';
import { buildResults } from '../../sheets/results.js';
import { contractOf } from '../../sheets/scheme.js';
import { readXlsxRows } from '../../sheets/xlsx.js';
import { createToken } from '../../server/auth/tokens.js';
import { call, type Fixture } from './helpers.js';
import { accountToken, ok, quarterScheme, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

const SOURCE = quarterScheme('季核', { quota: true });
let f: Fixture, rc: RoundsClient;
withRoundsApp(() => [SOURCE], (fx, c) => { f = fx; rc = c; });

const PEOPLE = [['a', '张三', '一科', 95], ['b', '李四', '一科', 93], ['c', '王五', '二科', 91], ['d', '赵六', '二科', 80], ['e', '钱七', '二科', 70]] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function round(period: string): Promise<string> {
  const id = await rc.rostered('季核', period, PEOPLE.map(([id, name, unit]) => ({ id, unit, status: 'take', display: { 姓名: name } })), { name: `${period}平时考核` });
  await ok(rc.inputs(id, { subjects: PEOPLE.map(([id, , , v]) => ({ id, input: { 实绩: v } })) }), 201);
  await ok(rc.evaluate(id), 200);
  return id;
}

const workbook = async (path: string, token = f.tokens.A.evaluator) => {
  const res = await f.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  return { res, rows: res.status === 200 ? (await readXlsxRows(new Uint8Array(await res.arrayBuffer()))).map((r) => r.cells) : [] };
};

describe('GET /api/rounds/:id/export?format=xlsx (U6 M-9)', () => {
  it('the current results, one row per person: 序号, then the CLI’s sheet of the same revision, with 单位 after 姓名', async () => {
    const id = await round('2026-Q1');
    await ok(call(f.app, 'POST', `/api/rounds/${id}/amendments`, { token: f.tokens.A.author, body: { subject: 'd', input: { 实绩: 99 }, reason: '复核' } }), 201);
    const { res, rows } = await workbook(`/api/rounds/${id}/export?format=xlsx`);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="results.xlsx"; filename*=UTF-8''${encodeURIComponent('2026-Q1平时考核考核结果.xlsx')}`);
    // The same function the CLI and the batch page use, on the revision's own inputs and result.
    const rev = await ok(call(f.app, 'GET', `/api/rounds/${id}/revisions/2`, { token: f.tokens.A.author }), 200);
    const cli = buildResults({ contract: contractOf(SOURCE), subjects: rev.inputs.subjects as SubjectInput[], result: rev.result as CohortResult, locale: 'zh' }).sheets[0];
    const head = cli.columns.map((c) => c.header);
    const name = head.indexOf('姓名');
    expect(rows[0]).toEqual(['序号', ...head.slice(0, name + 1), '单位', ...head.slice(name + 1)]);
    expect(rows[0].slice(0, 4)).toEqual(['序号', '编号', '姓名', '单位']);
    expect(rows[0]).toEqual(expect.arrayContaining(['总分', '评定等次', '等次依据']));
    expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual(PEOPLE.map(([id, n, unit], i) => [i + 1, id, n, unit]));
    const score = rows[0].indexOf('总分'), grade = rows[0].indexOf('评定等次');
    // after the amendment: d 99 is 优秀 (rank 1), b 93 falls to 称职 past the quota of two
    expect(rows.slice(1).map((r) => [r[1], r[score], r[grade]])).toEqual([['a', 95, '优秀'], ['b', 93, '称职'], ['c', 91, '称职'], ['d', 99, '优秀'], ['e', 70, '称职']]);
    const en = await workbook(`/api/rounds/${id}/export?format=xlsx&lang=en`);
    expect(en.rows[0].slice(0, 4)).toEqual(['No.', 'id', '姓名', 'unit']);
    // The JSON export is unchanged without a format.
    expect((await ok(call(f.app, 'GET', `/api/rounds/${id}/export`, { token: f.tokens.A.evaluator }), 200)).format).toBeDefined();
  });

  it('a unit officer gets their units’ people only; before the first evaluation 409', async () => {
    const id = await round('2026-Q2');
    const officer = await accountToken(f, '一科科长', ['一科'], ['evaluator']);
    const { rows } = await workbook(`/api/rounds/${id}/export?format=xlsx`, officer);
    expect(rows.slice(1).map((r) => [r[1], r[3]])).toEqual([['a', '一科'], ['b', '一科']]);
    const open = (await ok(rc.create({ scheme: '季核', period: '2026-Q3' }), 201)).id as string;
    const r = await call(f.app, 'GET', `/api/rounds/${open}/export?format=xlsx&lang=zh`, { token: f.tokens.A.evaluator });
    expect([r.status, r.body.error.code]).toEqual([409, 'round_not_evaluated']);
  });
});

describe('who approved, and whom a quota reason names (U6 L-5)', () => {
  it('byName is a bearer token’s own name; the account when there is one; the other person by name and id', async () => {
    const id = await round('2026-Q4');
    const orgId = ((await f.store.get("SELECT id FROM organizations WHERE name = 'org-A'")) as { id: number }).id;
    const named = (await createToken(f.store, { orgId, roles: ['author'], name: '干部监督科' })).secret;
    const a = await ok(call(f.app, 'POST', `/api/rounds/${id}/amendments?lang=zh`, { token: named, body: { subject: 'c', input: { 实绩: 99 }, reason: '复核' } }), 201);
    expect(a.amendment).toMatchObject({ account: null, byName: '干部监督科', byKind: 'bearer' });
    expect(a.changes.find((c: { subject: string }) => c.subject === 'b').reason).toBe('落到“优秀”名额线以下（排名第 3，名额 2），降为“称职”；因“王五（c）”更正后的得分升到其之上');
    const en = await ok(call(f.app, 'POST', `/api/rounds/${id}/amendments?lang=en`, { token: await accountToken(f, '王科长', null), body: { subject: 'c', input: { 实绩: 90 }, reason: '复核' } }), 201);
    expect(en.amendment).toMatchObject({ account: '王科长', byName: null, byKind: 'bearer' });
    expect(en.changes.find((c: { subject: string }) => c.subject === 'b').reason).toMatch(/the corrected score of `王五 \(c\)` dropped below theirs$/);
    const detail = await ok(rc.get(id), 200);
    expect(detail.revisions.map((r: { byName: string | null; account: string | null }) => [r.byName, r.account])).toEqual([[null, null], ['干部监督科', null], [null, '王科长']]);
  });
});
