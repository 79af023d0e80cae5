// Edge cases found by an audit: scheme names too long for the `:id` path parameter, exact paths in
// the 400 details of a malformed evaluate body, an input key `__proto__`, the cap on error details,
// lone UTF-16 surrogates in a source, and strict version numbers in the path.

import { describe, expect, it } from 'vitest';
import { cappedDetails, MAX_DETAILS } from '../../server/errors.js';
import { sourceHash } from '../../server/prepared.js';
import { call, enc, type Fixture, PROVINCE, PROVINCE_ID, singleCase, withPublishedProvince, rowsIn } from './helpers.js';

let f: Fixture;
withPublishedProvince((fixture) => (f = fixture));

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
const author = () => f.tokens.A.author;
const count = () => rowsIn(f, 'evaluations');
const named = (name: string) => PROVINCE().replace(PROVINCE_ID, name);

describe('scheme names and the :id path parameter', () => {
  it('refuses a name longer than 200 characters at create (422 scheme_name_too_long)', async () => {
    const r = await call(f.app, 'POST', '/api/schemes', { token: author(), body: { source: named('考'.repeat(201)) } });
    expect(r.status, r.text.slice(0, 300)).toBe(422);
    expect(r.body.error.code).toBe('scheme_name_too_long');
    const list = await call(f.app, 'GET', '/api/schemes', { token: author() });
    expect(list.body.schemes.map((s: { id: string }) => s.id)).toEqual([PROVINCE_ID]);
  });

  it('refuses a name longer than 200 characters in a draft (422 scheme_name_too_long)', async () => {
    const r = await call(f.app, 'PUT', `${S}/draft`, { token: author(), body: { source: named('核'.repeat(250)) } });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('scheme_name_too_long');
  });

  it('accepts a name of exactly 200 characters, which every :id route can address', async () => {
    const name = '长'.repeat(200);
    const r = await call(f.app, 'POST', '/api/schemes', { token: author(), body: { source: named(name) } });
    expect(r.status, r.text.slice(0, 300)).toBe(201);
    expect((await call(f.app, 'GET', `/api/schemes/${enc(name)}`, { token: author() })).status).toBe(200);
    expect((await call(f.app, 'GET', `/api/schemes/${enc(name)}/versions/1`, { token: author() })).status).toBe(200);
  });
});

describe('400 details of a malformed evaluate body name the exact path', () => {
  const cases: [string, unknown, string[]][] = [
    ['a cohort with a subject without input and one with an empty id',
      { subjects: [{ id: 'A', input: {} }, { id: 'B' }, { id: '', input: {} }] }, ['subjects[1].input', 'subjects[2].id']],
    ['a single subject without id', { input: {} }, ['id']],
    ['a numeric id', { id: 5, input: {} }, ['id']],
    ['a single subject without input', { id: 'a' }, ['input']],
    ['subjects not an array', { subjects: {} }, ['subjects']],
    ['a cohort of numbers', { subjects: [1] }, ['subjects[0]']],
  ];
  it.each(cases)('%s', async (_name, body, paths) => {
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
    expect(r.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([...paths].sort());
  });

  it('a body with both shapes is refused as a cohort with extra keys', async () => {
    const s = singleCase().subject!;
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { ...s, subjects: [s] } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
  });
});

describe('an input key __proto__', () => {
  // JSON text, since a JS object literal cannot carry an own `__proto__` key through JSON.stringify.
  const withProto = (id: string) => {
    const input = JSON.stringify(singleCase().subject!.input);
    return `{"id":${JSON.stringify(id)},"input":{"__proto__":{"x":1},${input.slice(1)}}`;
  };

  it('is the engine\'s 422 for a single subject, and nothing is stored', async () => {
    const before = await count();
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: withProto('P1') });
    expect(r.status, r.text.slice(0, 300)).toBe(422);
    expect(r.body.error.code).toBe('invalid_input');
    expect(r.body.error.details.some((d: { path?: string }) => d.path?.endsWith('__proto__'))).toBe(true);
    expect(await count()).toBe(before);
  });

  it('is the engine\'s 422 in a cohort, and nothing is stored', async () => {
    const before = await count();
    const ok = JSON.stringify({ ...singleCase().subject!, id: 'OK1' });
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: `{"subjects":[${ok},${withProto('P2')}]}` });
    expect(r.status, r.text.slice(0, 300)).toBe(422);
    expect(r.body.error.code).toBe('invalid_input');
    expect(r.body.error.details.some((d: { path?: string }) => d.path?.endsWith('__proto__'))).toBe(true);
    expect(await count()).toBe(before);
  });
});

