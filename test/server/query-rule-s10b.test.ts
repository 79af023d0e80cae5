// The query string, round two (S10b, after the U10 integrator trial of S10's rule):
// - a list's period filter that is no period in any form is statistics' 422 `invalid_period`
//   (`expected`: the scheme's form when a scheme is named), a backwards range statistics' 422
//   `invalid_span` (server/period-filter.ts) — they were 200 with an empty list;
// - a parameter given more than once (`limit`, `version`, `explain`, `lang` — the same value too) is
//   400 `invalid_request` with one detail at each such name (server/query-params.ts);
// - the query rule runs where the route is known: a path no route has, or a method its path does not
//   take, answers as it does without the query (404, 405 with Allow, OPTIONS 204), and every route of
//   the OpenAPI document refuses `?lang=fr` before its handler;
// - a URL with raw Chinese (HPE_INVALID_URL) is told to percent-encode, a head over the limit
//   (HPE_HEADER_OVERFLOW) is told the limit, on the raw socket (server/node-server.ts);
// - `unknown_parameter` names the first 20 and says how many more.

import { maxHeaderSize } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { createToken, findOrCreateOrg } from '../../server/auth/tokens.js';
import { M } from '../../server/messages.js';
import { call, enc, PROVINCE_ID, publishedProvince, singleCase, type Fixture, type Res } from './helpers.js';
import { appWith, quarterScheme } from './rounds-helpers.js';
import { parserRefusals } from './socket-server.js';

const Q = '季度测试';
const S = `/api/schemes/${enc(PROVINCE_ID)}`;
let f: Fixture;
/** A token of org A holding every role: the route walk meets no 403 before the query rule. */
let all: string;
beforeAll(async () => {
  f = await appWith([quarterScheme(Q)]);
  await publishedProvince(f);
  all = (await createToken(f.store, { orgId: await findOrCreateOrg(f.store, 'org-A'), roles: ['admin', 'author', 'evaluator'] })).secret;
}, 120_000);
afterAll(() => f.close());

const chinese = /[\u4e00-\u9fff]/;
const noChinese = /^[^\u4e00-\u9fff]*$/;
const get = (path: string, headers: Record<string, string> = {}) => call(f.app, 'GET', path, { token: all, headers });
const codeOf = (r: Res) => [r.status, r.body?.error?.code];
const paths = (r: Res) => r.body.error.details.map((d: { path: string }) => d.path);
const single = () => ({ id: singleCase().subject!.id, input: singleCase().subject!.input });
const ALL_FORMS = '2026 | 2026-Q1 | 2026-03 | 2026-03-01..2026-06-30';

