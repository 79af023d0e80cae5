// The query string, one rule on every /api/ route (S10; server/query-params.ts). An HR system's trial
// found `?lang=fr` stored English results on evaluate, gave a zh paper, and was 400 only on
// input-schema; `?lang=zh&lang=en` chose the first value on some routes and the last on others; routes
// without query parameters ignored unknown ones; `?version=abc&lang=zh` had an English detail; and
// `audit?from=yesterday` did not say which forms are taken. Now: a `lang` the API does not take (any
// other value, an empty one, two different values) is 400 `invalid_request` at `lang` before any
// handler — in Accept-Language's language, else English — on a representative set of routes; every
// /api/ route refuses parameters it does not take; details are in the request's language.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, enc, PROVINCE_ID, publishedProvince, setup, singleCase, type Fixture, type Res } from './helpers.js';

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
let f: Fixture;
beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
});
afterAll(() => f.close());

const chinese = /[\u4e00-\u9fff]/;
const single = () => ({ id: singleCase().subject!.id, input: singleCase().subject!.input });
const codeOf = (r: Res) => [r.status, r.body?.error?.code];
const paths = (r: Res) => r.body.error.details.map((d: { path: string }) => d.path);

/** A representative route of each kind: [name, method, path (a query is appended), token]. */
const ROUTES = (): [string, string, string, string][] => [
  ['evaluate', 'POST', `${S}/evaluate`, f.tokens.A.evaluator],
  ['a paper (before the round is looked up)', 'GET', '/api/rounds/rd_none/feedback', f.tokens.A.evaluator],
  ['the scheme document', 'GET', `${S}/versions/1/document`, f.tokens.A.evaluator],
  ['input-schema', 'GET', `${S}/versions/1/input-schema`, f.tokens.A.evaluator],
  ['a GET list', 'GET', '/api/evaluations', f.tokens.A.evaluator],
  ['a route without query parameters', 'GET', '/api/me', f.tokens.A.evaluator],
  ['audit', 'GET', '/api/audit', f.tokens.A.admin],
];

const send = (method: string, path: string, token: string, headers: Record<string, string> = {}) =>
  call(f.app, method, path, { token, headers, ...(method === 'POST' && { body: single() }) });

/** How many evaluations org A has stored. */
const stored = async () => (await call(f.app, 'GET', '/api/evaluations?limit=500', { token: f.tokens.A.evaluator })).body.evaluations.length;

describe('`lang` the API does not take', () => {
  it.each(['fr', 'zh-', 'zhx', 'english', '', 'de-DE', '%1B', 'zh;en'])('?lang=%s is 400 invalid_request at lang on every kind of route, nothing stored', async (value) => {
    const before = await stored();
    for (const [name, method, path, token] of ROUTES()) {
      const r = await send(method, `${path}?lang=${value}`, token);
      expect(codeOf(r), `${name} ?lang=${value}`).toEqual([400, 'invalid_request']);
      expect(paths(r), name).toEqual(['lang']);
      expect(r.body.error.details[0].accepted, name).toEqual(['zh', 'en']);
    }
    expect(await stored()).toBe(before);
  }, 60_000);

  it('is refused in the language Accept-Language asks for, else English', async () => {
    for (const [name, method, path, token] of ROUTES()) {
      const zh = await send(method, `${path}?lang=fr`, token, { 'accept-language': 'zh-CN,zh;q=0.9' });
      expect(codeOf(zh), name).toEqual([400, 'invalid_request']);
      expect(zh.body.error.message, name).toMatch(chinese);
      expect(zh.body.error.details[0].message, name).toMatch(chinese);
      expect(zh.body.error.details[0].message, name).toContain('fr');
      expect(zh.headers.get('content-language'), name).toBe('zh');
      const en = await send(method, `${path}?lang=fr`, token);
      expect(en.body.error.details[0].message, name).not.toMatch(chinese);
      expect(en.body.error.details[0].message, name).toContain('`zh`');
      expect(en.headers.get('content-language'), name).toBe('en');
    }
  }, 60_000);

  // S10b: any repetition of `lang` is refused, the same value twice too (one rule for every
  // parameter: query-rule-s10b.test.ts).
  it('two values, different or the same, are 400 at lang on every kind of route', async () => {
    const before = await stored();
    for (const [name, method, path, token] of ROUTES()) {
      for (const q of ['lang=zh&lang=en', 'lang=en&lang=en-US&lang=en', 'lang=zh&lang=zh']) {
        const r = await send(method, `${path}?${q}`, token, { 'accept-language': 'en' });
        expect(codeOf(r), `${name} ${q}`).toEqual([400, 'invalid_request']);
        expect(paths(r), name).toEqual(['lang']);
        expect(r.headers.get('content-language'), name).toBe('en');
      }
    }
    expect(await stored()).toBe(before);
  }, 60_000);

  it('zh, en and their tags are taken, whatever the case', async () => {
    const schemaIn = async (q: string) => (await call(f.app, 'GET', `${S}/versions/1/input-schema?${q}`, { token: f.tokens.A.evaluator })).body;
    const schemas = { zh: await schemaIn('lang=zh'), en: await schemaIn('lang=en') };
    expect(schemas.zh).not.toEqual(schemas.en);
    for (const [value, locale] of [['zh-CN', 'zh'], ['ZH_tw', 'zh'], ['en-US', 'en'], ['EN', 'en']] as const) {
      expect(await schemaIn(`lang=${value}`), value).toEqual(schemas[locale]);
      const none = await call(f.app, 'GET', `/api/rounds/rd_none/feedback?lang=${value}`, { token: f.tokens.A.evaluator });
      expect(codeOf(none), value).toEqual([404, 'not_found']);
      expect(none.headers.get('content-language'), value).toBe(locale);
    }
  }, 60_000);

  it('the OpenAPI document states the rule on every route that declares `lang`', async () => {
    const doc = (await call(f.app, 'GET', '/api/openapi.json')).body as { info: { description: string }; paths: Record<string, Record<string, { parameters?: { name: string; in: string; description?: string; schema?: { type?: string } }[] }>> };
    expect(doc.info.description).toContain('400 `invalid_request`');
    let declared = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const lang = (op.parameters ?? []).find((p) => p.in === 'query' && p.name === 'lang');
        if (!lang) continue;
        declared++;
        expect(lang.description, `${method} ${template}`).toContain('400 `invalid_request`');
        expect(lang.description, `${method} ${template}`).not.toMatch(/gives zh|ignored|falls back/);
        expect(lang.schema?.type, `${method} ${template}`).toBe('string');
      }
    }
    expect(declared).toBeGreaterThanOrEqual(10);
  });
});

