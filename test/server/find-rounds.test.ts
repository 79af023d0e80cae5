// GET /api/rounds and GET /api/rounds/:id/export (issue 14 item 7) against a real store: the
// list pages newest first through 3 pages with no duplicate or gap, filters by scheme, period,
// status and unit (the round's own or a roster member's), hides other organizations' rounds and
// answers bad queries 400; the export is one document in the form RoundExportSchema describes, with
// the inputs the current revision ran on, the parts sent since (pending) and its result as stored, scoped to a
// unit officer's units, and 404 for another organization's round.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoundExportSchema } from '../../server/rounds/export-schema.js';
import { call, cohortCase, enc, PROVINCE_ID, publishedProvince, removeTempDirs, setup, type Fixture } from './helpers.js';
import { expectThreePagesNewestFirst, ids, insertMember, insertPart, insertRevision, insertRound, unitOfficer, type Ids } from './find-seed.js';

let f: Fixture;
let i: Ids;
const made: string[] = []; // org A's rounds, oldest first
let foreign: string;
let exported: string;
let cohortResult: string;

const get = (path: string, token = f.tokens.A.evaluator) => call(f.app, 'GET', path, { token });

beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
  i = await ids(f, PROVINCE_ID);
  const seeds = [
    { period: '2025-Q1', status: 'final' }, { period: '2025-Q2', status: 'final' }, { period: '2025-Q3', status: 'publicity', unit: '办公室' },
    { period: '2025-Q4', status: 'evaluated' }, { period: '2026-Q1', status: 'open' }, { period: '2026-Q1', status: 'open', unit: '政务大厅' },
    { period: '2026', status: 'evaluated', name: '2026 年度' },
  ];
  for (const s of seeds) made.push(await insertRound(f, i, s));
  foreign = await insertRound(f, i, { org: i.orgB, period: '2025-Q1', status: 'final' });
  await insertMember(f, made[0], { id: 'A001', unit: '执法总队', position: 0 });
  // The export's round: a real cohort result, stored as revision 2 (revision 1 is older).
  const r = await call(f.app, 'POST', `/api/schemes/${enc(PROVINCE_ID)}/evaluate`, { token: f.tokens.A.evaluator, body: { subjects: cohortCase().subjects, period: '2026' } });
  if (r.status !== 201) throw new Error(r.text);
  cohortResult = ((await f.store.get('select result from evaluations where id = ?', [r.body.evaluationId])) as { result: string }).result;
  exported = made[6];
  await f.store.run('update rounds set revision = 2 where id = ?', [exported]);
  await insertMember(f, exported, { id: 'A001', unit: '执法总队', position: 0, display: { 姓名: '张三' } });
  await insertMember(f, exported, { id: 'B001', unit: '政务大厅', status: 'ungraded', countsInBase: false, position: 1 });
  await insertMember(f, exported, { id: 'C001', unit: null, status: 'absent', position: 2 });
  await insertPart(f, i, exported, 'A001', '缺勤天数', '3');
  await insertPart(f, i, exported, 'B001', '缺勤天数', '1');
  await insertPart(f, i, exported, 'A001', '缺勤天数', '0', 'attendance');
  await insertPart(f, i, exported, 'B001', '@decision', '{"grade":"优秀","reason":"党委会研究决定"}');
  await insertRevision(f, i, exported, 1, '{"old":true}', '{}');
  await insertRevision(f, i, exported, 2, cohortResult, '{"A001":{"score":"1769/20","base":"88","rewards":"9/20","deductions":"0"},"B001":{"score":"90"}}');
  // What revision 2 ran on (the parts above, the roster unit filling 单位); a part sent after it is pending.
  await f.store.run("update input_parts set at = '2000-01-01T00:00:00.000Z' where round_id = ?", [exported]);
  await f.store.run('update revisions set inputs = ? where round_id = ? and n = 2', [JSON.stringify({ subjects: [
    { id: 'A001', input: { 缺勤天数: 0, 单位: '执法总队' }, status: 'take' },
    { id: 'B001', input: { 缺勤天数: 1, 单位: '政务大厅' }, decision: { grade: '优秀', reason: '党委会研究决定' }, status: 'ungraded' },
  ] }), exported]);
  await insertPart(f, i, exported, 'A001', '工号', '12345678901234567890');
  await f.store.run("update input_parts set at = '2100-01-01T00:00:00.000Z' where round_id = ? and field = '工号'", [exported]);
}, 120_000);
afterAll(async () => { await f.close(); removeTempDirs(); });

