// GET /api/schemes/:id/versions/:n/document (issue 15): the scheme in plain words as printable HTML
// (the papers' policy: no script, one hashed style) or, by Accept, the document model; `draft` and
// unpublished versions for authors only; a version with errors is 422 with its diagnostics; unknown
// versions and another organization's scheme are 404.

import { afterAll, describe, expect, it } from 'vitest';
import { call, enc, PROVINCE, PROVINCE_ID, publishedProvince, setup, type Fixture } from './helpers.js';

let f: Fixture;
const path = (n: string, q = '') => `/api/schemes/${enc(PROVINCE_ID)}/versions/${n}/document${q}`;
const JSON_ACCEPT = { accept: 'application/json' };

describe('the scheme document route', () => {
  afterAll(() => f?.close());

  it('answers a published version as HTML in Chinese by default', async () => {
    f = await setup();
    await publishedProvince(f);
    const res = await call(f.app, 'GET', path('1'), { token: f.tokens.A.evaluator, headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-language')).toBe('zh');
    expect(res.text).toContain('省直机关公务员年度绩效考核方案');
    expect(res.text).toContain('考核指标和权重');
    expect(res.text).not.toContain('<script');
  });

  it('gives the document model as JSON, in English with ?lang=en', async () => {
    const res = await call(f.app, 'GET', path('1', '?lang=en'), { token: f.tokens.A.evaluator, headers: JSON_ACCEPT });
    expect(res.status).toBe(200);
    expect(res.body.lang).toBe('en');
    expect(res.body.title).toBe('省直机关公务员年度绩效考核方案');
    const headings = res.body.pages[0].blocks.filter((b: { kind: string }) => b.kind === 'heading').map((b: { text: string }) => b.text);
    expect(headings).toContain('2. Indicators and weights');
  });

  it('a ?lang= the API does not take is 400 at lang, not a zh document nobody asked for (S10; was hostile15 F10)', async () => {
    for (const q of ['?lang=xx', '?lang=', '?lang=%1B', '?lang=fr']) {
      const res = await call(f.app, 'GET', path('1', q), { token: f.tokens.A.evaluator, headers: JSON_ACCEPT });
      expect([res.status, res.body.error?.code], q).toEqual([400, 'invalid_request']);
      expect(res.body.error.details.map((d: { path: string }) => d.path), q).toEqual(['lang']);
    }
    const html = await call(f.app, 'GET', path('1', '?lang=zh-CN'), { token: f.tokens.A.evaluator, headers: { accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-language')).toBe('zh');
    expect(html.text).toContain('考核指标和权重');
  });

  it('a draft is for authors; its document follows the draft', async () => {
    const changed = PROVINCE().replace('indicator 政治素质 weight 30%', 'indicator 政治素质 weight 25%').replace('indicator 出勤情况 weight 10%', 'indicator 出勤情况 weight 15%');
    const put = await call(f.app, 'PUT', `/api/schemes/${enc(PROVINCE_ID)}/draft`, { token: f.tokens.A.author, body: { source: changed } });
    expect(put.status).toBe(200);
    const doc = await call(f.app, 'GET', path('draft'), { token: f.tokens.A.author, headers: JSON_ACCEPT });
    expect(doc.status).toBe(200);
    const table = doc.body.pages[0].blocks.find((b: { kind: string; head?: string[] }) => b.kind === 'table' && b.head?.[0] === '指标');
    expect(table.rows.find((r: string[]) => r[0].endsWith('“政治素质”'))[1]).toBe('25%');
    // The header says which stored version this is, apart from the scheme's own version text.
    expect(doc.body.pages[0].subtitle).toBe('草稿（方案版本“2026.1”）');
    const two = await call(f.app, 'GET', path('2'), { token: f.tokens.A.author, headers: JSON_ACCEPT });
    expect(two.body.pages[0].subtitle).toBe('草稿（方案版本“2026.1”）');
    for (const n of ['draft', '2']) {
      const refused = await call(f.app, 'GET', path(n), { token: f.tokens.A.evaluator, headers: JSON_ACCEPT });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    const v1 = await call(f.app, 'GET', path('1'), { token: f.tokens.A.author, headers: JSON_ACCEPT });
    const v1table = v1.body.pages[0].blocks.find((b: { kind: string; head?: string[] }) => b.kind === 'table' && b.head?.[0] === '指标');
    expect(v1table.rows.find((r: string[]) => r[0].endsWith('“政治素质”'))[1]).toBe('30%');
    expect(v1.body.pages[0].subtitle).toBe('第1版（方案版本“2026.1”）');
    const en = await call(f.app, 'GET', path('1', '?lang=en'), { token: f.tokens.A.author, headers: JSON_ACCEPT });
    expect(en.body.pages[0].subtitle).toBe('Revision 1 (scheme version “2026.1”)');
  });

  it('a version with errors is 422 with its diagnostics', async () => {
    const broken = PROVINCE().replace('indicator 出勤情况 weight 10% = 100 - 缺勤天数 * 5', 'indicator 出勤情况 weight 10% = 100 - 缺勤天 * 5');
    const put = await call(f.app, 'PUT', `/api/schemes/${enc(PROVINCE_ID)}/draft`, { token: f.tokens.A.author, body: { source: broken } });
    expect(put.status).toBe(200);
    const res = await call(f.app, 'GET', path('draft', '?lang=zh'), { token: f.tokens.A.author, headers: JSON_ACCEPT });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_scheme');
    expect(res.body.error.message).toContain('有错误');
    expect(res.body.error.details.length).toBeGreaterThan(0);
    expect(res.body.error.details[0].code).toMatch(/^KH-C/);
  });

  it('unknown versions, bad version text and other organizations', async () => {
    expect((await call(f.app, 'GET', path('9'), { token: f.tokens.A.author, headers: JSON_ACCEPT })).status).toBe(404);
    expect((await call(f.app, 'GET', path('latest'), { token: f.tokens.A.author, headers: JSON_ACCEPT })).status).toBe(400);
    expect((await call(f.app, 'GET', path('1'), { token: f.tokens.B.author, headers: JSON_ACCEPT })).status).toBe(404);
    expect((await call(f.app, 'GET', path('1'))).status).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const res = await call(f.app, 'GET', '/api/openapi.json');
    const op = res.body.paths['/api/schemes/{id}/versions/{n}/document'];
    expect(op.get.responses['200'].content).toHaveProperty(['text/html']);
    expect(op.get.responses['200'].content).toHaveProperty(['application/json']);
  });
});