describe('deeply nested input', () => {
  const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const withField = (id: string, value: string) => {
    const input = JSON.stringify(singleCase().subject!.input);
    return `{"id":${JSON.stringify(id)},"input":{"深":${value},${input.slice(1)}}`;
  };

  it.each([
    ['an unknown field', undefined],
    ['an unknown field, with an Idempotency-Key', 'deep-1'],
  ])('10,000 nested arrays in %s: 400 invalid_request, nothing stored', async (_name, key) => {
    const before = await count();
    const r = await call(f.app, 'POST', `${S}/evaluate`, {
      token: f.tokens.A.evaluator, body: withField('D1', nested(10_000)), headers: key ? { 'idempotency-key': key } : {},
    });
    expect(r.status, r.text.slice(0, 300)).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
    expect(await count()).toBe(before);
  });

  it('60 nested arrays (under the limit) in an unknown field: the engine\'s 422 with a short `found`', async () => {
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: withField('D2', nested(60)) });
    expect(r.status, r.text.slice(0, 300)).toBe(422);
    const d = r.body.error.details.find((x: { path?: string }) => x.path === '深');
    expect(d.found.length).toBeLessThanOrEqual(60);
  });

  it('brackets inside strings do not count', async () => {
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: withField('D3', JSON.stringify('['.repeat(10_000))) });
    expect(r.status, r.text.slice(0, 300)).toBe(422);
  });
});

describe('error details are capped', () => {
  it('keeps at most 1000 details and counts the rest in one last entry', () => {
    expect(cappedDetails(Array.from({ length: MAX_DETAILS }, (_, i) => i))).toHaveLength(MAX_DETAILS);
    const capped = cappedDetails(Array.from({ length: MAX_DETAILS + 7 }, (_, i) => i));
    expect(capped).toHaveLength(MAX_DETAILS + 1);
    expect(capped.at(-1)).toMatchObject({ omitted: 7, message: expect.any(String) });
  });

  it('a cohort of thousands of empty inputs: 999 problems, then a KH-E009 naming where checking stopped', async () => {
    const one = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { id: 'E', input: {} } });
    expect(one.status).toBe(422);
    const perSubject = one.body.error.details.length;
    expect(perSubject).toBeGreaterThan(0);
    const n = 3000;
    const before = await count();
    const r = await call(f.app, 'POST', `${S}/evaluate`, {
      token: f.tokens.A.evaluator,
      body: { subjects: Array.from({ length: n }, (_, i) => ({ id: `E${i}`, input: {} })) },
    });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('invalid_input');
    const details = r.body.error.details;
    expect(details).toHaveLength(MAX_DETAILS);
    const stopped = Math.floor((MAX_DETAILS - 1) / perSubject); // the subject whose problems went past 999
    expect(details.at(-1)).toMatchObject({ code: 'KH-E009', path: `subjects[${stopped}].input` });
    expect(details.slice(0, -1).every((d: { code: string }) => d.code !== 'KH-E009')).toBe(true);
    expect(await count()).toBe(before);
  });
});

describe('lone UTF-16 surrogates in a source', () => {
  const lone = (src: string) => `${src}\n// lone surrogate: \uD800 and \uDFFF\n`;

  it('are normalized before hashing at create: the hash is the sha256 of the source read back', async () => {
    const r = await call(f.app, 'POST', '/api/schemes', { token: author(), body: JSON.stringify({ source: lone(named('代理对方案')) }) });
    expect(r.status, r.text.slice(0, 300)).toBe(201);
    const v = await call(f.app, 'GET', `/api/schemes/${enc('代理对方案')}/versions/1`, { token: author() });
    expect(v.status).toBe(200);
    expect(v.body.source).toContain('\uFFFD');
    expect(v.body.hash).toBe(sourceHash(v.body.source));
    expect(r.body.version.hash).toBe(v.body.hash);
  });

  it('are normalized before hashing in a draft', async () => {
    const r = await call(f.app, 'PUT', `${S}/draft`, { token: author(), body: JSON.stringify({ source: lone(PROVINCE()) }) });
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    const v = await call(f.app, 'GET', `${S}/versions/${r.body.version.n}`, { token: author() });
    expect(v.body.hash).toBe(sourceHash(v.body.source));
    expect(r.body.version.hash).toBe(v.body.hash);
  });

  it('are accepted by check, format and examples', async () => {
    const body = JSON.stringify({ source: lone(PROVINCE()) });
    expect((await call(f.app, 'POST', '/api/check', { token: author(), body })).status).toBe(200);
    const fmt = await call(f.app, 'POST', '/api/format', { token: author(), body });
    expect(fmt.status).toBe(200);
    expect(fmt.body.source).not.toMatch(/[\uD800-\uDFFF]/);
    expect((await call(f.app, 'POST', '/api/examples', { token: author(), body })).status).toBe(200);
  });
});

describe('the version number in the path is strict', () => {
  it.each(['01', '1e0', '0x1', '+1', '%201', '1%20', '1.0', '0', '-1', '1000000000'])('versions/%s is 400', async (n) => {
    const r = await call(f.app, 'GET', `${S}/versions/${n}`, { token: author() });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
  });

  it('versions/1 is version 1', async () => {
    const r = await call(f.app, 'GET', `${S}/versions/1`, { token: author() });
    expect(r.status).toBe(200);
    expect(r.body.n).toBe(1);
  });
});

describe('the OpenAPI document', () => {
  it('lists 503 busy among the common errors and describes both evaluate body shapes', async () => {
    const r = await call(f.app, 'GET', '/api/openapi.json');
    expect(Object.keys(r.body.paths['/api/schemes/{id}/evaluate'].post.responses)).toContain('503');
    expect(r.body.components.schemas.EvaluateBody.anyOf ?? r.body.components.schemas.EvaluateBody.oneOf).toHaveLength(2);
  });
});
