// A corpus of malformed and invalid requests: every one must get its 4xx with the API.md error
// body — never a 500, never a bare text body.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, enc, isErrorBody, PROVINCE, PROVINCE_ID, publishedProvince, setup, singleCase, type Fixture, rowsIn } from './helpers.js';

let f: Fixture;
beforeAll(async () => {
  f = await setup({ maxBodyBytes: 256 * 1024 });
  await publishedProvince(f);
});
afterAll(() => f.close());

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
const subject = () => singleCase().subject!;
const withInput = (patch: Record<string, unknown>) => ({ id: 'X1', input: { ...subject().input, ...patch } });

interface Bad { name: string; method: string; path: string; body?: unknown; headers?: Record<string, string>; status: number; token?: string | null }

const deep = '['.repeat(50_000) + ']'.repeat(50_000);
const big = { source: 'x'.repeat(300 * 1024) };

const CORPUS: Bad[] = [
  // ---- malformed JSON and wrong media types
  { name: 'unterminated JSON', method: 'POST', path: '/api/schemes', body: '{', status: 400 },
  { name: 'JSON with a hole', method: 'POST', path: '/api/schemes', body: '{"source": }', status: 400 },
  { name: 'trailing comma', method: 'POST', path: '/api/schemes', body: '{"source": "x",}', status: 400 },
  { name: 'single quotes', method: 'POST', path: '/api/schemes', body: "{'source': 'x'}", status: 400 },
  { name: 'empty JSON body', method: 'POST', path: '/api/schemes', body: '', headers: { 'content-type': 'application/json' }, status: 400 },
  { name: 'NaN literal', method: 'POST', path: `${S}/evaluate`, body: '{"id": "a", "input": {"缺勤天数": NaN}}', status: 400 },
  { name: 'text/plain body', method: 'POST', path: '/api/schemes', body: JSON.stringify({ source: 'x' }), headers: { 'content-type': 'text/plain' }, status: 415 },
  { name: 'form body', method: 'POST', path: '/api/check', body: 'source=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415 },
  { name: 'xml body', method: 'POST', path: '/api/format', body: '<source/>', headers: { 'content-type': 'application/xml' }, status: 415 },
  { name: 'deeply nested JSON', method: 'POST', path: '/api/check', body: deep, status: 400 },
  { name: 'body over the limit', method: 'POST', path: '/api/check', body: big, status: 413 },
  { name: 'cohort over the limit', method: 'POST', path: `${S}/evaluate`, body: { subjects: Array.from({ length: 1000 }, (_, i) => ({ ...subject(), id: `S${i}` })) }, status: 413 },
  // ---- request shapes
  { name: 'null body', method: 'POST', path: '/api/schemes', body: 'null', status: 400 },
  { name: 'array body', method: 'POST', path: '/api/schemes', body: [], status: 400 },
  { name: 'string body', method: 'POST', path: '/api/schemes', body: '"scheme"', status: 400 },
  { name: 'number body', method: 'POST', path: '/api/schemes', body: '42', status: 400 },
  { name: 'missing source', method: 'POST', path: '/api/schemes', body: {}, status: 400 },
  { name: 'numeric source', method: 'POST', path: '/api/schemes', body: { source: 5 }, status: 400 },
  { name: 'null source', method: 'POST', path: '/api/schemes', body: { source: null }, status: 400 },
  { name: 'array source', method: 'POST', path: '/api/schemes', body: { source: ['scheme'] }, status: 400 },
  { name: 'check without source', method: 'POST', path: '/api/check', body: { text: 'x' }, status: 400 },
  { name: 'check with object source', method: 'POST', path: '/api/check', body: { source: {} }, status: 400 },
  { name: 'format with unknown keywords', method: 'POST', path: '/api/format', body: { source: PROVINCE(), keywords: 'fr' }, status: 400 },
  { name: 'draft without source', method: 'PUT', path: `${S}/draft`, body: { src: 'x' }, status: 400 },
  { name: 'evaluate empty object', method: 'POST', path: `${S}/evaluate`, body: {}, status: 400 },
  { name: 'evaluate numeric id', method: 'POST', path: `${S}/evaluate`, body: { id: 1, input: {} }, status: 400 },
  { name: 'evaluate empty id', method: 'POST', path: `${S}/evaluate`, body: { id: '', input: {} }, status: 400 },
  { name: 'evaluate without input', method: 'POST', path: `${S}/evaluate`, body: { id: 'a' }, status: 400 },
  { name: 'evaluate array input', method: 'POST', path: `${S}/evaluate`, body: { id: 'a', input: [] }, status: 400 },
  { name: 'evaluate null input', method: 'POST', path: `${S}/evaluate`, body: { id: 'a', input: null }, status: 400 },
  { name: 'evaluate string input', method: 'POST', path: `${S}/evaluate`, body: { id: 'a', input: 'x' }, status: 400 },
  { name: 'empty cohort', method: 'POST', path: `${S}/evaluate`, body: { subjects: [] }, status: 400 },
  { name: 'cohort not an array', method: 'POST', path: `${S}/evaluate`, body: { subjects: {} }, status: 400 },
  { name: 'cohort of numbers', method: 'POST', path: `${S}/evaluate`, body: { subjects: [1, 2] }, status: 400 },
  { name: 'cohort subject without input', method: 'POST', path: `${S}/evaluate`, body: { subjects: [{ id: 'a' }] }, status: 400 },
  { name: 'both single and cohort', method: 'POST', path: `${S}/evaluate`, body: { ...subject(), subjects: [subject()] }, status: 400 },
  { name: 'unknown envelope field', method: 'POST', path: `${S}/evaluate`, body: { ...subject(), explain: true }, status: 400 },
  { name: 'new token with unknown role', method: 'POST', path: '/api/tokens', body: { role: 'root' }, status: 400, token: 'admin' },
  { name: 'new token with extra field', method: 'POST', path: '/api/tokens', body: { role: 'author', org: 'B' }, status: 400, token: 'admin' },
  // ---- query, path and header parameters
  { name: 'version 0', method: 'POST', path: `${S}/evaluate?version=0`, body: subject(), status: 400 },
  { name: 'version word', method: 'POST', path: `${S}/evaluate?version=latest`, body: subject(), status: 400 },
  { name: 'negative version', method: 'POST', path: `${S}/evaluate?version=-1`, body: subject(), status: 400 },
  { name: 'fractional version', method: 'POST', path: `${S}/evaluate?version=1.5`, body: subject(), status: 400 },
  { name: 'huge version', method: 'POST', path: `${S}/evaluate?version=99999999999`, body: subject(), status: 400 },
  { name: 'explain=maybe', method: 'POST', path: `${S}/evaluate?explain=maybe`, body: subject(), status: 400 },
  { name: 'idempotency key too long', method: 'POST', path: `${S}/evaluate`, body: subject(), headers: { 'idempotency-key': 'k'.repeat(300) }, status: 400 },
  { name: 'idempotency key with a space', method: 'POST', path: `${S}/evaluate`, body: subject(), headers: { 'idempotency-key': 'a b' }, status: 400 },
  { name: 'version path 0', method: 'GET', path: `${S}/versions/0`, status: 400 },
  { name: 'version path word', method: 'GET', path: `${S}/versions/abc`, status: 400 },
  { name: 'scheme id too long', method: 'GET', path: `/api/schemes/${'x'.repeat(300)}`, status: 400 },
  { name: 'replay=2', method: 'GET', path: '/api/evaluations/ev_x?replay=2', status: 400 },
  // ---- absent things
  { name: 'unknown scheme', method: 'GET', path: '/api/schemes/nope', status: 404 },
  { name: 'evaluate unknown scheme', method: 'POST', path: '/api/schemes/nope/evaluate', body: subject(), status: 404 },
  { name: 'draft of unknown scheme', method: 'PUT', path: '/api/schemes/nope/draft', body: { source: PROVINCE() }, status: 404 },
  { name: 'publish unknown scheme', method: 'POST', path: '/api/schemes/nope/publish', status: 404 },
  { name: 'absent version', method: 'GET', path: `${S}/versions/99`, status: 404 },
  { name: 'evaluate absent version', method: 'POST', path: `${S}/evaluate?version=99`, body: subject(), status: 404 },
  { name: 'unknown evaluation', method: 'GET', path: '/api/evaluations/ev_nope', status: 404 },
  { name: 'revoke unknown token', method: 'DELETE', path: '/api/tokens/tok_nope', status: 404, token: 'admin' },
  { name: 'unknown /api route', method: 'GET', path: '/api/nothing', status: 404 },
  { name: 'unknown method on a route', method: 'DELETE', path: '/api/schemes', status: 405 },
  { name: 'PATCH a draft', method: 'PATCH', path: `${S}/draft`, body: { source: 'x' }, status: 405 },
  { name: 'unknown page', method: 'GET', path: '/nothing/here', status: 404, token: null },
  { name: 'bad percent-encoding', method: 'GET', path: '/api/schemes/%E0%A4%A', status: 404 },
  { name: 'sign-in without a code', method: 'GET', path: '/signin', status: 401, token: null },
  { name: 'sign-in with a bad code', method: 'GET', path: '/signin?code=khc_nope', status: 401, token: null },
  // ---- conflicts and invalid content
  { name: 'scheme exists', method: 'POST', path: '/api/schemes', body: { source: PROVINCE() }, status: 409 },
  { name: 'publish without a draft', method: 'POST', path: `${S}/publish`, status: 409 },
  { name: 'source without a scheme', method: 'POST', path: '/api/schemes', body: { source: '' }, status: 422 },
  { name: 'draft renames the scheme', method: 'PUT', path: `${S}/draft`, body: { source: PROVINCE().replace(PROVINCE_ID, '另一个') }, status: 422 },
  { name: 'format a broken source', method: 'POST', path: '/api/format', body: { source: 'scheme { {' }, status: 422 },
  { name: 'input out of range', method: 'POST', path: `${S}/evaluate`, body: withInput({ 缺勤天数: -5 }), status: 422 },
  { name: 'input of the wrong type', method: 'POST', path: `${S}/evaluate`, body: withInput({ 缺勤天数: 'x' }), status: 422 },
  { name: 'input missing a field', method: 'POST', path: `${S}/evaluate`, body: { id: 'X2', input: { 缺勤天数: 1 } }, status: 422 },
  { name: 'input with __proto__', method: 'POST', path: `${S}/evaluate`, body: '{"id":"p","input":{"__proto__":{"admin":true}}}', status: 422 },
  { name: 'cohort with an invalid subject', method: 'POST', path: `${S}/evaluate`, body: { subjects: [subject(), { id: 'bad', input: { 缺勤天数: 999 } }] }, status: 422 },
];

describe('malformed requests', () => {
  it('has at least 50 cases', () => expect(CORPUS.length).toBeGreaterThanOrEqual(50));

  it.each(CORPUS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const token = c.token === null ? undefined : f.tokens.A[(c.token as 'admin' | undefined) ?? 'author'];
    const r = await call(f.app, c.method, c.path, { token, body: c.body, headers: c.headers });
    expect(r.status, r.text.slice(0, 500)).toBe(c.status);
    expect(isErrorBody(r.body), r.text.slice(0, 200)).toBe(true);
  });

  it('stored nothing for any of them', async () => {
    expect(await rowsIn(f, 'evaluations')).toBe(0);
  });
});
