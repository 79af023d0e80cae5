// POST /api/whatif (issue 15): a stored round's inputs under a draft, another version or a text,
// through the HTTP API of a real SQLite file — who may, what is refused, and that nothing is stored.

import { describe, expect, it } from 'vitest';
import { WhatIfSchema } from '../../server/whatif/schemas.js';
import { ROSTER, scheme } from '../simulate/fixture.js';
import { call, enc, type Fixture } from './helpers.js';
import { accountToken, ok, roundCounts, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

const BEFORE = scheme();
const HEAVIER = scheme({ w1: '80%', w2: '20%' });
const SCHEME = '演示考核';

let f: Fixture;
let rc: RoundsClient;
let round: string;


withRoundsApp(() => [BEFORE], async (fx, client) => {
  f = fx; rc = client;
  round = await rc.evaluated(SCHEME, '2026', ROSTER, { name: '2026年度考核' });
});

const whatif = (body: unknown, token = f.tokens.A.author, query = '') => call(f.app, 'POST', `/api/whatif${query}`, { token, body });

const versions = async () => (await f.store.get<{ n: number }>('SELECT count(*) AS n FROM scheme_versions'))!.n;

describe('POST /api/whatif', () => {
  it('the round\'s own version: no changes; a heavier 业绩 weight in a text moves A2, A3, A4 into 优秀 in 甲科 and nobody in 乙科; nothing is stored', async () => {
    const before = { counts: await roundCounts(f, round), versions: await versions() };
    const same = await ok(whatif({ round, version: 1 }), 200);
    expect(same.changes).toEqual([]);
    expect(same.rules).toEqual([]);
    const w = await ok(whatif({ round, source: HEAVIER, lang: 'zh' }), 200);
    expect(WhatIfSchema.safeParse(w).success).toBe(true);
    const crossed = (unit: string) => w.changes.filter((c: any) => c.unit === unit && (c.before.grade === '优秀') !== (c.after.grade === '优秀')).map((c: any) => c.subject);
    expect(crossed('甲科')).toEqual(['A2', 'A3', 'A4']);
    expect(crossed('乙科')).toEqual([]);
    expect(w.units.map((u: any) => [u.unit, u.before['优秀'], u.after['优秀']])).toEqual([['甲科', 1, 4], ['乙科', 2, 2]]);
    expect(w.rules.map((r: any) => `${r.kind} ${r.name}`)).toEqual(['indicator 业绩分', 'indicator 测评分']);
    expect(w.changes.find((c: any) => c.subject === 'A2').reason).toContain('等次由“称职”变为“优秀”');
    expect(w.scheme.before).toMatchObject({ id: SCHEME, version: 1 });
    expect({ counts: await roundCounts(f, round), versions: await versions() }).toEqual(before);
    // Audited as a read of the round (it shows everyone's inputs and results).
    const logged = await f.store.get("SELECT action, target FROM audit_log WHERE target = 'round:' || ? AND action = 'read' ORDER BY id DESC LIMIT 1", [round]);
    expect(logged).toEqual({ action: 'read', target: `round:${round}` });
  });

  it('the open draft (`version: "draft"`), and 404 when there is none or the version does not exist', async () => {
    await ok(whatif({ round, version: 'draft' }), 404);
    await ok(whatif({ round, version: 7 }), 404);
    await ok(call(f.app, 'PUT', `/api/schemes/${enc(SCHEME)}/draft`, { token: f.tokens.A.author, body: { source: scheme({ threshold: 1 }) } }), 200);
    const w = await ok(whatif({ round, version: 'draft' }), 200);
    expect(w.rules.map((r: any) => `${r.kind} ${r.name}`)).toEqual(['item 负面.违反纪律']);
    const b1 = w.changes.find((c: any) => c.subject === 'B1');
    expect(b1).toMatchObject({ direction: 'down', before: { grade: '优秀' }, after: { grade: '称职', score: 85 } });
    expect(b1.items[0]).toMatchObject({ kind: 'negative', item: '违反纪律', after: { line: 15 } });
  });

  it('pages: limit and cursor, the summary complete on every page; a bad cursor is 422 at `cursor`', async () => {
    const first = await ok(whatif({ round, source: HEAVIER, limit: 2 }), 200);
    expect(first.changes.length).toBe(2);
    const second = await ok(whatif({ round, source: HEAVIER, limit: 2, cursor: first.next }), 200);
    expect(second.changes[0].subject).not.toBe(first.changes[0].subject);
    expect(second.summary).toEqual(first.summary);
    const bad = await ok(whatif({ round, source: HEAVIER, cursor: '999' }), 422);
    expect(bad.error.code).toBe('invalid_cursor');
    expect(bad.error.details[0].path).toBe('cursor');
  });

  it('a text with errors: 422 with its diagnostics in the reader\'s language; failing examples: 422 `failing_examples`', async () => {
    const broken = await ok(whatif({ round, source: HEAVIER.replace('= 业绩\n', '= 业绩分数\n') }, f.tokens.A.author, '?lang=zh'), 422);
    expect(broken.error.code).toBe('invalid_scheme');
    expect(broken.error.details.length).toBeGreaterThan(0);
    expect(broken.error.details[0].code).toMatch(/^KH-/);
    expect(broken.error.message).toBe('方案文本有错误');
    expect(broken.error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
    const failing = HEAVIER.replace(/}\n$/, '  example 错 {\n    given { 单位: "甲科", 业绩: 100, 测评得分: 100 }\n    expect score == 1\n  }\n}\n');
    const ex = await ok(whatif({ round, source: failing }), 422);
    expect(ex.error.code).toBe('failing_examples');
  });

  it('inputs the simulated version needs that the round never had: 422 `invalid_input`, each person by path', async () => {
    const needs = BEFORE.replace('违纪: integer in [0, 10] = 0', '违纪: integer in [0, 10] = 0\n    加分: number in [0, 5]').replace('= 业绩\n', '= 业绩 + 加分\n');
    const r = await ok(whatif({ round, source: needs }), 422);
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.details.length).toBe(10);
    expect(r.error.details[0]).toMatchObject({ subject: 'A1' });
    expect(r.error.details[0].path).toContain('加分');
  });

  it('who may: authors only (evaluator 403), not unit officers (403), the round\'s organization only (404)', async () => {
    expect((await ok(whatif({ round, version: 1 }, f.tokens.A.evaluator), 403)).error.code).toBe('forbidden');
    const officer = await accountToken(f, 'whatif-unit-officer', ['甲科']);
    expect((await ok(whatif({ round, version: 1 }, officer), 403)).error.code).toBe('unit_not_allowed');
    await ok(whatif({ round, version: 1 }, f.tokens.B.author), 404);
    await ok(whatif({ round: 'no-such-round', version: 1 }), 404);
  });

  it('exactly one of version and source (400); a round never evaluated is 409 `round_not_evaluated`', async () => {
    await ok(whatif({ round, version: 1, source: HEAVIER }), 400);
    await ok(whatif({ round }), 400);
    const fresh = await rc.rostered(SCHEME, '2027', [{ id: 'A1', unit: '甲科', status: 'take' }]);
    const r = await ok(whatif({ round: fresh, version: 1 }, f.tokens.A.author, '?lang=zh'), 409);
    expect(r.error.code).toBe('round_not_evaluated');
    expect(r.error.message).toContain('尚未评定');
  });

  it('a text of another scheme than the round\'s: 422 `scheme_mismatch` naming both (officer #3)', async () => {
    const r = await ok(whatif({ round, source: HEAVIER.replace('scheme 演示考核', 'scheme 乡镇站所考核') }, f.tokens.A.author, '?lang=zh'), 422);
    expect(r.error.code).toBe('scheme_mismatch');
    expect(r.error.message).toContain('该考核批次属于方案“演示考核”，所给方案为“乡镇站所考核”');
  });

  it('both `version` and `source`: the detail in the reader\'s language (officer #4)', async () => {
    const r = await ok(whatif({ round, version: 1, source: HEAVIER }, f.tokens.A.author, '?lang=zh'), 400);
    expect(r.error.code).toBe('invalid_request');
    expect(r.error.message).toBe('请求体不符合接口定义');
    expect(r.error.details[0]).toMatchObject({ path: 'version' });
    expect(r.error.details[0].message).toBe('“version”和“source”须给出其中一个，且只能给一个');
  });

  it('versions: the system number n on both sides and the scheme\'s own `version` text apart; rules and reasons by their labels, scores at the precision (officer #7, #11)', async () => {
    const text = scheme({ w1: '80%', w2: '20%', threshold: 1, version: '2027' });
    const w = await ok(whatif({ round, source: text, lang: 'zh' }), 200);
    expect(w.scheme.before).toMatchObject({ version: 1, label: '1' });
    expect(w.scheme.after).toMatchObject({ version: null, label: '2027' });
    expect(w.precision).toBe(2);
    const item = w.rules.find((r: any) => r.kind === 'item');
    expect(item.title).toBe('“负面清单”中的“违反工作纪律”事项');
    expect(item.after.text).toContain('负面清单');
    const b1 = w.changes.find((c: any) => c.subject === 'B1');
    expect(b1.reason).toContain('得分 90.00 → ');
    expect(b1.reason).toContain('“违反工作纪律”事项');
    expect(b1.reason).not.toContain('负面.违反纪律');
    const draft = await ok(whatif({ round, version: 'draft' }), 200);
    expect(draft.scheme.after.version).toBe(2);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await ok(call(f.app, 'GET', '/api/openapi.json', { token: f.tokens.A.author }), 200);
    expect(Object.keys(doc.paths['/api/whatif'])).toEqual(['post']);
    expect(doc.components.schemas.WhatIf).toBeDefined();
  });
});