describe('GET /api/rounds', () => {
  it('pages newest first through 3 pages, no duplicate, no gap', () => expectThreePagesNewestFirst((path) => get(path), '/api/rounds', 'rounds', made));

  it('summarizes a round', async () => {
    const r = await get('/api/rounds?period=2026');
    expect(r.body.rounds).toEqual([expect.objectContaining({
      id: exported, name: '2026 年度', scheme: PROVINCE_ID, version: 1, period: '2026', unit: null, status: 'evaluated', revision: 2, outOfDate: false, members: 3,
    })]);
  });

  it('filters by scheme, period, status and unit', async () => {
    const idsOf = async (q: string) => (await get(`/api/rounds${q}`)).body.rounds.map((x: { id: string }) => x.id);
    expect(await idsOf('?status=final')).toEqual([made[1], made[0]]);
    expect(await idsOf('?period=2026-Q1')).toEqual([made[5], made[4]]);
    expect(await idsOf(`?period=2026-Q1&unit=${enc('政务大厅')}`)).toEqual([made[5]]);
    // The round's own unit, or a roster member's.
    expect(await idsOf(`?unit=${enc('政务大厅')}`)).toEqual([made[6], made[5]]);
    expect(await idsOf(`?unit=${enc('执法总队')}&status=final`)).toEqual([made[0]]);
    expect(await idsOf(`?scheme=${enc(PROVINCE_ID)}&status=open`)).toEqual([made[5], made[4]]);
    expect(await idsOf('?scheme=nothing')).toEqual([]);
  });

  it("never lists another organization's rounds", async () => {
    expect((await get('/api/rounds?limit=500')).body.rounds.map((x: { id: string }) => x.id)).not.toContain(foreign);
    expect((await get('/api/rounds', f.tokens.B.evaluator)).body.rounds.map((x: { id: string }) => x.id)).toEqual([foreign]);
  });

  it('400 at the query path, never 500', async () => {
    const evalCursor = Buffer.from(JSON.stringify(['evaluations', 'ev_x'])).toString('base64url');
    for (const [q, path] of [['?status=done', 'status'], ['?limit=0', 'limit'], ['?limit=600', 'limit'], ['?cursor=xyz', 'cursor'], [`?cursor=${evalCursor}`, 'cursor']]) {
      const r = await get(`/api/rounds${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.details.map((d: { path: string }) => d.path), q).toContain(path);
    }
  });
});

describe('GET /api/rounds/:id/export', () => {
  it('one document: round, scheme, roster, newest part per field, decisions, current result', async () => {
    const r = await get(`/api/rounds/${exported}/export`);
    expect(r.status).toBe(200);
    const doc = RoundExportSchema.parse(r.body);
    expect(doc.round).toMatchObject({ id: exported, status: 'evaluated', period: '2026', revision: 2, outOfDate: false });
    const hash = ((await f.store.get('select hash from scheme_versions where id = ?', [i.versionId])) as { hash: string }).hash;
    expect(doc.scheme).toEqual({ id: PROVINCE_ID, version: 1, hash });
    expect(doc.members).toEqual([
      { id: 'A001', unit: '执法总队', status: 'take', countsInBase: true, display: { 姓名: '张三' } },
      { id: 'B001', unit: '政务大厅', status: 'ungraded', countsInBase: false, display: null },
      { id: 'C001', unit: null, status: 'absent', countsInBase: true, display: null },
    ]);
    // The inputs revision 2 ran on (F2 fix: not the newest parts), and a part sent since as pending.
    expect(doc.inputs.map((x) => [x.subject, x.input, x.decision])).toEqual([
      ['A001', { 缺勤天数: 0, 单位: '执法总队' }, null],
      ['B001', { 缺勤天数: 1, 单位: '政务大厅' }, { grade: '优秀', reason: '党委会研究决定' }],
    ]);
    expect(doc.pending.map((x) => [x.subject, x.input, x.decision])).toEqual([['A001', { 工号: 12345678901234567890 }, null]]);
    // Stored JSON spliced in as stored: every digit of a long number, the result byte for byte.
    expect(r.text).toContain('"工号":12345678901234567890');
    expect(r.text).toContain(`"result":${cohortResult}`);
    expect(doc.exact?.A001).toMatchObject({ score: '1769/20' });
  });

  it("a unit officer's export holds only their units' people", async () => {
    const officer = await unitOfficer(f, i, ['政务大厅']);
    const r = await get(`/api/rounds/${exported}/export`, officer);
    expect(r.status).toBe(200);
    const doc = RoundExportSchema.parse(r.body);
    expect(doc.scopedTo).toEqual(['政务大厅']);
    expect(doc.members.map((m) => m.id)).toEqual(['B001']);
    expect(doc.inputs.map((x) => x.subject)).toEqual(['B001']);
    expect(doc.result?.results.map((x) => x.cohort)).toEqual(cohortCase().subjects!.filter((s) => s.id === 'B001').map(() => '政务大厅'));
    expect(Object.keys(doc.exact ?? {})).toEqual(['B001']);
  });

  it('a round never evaluated exports no result; 404 for another organization or no such round', async () => {
    const open = (await get(`/api/rounds/${made[4]}/export`)).body;
    expect([open.result, open.exact, open.members, open.inputs]).toEqual([null, null, [], []]);
    expect(RoundExportSchema.safeParse(open).success).toBe(true);
    const other = await get(`/api/rounds/${foreign}/export`);
    expect([other.status, other.body.error.code]).toEqual([404, 'not_found']);
    const zh = await call(f.app, 'GET', '/api/rounds/rd_nothing/export?lang=zh', { token: f.tokens.A.evaluator });
    expect(zh.status).toBe(404);
    expect(zh.body.error.message).toBe('没有编号为“rd_nothing”的考核批次');
  });

  it('the OpenAPI document shows the export schema', async () => {
    const doc = (await call(f.app, 'GET', '/api/openapi.json')).body;
    expect(doc.components.schemas.RoundExport).toBeDefined();
    const ok = doc.paths['/api/rounds/{id}/export'].get.responses['200'].content['application/json'].schema;
    expect(ok.$ref).toBe('#/components/schemas/RoundExport');
  });
});
