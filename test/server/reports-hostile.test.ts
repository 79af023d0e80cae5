// The papers routes against a hostile caller (issue 15, hostile F8–F10): a unit officer whose units
// have nobody in the round is refused (403 `unit_not_allowed`, like GET /api/statistics) instead of
// getting empty documents; a unit officer cannot tell another unit's person from an id nobody has
// (the same 404, word for word); without `?lang=` a paper is zh, and a `lang` the API does not take is
// 400 at `lang` as on every route (S10: it was the zh paper); `?format=` takes
// only the values its route lists (html/json, and xlsx for the 公示名单), anything else is 400 at
// `format` naming them.
// Scheme: schemes/quarterly-review.kaohe; two units, 办公室 (A01, A02) and 综合科 (B01).

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { accountToken, ok, QUARTERLY, withRoundsApp } from './rounds-helpers.js';

let f: Fixture;
let round: string;
let officer: string;
let outsider: string;

withRoundsApp(() => [QUARTERLY()], async (fx, rc) => {
  f = fx;
  const people = [
    { id: 'A01', unit: '办公室', name: '张三', input: { 实绩得分: 96, 测评票: [92, 93, 94] } },
    { id: 'A02', unit: '办公室', name: '王五', input: { 实绩得分: 94, 测评票: [90, 90, 93] } },
    { id: 'B01', unit: '综合科', name: '马六', input: { 实绩得分: 88, 测评票: [90, 91, 92] } },
  ];
  round = await rc.rostered('平时考核', '2026-Q1', people.map((p) => ({ id: p.id, unit: p.unit, status: 'take', display: { 姓名: p.name } })), { name: '一季度考核' });
  await ok(rc.inputs(round, { subjects: people.map((p) => ({ id: p.id, input: p.input })) }), 201);
  await ok(rc.evaluate(round), 200);
  officer = await accountToken(f, '综合科管理员', ['综合科'], ['evaluator']);
  outsider = await accountToken(f, '财务科管理员', ['财务科'], ['evaluator']);
});

const get = (path: string, token: string, headers: Record<string, string> = {}) => call(f.app, 'GET', path, { token, headers });
const chinese = /[\u4e00-\u9fff]/;

describe('a unit officer whose units have nobody in the round (F8)', () => {
  it.each([
    'feedback', 'papers/publicity', 'papers/publicity?format=xlsx', 'papers/register', 'papers/notice',
  ])('GET …/%s is 403 unit_not_allowed, not an empty file', async (what) => {
    const r = await get(`/api/rounds/${round}/${what}`, outsider);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('unit_not_allowed');
    expect(r.body.error.message).toMatch(chinese);
    expect(r.body.error.message).toContain('财务科');
    expect(r.body.error.message).toContain('一季度考核');
    expect(r.body.error.details[0].path).toBe('id');
  });

  it('says so in English with ?lang=en; an officer with people in the round still gets their file', async () => {
    const en = await get(`/api/rounds/${round}/feedback?lang=en`, outsider);
    expect(en.status).toBe(403);
    expect(en.body.error.message).toContain('nobody of your account\'s units');
    const mine = await get(`/api/rounds/${round}/papers/publicity`, officer, { accept: 'application/json' });
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.body)).toContain('马六');
  });
});