describe('a list\'s period filter: statistics\' refusals', () => {
  it.each([
    ['/api/evaluations?period=2026Q2', 'period', ALL_FORMS],
    [`/api/evaluations?scheme=${enc(Q)}&period=2026Q2`, 'period', '2026-Q1'],
    ['/api/rounds?period=2026-Q5', 'period', ALL_FORMS],
    [`/api/rounds?scheme=${enc(Q)}&period=2026-13`, 'period', '2026-Q1'],
    ['/api/subjects/G001/results?from=2026Q1', 'from', ALL_FORMS],
    [`/api/subjects/G001/results?scheme=${enc(Q)}&to=2026-Q0`, 'to', '2026-Q1'],
  ])('%s is 422 invalid_period at its parameter, expected the forms (zh and en)', async (path, at, expected) => {
    const found = new URL(path, 'http://x').searchParams.get(at);
    for (const lang of ['zh', 'en'] as const) {
      const r = await get(`${path}&lang=${lang}`);
      expect(codeOf(r), path).toEqual([422, 'invalid_period']);
      expect(paths(r)).toEqual([at]);
      expect(r.body.error.details[0]).toEqual(expect.objectContaining({ code: 'invalid_period', expected, found }));
      const words = r.body.error.details[0].message as string;
      expect(words).toContain(found);
      expect(words.replaceAll(Q, '')).toMatch(lang === 'zh' ? chinese : noChinese); // the scheme's name is Chinese
      if (expected === '2026-Q1') expect(words).toContain(Q);
    }
  });

  it.each([
    ['/api/subjects/G001/results?from=2026-Q3&to=2026-Q1'],
    ['/api/subjects/G001/results?from=2026&to=2025-12'],
    ['/api/audit?from=2026-12-07T08:00:00Z&to=2026-12-01'],
  ])('%s (the end before the start) is 422 invalid_span at to (zh and en)', async (path) => {
    for (const lang of ['zh', 'en'] as const) {
      const r = await get(`${path}&lang=${lang}`);
      expect(codeOf(r), path).toEqual([422, 'invalid_span']);
      expect(paths(r)).toEqual(['to']);
      expect(r.body.error.details[0].code).toBe('invalid_span');
      expect(r.body.error.details[0].message).toMatch(lang === 'zh' ? chinese : noChinese);
    }
  });

  it('periods of any form, a range of one period, an empty audit range, another kind than the scheme\'s: 200', async () => {
    for (const path of [
      '/api/evaluations?period=2026-Q2', '/api/evaluations?period=2026', `/api/evaluations?scheme=${enc(Q)}&period=2026`,
      '/api/rounds?period=2026-03-01..2026-06-30', `/api/rounds?scheme=${enc(Q)}&period=2026-03`,
      '/api/subjects/G001/results?from=2026-Q1&to=2026-Q1', '/api/subjects/G001/results?from=2026&to=2026-Q1',
      '/api/audit?from=2026-12-07&to=2026-12-07', '/api/audit?from=2026-12-01&to=2026-12-07T08:00:00Z',
    ]) expect((await get(path)).status, path).toBe(200);
  });
});

describe('a parameter given more than once', () => {
  it.each([
    ['GET', '/api/evaluations?limit=1&limit=1', ['limit']],
    ['GET', '/api/evaluations?version=1&scheme=x&version=1', ['version']],
    ['GET', '/api/evaluations?limit=1&period=2026&limit=2&period=2026', ['limit', 'period']],
    ['POST', `${S}/evaluate?explain=1&explain=0`, ['explain']],
    ['GET', `${S}/versions/1/input-schema?lang=zh&lang=zh`, ['lang']],
    ['GET', '/api/me?lang=en&lang=en', ['lang']],
    ['GET', '/api/rounds?status=open&status=final', ['status']],
  ] as const)('%s %s is 400 invalid_request, one detail at each name (zh and en)', async (method, path, names) => {
    const before = (await get('/api/evaluations?limit=500')).body.evaluations.length;
    for (const lang of ['zh', 'en'] as const) {
      const r = await call(f.app, method, path, { token: all, headers: { 'accept-language': lang }, ...(method === 'POST' && { body: single() }) });
      expect(codeOf(r), path).toEqual([400, 'invalid_request']);
      expect(paths(r), path).toEqual(names);
      for (const d of r.body.error.details as { path: string; message: string }[]) {
        expect(d.message).toContain(d.path);
        expect(d.message).toMatch(lang === 'zh' ? chinese : noChinese);
      }
      expect(r.headers.get('content-language')).toBe(lang);
    }
    expect((await get('/api/evaluations?limit=500')).body.evaluations.length).toBe(before);
  });

  it('an unknown parameter given twice is named once, as unknown', async () => {
    const r = await get('/api/evaluations?verbose=1&verbose=2&limit=1&limit=1');
    expect(codeOf(r)).toEqual([400, 'unknown_parameter']);
    expect(paths(r)).toEqual(['verbose']);
  });
});

