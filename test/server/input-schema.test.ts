// GET /api/schemes/:id/versions/:n/input-schema (user trial U7-20): a version's input contract as a
// JSON Schema — the library's inputSchema() of the same source, in the reader's language — read as
// the version's document is (published for every role, a draft for authors, another organization's
// scheme 404, a draft with errors 422), and in the OpenAPI document. What it accepts and refuses
// agrees with POST evaluate on the spec's cases (validated by ajv, not by the engine).

import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputSchema, prepare } from '../../engine/index.js';
import { call, enc, invalidCase, PROVINCE, PROVINCE_ID, provinceCases, publishedProvince, setup, type Fixture } from './helpers.js';

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
let f: Fixture;
beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
});
afterAll(() => f.close());

describe('GET /api/schemes/:id/versions/:n/input-schema', () => {
  it('answers the library\'s schema of the version, in the reader\'s language', async () => {
    const en = await call(f.app, 'GET', `${S}/versions/1/input-schema`, { token: f.tokens.A.evaluator });
    expect(en.status, en.text).toBe(200);
    expect(en.body).toEqual(inputSchema(prepare(PROVINCE()).value!, 'en'));
    expect(en.body.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const zh = await call(f.app, 'GET', `${S}/versions/1/input-schema?lang=zh`, { token: f.tokens.A.evaluator });
    expect(zh.status).toBe(200);
    expect(zh.body).toEqual(inputSchema(prepare(PROVINCE()).value!, 'zh'));
    expect(zh.body.title).toMatch(/的输入$/);
    const byHeader = await call(f.app, 'GET', `${S}/versions/1/input-schema`, { token: f.tokens.A.evaluator, headers: { 'accept-language': 'zh-CN' } });
    expect(byHeader.body).toEqual(zh.body);
  }, 60_000);

  it('refuses what POST evaluate refuses on the spec\'s cases (ajv over the answered schema)', async () => {
    const schema = (await call(f.app, 'GET', `${S}/versions/1/input-schema`, { token: f.tokens.A.evaluator })).body;
    const ajv = new Ajv2020({ strict: true, strictRequired: false });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    const valid = ajv.compile(schema);
    const bad = invalidCase().subject!;
    expect(valid(bad.input)).toBe(false);
    const refused = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: bad });
    expect(refused.status).toBe(422);
    const good = provinceCases().filter((c) => c.subject && !c.expectErrors).map((c) => c.subject!);
    expect(good.length).toBeGreaterThan(0);
    for (const s of good) expect(valid(s.input), JSON.stringify(valid.errors)).toBe(true);
  }, 60_000);

  it('a draft is for authors (403 otherwise, en and zh); unknown version and another organization 404; a draft with errors 422', async () => {
    const draft = await call(f.app, 'PUT', `${S}/draft`, { token: f.tokens.A.author, body: { source: PROVINCE() } });
    expect(draft.status, draft.text).toBe(200);
    const author = await call(f.app, 'GET', `${S}/versions/draft/input-schema`, { token: f.tokens.A.author });
    expect(author.status, author.text).toBe(200);
    const evaluator = await call(f.app, 'GET', `${S}/versions/2/input-schema`, { token: f.tokens.A.evaluator });
    expect(evaluator.status).toBe(403);
    expect(evaluator.body.error.message).toMatch(/input schema is for authors: version 2/);
    const zh = await call(f.app, 'GET', `${S}/versions/draft/input-schema?lang=zh`, { token: f.tokens.A.evaluator });
    expect(zh.status).toBe(403);
    expect(zh.body.error.message).toMatch(/草稿的输入架构仅供编写人查看/);
    expect((await call(f.app, 'GET', `${S}/versions/9/input-schema`, { token: f.tokens.A.author })).status).toBe(404);
    expect((await call(f.app, 'GET', `${S}/versions/1/input-schema`, { token: f.tokens.B.author })).status).toBe(404);
    expect((await call(f.app, 'GET', `${S}/versions/x/input-schema`, { token: f.tokens.A.author })).status).toBe(400);
    const broken = PROVINCE().replace('单位: text', '单位: 没有这个类型');
    expect(broken).not.toBe(PROVINCE());
    expect((await call(f.app, 'PUT', `${S}/draft`, { token: f.tokens.A.author, body: { source: broken } })).status).toBe(200);
    const errors = await call(f.app, 'GET', `${S}/versions/draft/input-schema`, { token: f.tokens.A.author });
    expect(errors.status, errors.text).toBe(422);
    expect(errors.body.error.code).toBe('invalid_scheme');
    expect(errors.body.error.details.length).toBeGreaterThan(0);
  }, 60_000);

  it('is in the OpenAPI document', async () => {
    const doc = await call(f.app, 'GET', '/api/openapi.json');
    const op = doc.body.paths['/api/schemes/{id}/versions/{n}/input-schema'].get;
    expect(op.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/InputSchema' });
    expect(op.responses).toHaveProperty('403');
  });
});
