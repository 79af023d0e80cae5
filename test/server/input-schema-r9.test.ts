// GET …/input-schema's language (U8 trial, LOW): `?lang=fr` answered an English schema as if it were
// French — refused now (400 invalid_request at `lang`), as on every route since S10 (query-params.ts),
// in the language Accept-Language asks for; zh-CN still reads zh.
// And its worker job runs where the other scheme jobs run (lang-pool/scheme-jobs.ts runInputSchema).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, inputSchema, prepare } from '../../engine/index.js';
import { runInputSchema } from '../../server/lang-pool/scheme-jobs.js';
import { call, enc, PROVINCE, PROVINCE_ID, publishedProvince, setup, type Fixture } from './helpers.js';

const S = `/api/schemes/${enc(PROVINCE_ID)}/versions/1/input-schema`;
let f: Fixture;
beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
});
afterAll(() => f.close());

describe('GET …/input-schema ?lang=', () => {
  it('refuses a language it has no words in, naming the parameter (zh and en words)', async () => {
    for (const [q, accept] of [['fr', 'zh'], ['xx', 'en'], ['', 'en']] as const) {
      const r = await call(f.app, 'GET', `${S}?lang=${q}`, { token: f.tokens.A.evaluator, headers: { 'accept-language': accept } });
      expect([r.status, r.body.error?.code], q).toEqual([400, 'invalid_request']);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['lang']);
      expect(r.body.error.details[0].message).toMatch(accept === 'zh' ? /[\u4e00-\u9fff]/ : /^[^\u4e00-\u9fff]*$/);
    }
  }, 60_000);

  it('takes zh-CN and en-US as zh and en', async () => {
    const zh = await call(f.app, 'GET', `${S}?lang=zh-CN`, { token: f.tokens.A.evaluator });
    expect(zh.status, zh.text).toBe(200);
    expect(zh.body).toEqual(inputSchema(prepare(PROVINCE()).value!, 'zh'));
    const en = await call(f.app, 'GET', `${S}?lang=en-US`, { token: f.tokens.A.evaluator });
    expect(en.body).toEqual(inputSchema(prepare(PROVINCE()).value!, 'en'));
  }, 60_000);
});

describe('the input-schema job', () => {
  it('is a scheme job: the schema of a version, or its errors when it does not prepare', () => {
    const made = runInputSchema({ kind: 'input-schema', source: PROVINCE(), hash: 'h-r9', lang: 'zh' }, engine);
    expect(made).toEqual({ schema: inputSchema(prepare(PROVINCE()).value!, 'zh') });
    const bad = runInputSchema({ kind: 'input-schema', source: 'scheme x {', hash: 'h-r9-bad', lang: 'en' }, engine);
    expect('unprepared' in bad && bad.errors.length > 0).toBe(true);
  });
});