describe('another unit\'s person is the 404 of an unknown id (F9)', () => {
  it.each(['feedback', 'papers/register', 'papers/notice'])('…/%s/A01 (another unit) and …/%s/NOPE answer alike', async (what) => {
    const other = await get(`/api/rounds/${round}/${what}/A01`, officer);
    const none = await get(`/api/rounds/${round}/${what}/NOPE`, officer);
    expect(other.status).toBe(404);
    expect(none.status).toBe(404);
    expect(other.body.error.code).toBe(none.body.error.code);
    // the same words with the id swapped: nothing tells A01 exists
    expect(other.body.error.message.replace('A01', 'NOPE')).toBe(none.body.error.message);
    expect(JSON.stringify(other.body).replaceAll('A01', 'NOPE')).toBe(JSON.stringify(none.body));
    expect(none.body.error.message).toContain('不在考核批次“一季度考核”中你可查看的人员中');
    expect(none.body.error.message).toContain('综合科');
  });

  it('in English too; an all-unit account still reads a person not in the round', async () => {
    const en = await get(`/api/rounds/${round}/feedback/A01?lang=en`, officer);
    expect(en.status).toBe(404);
    expect(en.body.error.message).toContain('is not among the people of round `一季度考核` you may see');
    const all = await get(`/api/rounds/${round}/feedback/NOPE`, f.tokens.A.evaluator);
    expect(all.status).toBe(404);
    expect(all.body.error.message).toContain('“NOPE”不在考核批次“一季度考核”的最新结果中');
    expect((await get(`/api/rounds/${round}/feedback/B01`, officer)).status).toBe(200);
  });
});

describe('?lang= and ?format= (F10)', () => {
  it.each([
    'feedback/A01', 'feedback', 'papers/publicity', 'papers/register/A01', 'papers/register', 'papers/notice/A01', 'papers/notice',
  ])('…/%s?lang=xx is 400 at lang (S10), without lang the zh paper', async (what) => {
    const r = await get(`/api/rounds/${round}/${what}?lang=xx`, f.tokens.A.evaluator, { accept: 'application/json' });
    expect([r.status, r.body.error?.code]).toEqual([400, 'invalid_request']);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['lang']);
    const zh = await get(`/api/rounds/${round}/${what}`, f.tokens.A.evaluator, { accept: 'application/json' });
    expect(zh.status).toBe(200);
    expect(zh.body.lang).toBe('zh');
  });

  it.each([
    ['feedback/A01', 'xlsx'], ['feedback', 'xlsx'], ['papers/register/A01', 'pdf'], ['papers/notice', 'xlsx'], ['papers/publicity', 'pdf'],
  ])('…/%s?format=%s is 400 at format naming the allowed values', async (what, format) => {
    const r = await get(`/api/rounds/${round}/${what}?format=${format}`, f.tokens.A.evaluator);
    expect(r.status).toBe(400);
    const detail = r.body.error.details.find((d: { path: string }) => d.path === 'format');
    expect(detail).toBeDefined();
    const text = JSON.stringify(r.body.error);
    expect(text).toContain('html');
    expect(text).toContain('json');
    if (what === 'papers/publicity') expect(text).toContain('xlsx');
  });

  it('format=json answers the document and format=html the page on every route, whatever Accept says', async () => {
    for (const what of ['feedback/A01', 'feedback', 'papers/register/A01', 'papers/notice', 'papers/publicity']) {
      const json = await get(`/api/rounds/${round}/${what}?format=json`, f.tokens.A.evaluator, { accept: 'text/html' });
      expect(json.status, what).toBe(200);
      expect(json.headers.get('content-type'), what).toContain('application/json');
      expect(json.body.lang, what).toBe('zh');
      const html = await f.app.request(`/api/rounds/${round}/${what}?format=html`, { headers: { authorization: `Bearer ${f.tokens.A.evaluator}`, accept: 'application/json' } });
      expect(html.status, what).toBe(200);
      expect(html.headers.get('content-type'), what).toContain('text/html');
    }
  });

  it('the OpenAPI document lists each route\'s formats', async () => {
    const doc = (await get('/api/openapi.json', f.tokens.A.evaluator)).body;
    const formats = (path: string) => doc.paths[path].get.parameters.find((p: { name: string }) => p.name === 'format')?.schema?.enum;
    expect(formats('/api/rounds/{id}/feedback/{subject}')).toEqual(['html', 'json']);
    expect(formats('/api/rounds/{id}/papers/notice')).toEqual(['html', 'json']);
    expect(formats('/api/rounds/{id}/papers/publicity')).toEqual(['html', 'json', 'xlsx']);
  });
});