describe('the query rule runs where the route is known', () => {
  it('a path no route has, a method its path does not take, OPTIONS: as without the query', async () => {
    for (const q of ['lang=fr', 'limit=1&limit=1', 'lang=zh&lang=en', 'nope=1']) {
      const none = await get(`/api/nothing?${q}`);
      expect(codeOf(none), q).toEqual([404, 'not_found']);
      const del = await call(f.app, 'DELETE', `/api/evaluations/ev_x?${q}`, { token: all });
      expect(codeOf(del), q).toEqual([405, 'method_not_allowed']);
      expect(del.headers.get('allow'), q).toBe((await call(f.app, 'DELETE', '/api/evaluations/ev_x', { token: all })).headers.get('allow'));
      const options = await call(f.app, 'OPTIONS', `/api/evaluations?${q}`, { token: all });
      expect(options.status, q).toBe(204);
    }
  });

  it('every route of the OpenAPI document refuses ?lang=fr (and a repeated parameter) before its handler', async () => {
    const doc = (await get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    let walked = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      if (!template.startsWith('/api/')) continue;
      const path = template.replace(/\{[^}]+\}/g, 'x');
      for (const method of Object.keys(ops)) {
        for (const q of ['lang=fr', 'lang=en&lang=en']) {
          const r = await call(f.app, method.toUpperCase(), `${path}?${q}`, { token: all });
          expect(codeOf(r), `${method} ${template}?${q}`).toEqual([400, 'invalid_request']);
          expect(paths(r), `${method} ${template}?${q}`).toEqual(['lang']);
        }
        walked++;
      }
    }
    expect(walked).toBeGreaterThanOrEqual(40);
  }, 120_000);
});

describe('unknown_parameter over 20 names', () => {
  it('names the first 20 and says how many more (zh and en)', async () => {
    const q = Array.from({ length: 25 }, (_, i) => `zz${i}=1`).join('&');
    const en = await get(`/api/me?${q}&lang=en`);
    expect(codeOf(en)).toEqual([400, 'unknown_parameter']);
    expect(en.body.error.details).toHaveLength(20);
    expect(en.body.error.message).toContain('5 more');
    const zh = await get(`/api/me?${q}&lang=zh`);
    expect(zh.body.error.message).toMatch(/另有\s*5\s*个/);
    const twenty = await get(`/api/me?${Array.from({ length: 20 }, (_, i) => `zz${i}=1`).join('&')}&lang=en`);
    expect(twenty.body.error.message).not.toContain('more');
  });
});

describe('raw socket: what the parser refuses, said per error', () => {
  const { raw } = parserRefusals();

  it.each(['/api/evaluations?subject=张三', '/api/schemes/平时考核'])('raw Chinese in %s: 400 malformed_request saying to percent-encode (zh and en)', async (url) => {
    const zh = await raw(`GET ${url} HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\n\r\n`);
    expect([zh.status, zh.body.error.code, zh.language]).toEqual([400, 'malformed_request', 'zh']);
    expect(zh.body.error.message).toBe(render(M.urlNotEncoded(), 'zh'));
    expect(zh.body.error.message).toContain('%E5%BC%A0%E4%B8%89');
    expect(zh.body.error.message).not.toContain('HPE_');
    const en = await raw(`GET ${url} HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n\r\n`);
    expect([en.status, en.language, en.body.error.message]).toEqual([400, 'en', render(M.urlNotEncoded(), 'en')]);
    expect(en.body.error.message).toMatch(/percent-encoded/);
  });

  it('a query over the header limit: 431 headers_too_large naming the limit (zh and en)', async () => {
    const url = `/api/evaluations?subject=${'a'.repeat(maxHeaderSize + 1024)}`;
    for (const lang of ['zh', 'en'] as const) {
      const r = await raw(`GET ${url} HTTP/1.1\r\nHost: x\r\nAccept-Language: ${lang}\r\n\r\n`);
      expect([r.status, r.body.error.code, r.language]).toEqual([431, 'headers_too_large', lang]);
      expect(r.body.error.message).toContain(String(maxHeaderSize / 1024));
      expect(r.body.error.message).toContain(String(maxHeaderSize));
      expect(r.body.error.message).not.toContain('HPE_');
      expect(r.body.error.message).toMatch(lang === 'zh' ? chinese : noChinese);
    }
  });
});