describe('query parameters a route does not take', () => {
  it('are refused on routes without query parameters too, naming each (zh and en)', async () => {
    for (const [method, path] of [['GET', '/api/me'], ['GET', '/api/schemes'], ['GET', `${S}/versions/1`], ['POST', '/api/check']] as const) {
      for (const lang of ['zh', 'en'] as const) {
        const r = await call(f.app, method, `${path}?verbose=1&lang=${lang}`, { token: f.tokens.A.author, ...(method === 'POST' && { body: { source: 'x' } }) });
        expect(codeOf(r), `${method} ${path}`).toEqual([400, 'unknown_parameter']);
        expect(paths(r)).toEqual(['verbose']);
        expect(r.body.error.details[0].message).toMatch(lang === 'zh' ? chinese : /^[^\u4e00-\u9fff]*$/);
      }
      const plain = await call(f.app, method, `${path}?lang=en`, { token: f.tokens.A.author, ...(method === 'POST' && { body: { source: 'x' } }) });
      expect(plain.status, `${method} ${path}`).toBe(200);
    }
  }, 60_000);

  it('are ignored outside /api/: the editor, /healthz, an odd lang', async () => {
    for (const path of ['/healthz?x=1', '/healthz?lang=fr', '/?utm_source=mail&lang=fr', '/?lang=zh&lang=en']) {
      const r = await call(f.app, 'GET', path);
      expect(r.status, path).toBe(200);
    }
  });
});

describe('details in the request\'s language', () => {
  it('?version=abc&lang=zh: the detail at version is zh (en with lang=en)', async () => {
    for (const [method, path] of [['GET', '/api/evaluations?version=abc'], ['POST', `${S}/evaluate?version=abc`], ['GET', `${S}/versions/abc`]] as const) {
      const zh = await call(f.app, method, `${path}${path.includes('?') ? '&' : '?'}lang=zh`, { token: f.tokens.A.evaluator, ...(method === 'POST' && { body: single() }) });
      expect(codeOf(zh), path).toEqual([400, 'invalid_request']);
      expect(zh.body.error.details[0].message, path).toMatch(chinese);
      expect(zh.body.error.details[0].message, path).not.toContain('[1-9]'); // the server's words, not a pattern
      const en = await call(f.app, method, `${path}${path.includes('?') ? '&' : '?'}lang=en`, { token: f.tokens.A.evaluator, ...(method === 'POST' && { body: single() }) });
      expect(en.body.error.details[0].message, path).toMatch(/version number/);
    }
  }, 60_000);

  it('audit ?from= / ?to= refusals name the forms taken, zh and en', async () => {
    for (const q of ['from=yesterday', 'to=2026-12-07T08:00', 'from=2026-12-07T08:00:00']) {
      for (const lang of ['zh', 'en'] as const) {
        const r = await call(f.app, 'GET', `/api/audit?${q}&lang=${lang}`, { token: f.tokens.A.admin });
        expect(codeOf(r), q).toEqual([400, 'invalid_request']);
        expect(paths(r), q).toEqual([q.split('=')[0]]);
        const words = r.body.error.details[0].message as string;
        expect(words, q).toContain('2026-12-07');
        expect(words, q).toContain('2026-12-07T08:00:00Z');
        expect(words, q).toMatch(lang === 'zh' ? chinese : /^[^\u4e00-\u9fff]*$/);
      }
    }
    for (const q of ['from=2026-12-07', 'to=2026-12-07T08:00:00Z', 'from=2026-12-07T16:00:00%2B08:00']) {
      expect((await call(f.app, 'GET', `/api/audit?${q}`, { token: f.tokens.A.admin })).status, q).toBe(200);
    }
  });
});
