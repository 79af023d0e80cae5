// Unknown query parameters (U8 trial, LOW; server/query-params.ts): `?exactvalues=1` — the wrong case —
// did nothing, silently. A route that takes query parameters answers 400 `unknown_parameter`, a detail
// per unknown name with the nearest known one (`near`); `lang` is every route's; what the editor and
// the docs send still passes; since S10 a route that takes none refuses one too (query-rule-s10.test.ts).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, findOrCreateOrg } from '../../server/auth/tokens.js';
import { call, enc, PROVINCE_ID, publishedProvince, setup, singleCase, type Fixture } from './helpers.js';

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
let f: Fixture;
let all: string;
beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
  all = (await createToken(f.store, { orgId: await findOrCreateOrg(f.store, 'org-A'), roles: ['admin', 'author', 'evaluator'] })).secret;
});
afterAll(() => f.close());

const single = () => ({ id: singleCase().subject!.id, input: singleCase().subject!.input });
const codeOf = (r: { status: number; body: { error?: { code?: string } } }) => [r.status, r.body?.error?.code];

describe('unknown query parameters', () => {
  it('POST evaluate ?exactvalues=1 is 400 unknown_parameter, naming exactValues (en and zh words)', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const r = await call(f.app, 'POST', `${S}/evaluate?exactvalues=1&lang=${lang}`, { token: f.tokens.A.evaluator, body: single() });
      expect(codeOf(r)).toEqual([400, 'unknown_parameter']);
      expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'exactvalues', near: 'exactValues' })]);
      expect(r.body.error.details[0].message).toContain('exactValues');
      expect(r.body.error.message).toMatch(lang === 'zh' ? /[\u4e00-\u9fff]/ : /^[^\u4e00-\u9fff]*$/);
    }
    const two = await call(f.app, 'POST', `${S}/evaluate?explian=1&zzz=2&explain=1`, { token: f.tokens.A.evaluator, body: single() });
    expect(two.body.error.details.map((d: { path: string; near?: string }) => [d.path, d.near])).toEqual([['explian', 'explain'], ['zzz', undefined]]);
    expect(codeOf(await call(f.app, 'POST', `${S}/evaluate?exactValues=1&lang=zh`, { token: f.tokens.A.evaluator, body: single() }))).toEqual([201, undefined]);
  }, 60_000);

  it('every route with query parameters refuses each one in the wrong case, with it as `near`', async () => {
    const doc = (await call(f.app, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };
    let routes = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const query = (op.parameters ?? []).filter((p) => p.in === 'query' && p.name !== 'lang');
        if (query.length === 0) continue;
        routes++;
        const path = template.replace(/\{[^}]+\}/g, 'x');
        const wrong = query[0].name.toUpperCase() === query[0].name ? `${query[0].name}x` : query[0].name.toUpperCase();
        const r = await call(f.app, method.toUpperCase(), `${path}?${wrong}=1`, { token: all, ...(method === 'get' ? {} : { body: {} }) });
        expect(codeOf(r), `${method} ${template} ?${wrong}`).toEqual([400, 'unknown_parameter']);
        expect(r.body.error.details[0], `${method} ${template}`).toMatchObject({ path: wrong, near: query[0].name });
      }
    }
    expect(routes).toBeGreaterThan(10);
  }, 60_000);

  it('what the editor and the docs send is no unknown parameter; lang is taken everywhere', async () => {
    const sent = [
      `/api/statistics?scheme=${enc(PROVINCE_ID)}&period=2026-Q1&by=unit&cursor=1&limit=5&format=xlsx&lang=zh`,
      `/api/statistics?scheme=${enc(PROVINCE_ID)}&from=2026-Q1&to=2026-Q4&unit=一科&by=indicator&lang=en`,
      '/api/statistics?round=R1',
      '/api/rounds?scheme=s&period=2026-Q1&status=open&unit=u&cursor=1&limit=100',
      '/api/rounds/R1/feedback?unit=u&lang=zh', '/api/rounds/R1/feedback/p1?lang=en',
      '/api/rounds/R1/export?format=xlsx&lang=zh',
      '/api/rounds/R1/papers/publicity?unit=u&format=xlsx&lang=zh', '/api/rounds/R1/papers/register?unit=u&lang=zh',
      '/api/rounds/R1/papers/register/p1?lang=zh', '/api/rounds/R1/papers/notice?unit=u&lang=zh', '/api/rounds/R1/papers/notice/p1?lang=zh',
      `${S}/versions/1/document?lang=en`, `${S}/versions/1/input-schema?lang=zh`,
      '/api/evaluations?scheme=s&version=1&period=2026-Q1&unit=u&subject=p&cursor=1&limit=5', '/api/evaluations/1?replay=1',
      '/api/audit?from=2026-01-01&to=2026-12-31&account=a&action=x&target=t&cursor=1&limit=5',
      '/api/subjects/p1/results?scheme=s&from=2026-Q1&to=2026-Q4',
      '/api/schemes?lang=zh',
    ];
    for (const url of sent) {
      const r = await call(f.app, 'GET', url, { token: all });
      expect(r.body?.error?.code, url).not.toBe('unknown_parameter');
    }
    // A route without query parameters takes only `lang` (S10: it ignored any other).
    const none = await call(f.app, 'GET', '/api/schemes?lang=zh&whatever=1', { token: all });
    expect(codeOf(none)).toEqual([400, 'unknown_parameter']);
    const evaluated = await call(f.app, 'POST', `${S}/evaluate?version=1&explain=1&exactValues=1&lang=zh`, { token: f.tokens.A.evaluator, body: single() });
    expect(evaluated.status).toBe(201);
  }, 60_000);
});
