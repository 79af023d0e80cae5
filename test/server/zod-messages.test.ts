// A request that does not match the API is answered in the reader's language down to each detail
// (server/zod-issues.ts, zod-messages.ts): the four requests a 组织部 officer met in English on the
// issue-14 routes (an amendment without `reason`, `appealDays: -1`, 公示 without `until`, a roster
// member without `status`), in zh and en, with the path and `error.code` as before; then one zod issue
// of each code through the router's zodDetails; words a route gave a check itself are kept.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { render, type Locale, type Msg } from '../../dsl/i18n/index.js';
import { defineMessages } from '../../dsl/i18n/index.js';
import { zodDetails } from '../../server/openapi.js';
import { KEYS_NAMED, ownWords } from '../../server/zod-issues.js';
import { call, removeTempDirs, setup, type Fixture } from './helpers.js';

let f: Fixture;
beforeAll(async () => { f = await setup(); });
afterAll(() => { f.close(); removeTempDirs(); });

const HAN = /\p{Script=Han}/u;

async function refused(method: string, path: string, body: unknown, lang: Locale, extra: Record<string, string> = {}) {
  const r = await call(f.app, method, `${path}?lang=${lang}`, { token: f.tokens.A.author, body, headers: extra });
  expect(r.status, r.text).toBe(400);
  expect(r.body.error.code).toBe('invalid_request');
  expect(r.headers.get('content-language')).toBe(lang);
  return r.body.error.details as { path: string; message: string }[];
}

describe('the issue-14 requests of the report, in both languages', () => {
  const CASES: [what: string, method: string, path: string, body: unknown, at: string, zh: string, en: string][] = [
    ['an amendment without reason', 'POST', '/api/rounds/rd_x/amendments', { subject: 'A001', input: { 实绩: 90 } }, 'reason', '缺少此项，应为字符串', 'required: expected a string'],
    ['appealDays -1', 'POST', '/api/rounds', { scheme: '季度测试', period: '2026-Q1', appealDays: -1 }, 'appealDays', '不得小于 0', 'must be at least 0'],
    ['公示 without until', 'POST', '/api/rounds/rd_x/publicize', {}, 'until', '缺少此项，应为字符串', 'required: expected a string'],
    // A roster member without status is no 400 since V11: the handler's 422 with every roster
    // problem (test/server/rounds-status-u11.test.ts, rounds-status-v11.test.ts).
  ];
  for (const [what, method, path, body, at, zh, en] of CASES) {
    it(what, async () => {
      expect(await refused(method, path, body, 'zh')).toEqual([{ path: at, message: zh, msg: expect.anything() }]);
      expect(await refused(method, path, body, 'en')).toEqual([{ path: at, message: en, msg: expect.anything() }]);
    });
  }

  it('Accept-Language decides as ?lang= does; an older route (POST /api/check) too', async () => {
    const r = await call(f.app, 'POST', '/api/check', { token: f.tokens.A.author, body: { source: 5 }, headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('请求体不符合接口定义');
    expect(r.body.error.details).toMatchObject([{ path: 'source', message: '应为字符串，实际为数值' }]);
  });

  it('several problems, each at its path; unknown keys of a strict body', async () => {
    const zh = await refused('POST', '/api/rounds', { scheme: '', period: 5, apealDays: 3 }, 'zh');
    expect(zh.map((d) => [d.path, d.message])).toEqual([
      ['scheme', '不能为空'], ['period', '应为字符串，实际为数值'], ['', '无法识别的键：“apealDays”'],
    ]);
    const en = await refused('POST', '/api/rounds', { scheme: '', period: 5, apealDays: 3 }, 'en');
    expect(en.map((d) => d.message)).toEqual(['must not be empty', 'expected a string, received a number', 'unrecognized key: `apealDays`']);
  });

  it('words a route gave its check are in the reader\'s language (the Idempotency-Key pattern; S10)', async () => {
    const d = await refused('POST', '/api/rounds/rd_x/inputs', { subjects: [{ id: 'a', input: {} }] }, 'zh', { 'idempotency-key': 'a key' });
    const plain = (ds: { path: string; message: string }[]) => ds.map(({ path, message }) => ({ path, message }));
    expect(plain(d)).toEqual([{ path: 'idempotency-key', message: '只能包含可见的“ASCII”字符' }]);
    const en = await refused('POST', '/api/rounds/rd_x/inputs', { subjects: [{ id: 'a', input: {} }] }, 'en', { 'idempotency-key': 'a key' });
    expect(plain(en)).toEqual([{ path: 'idempotency-key', message: 'visible ASCII characters only' }]);
  });
});

/** The details of `value` against `schema`, rendered in `locale` (what errorResponse does). */
function said(schema: z.ZodType, value: unknown, locale: Locale): { path: string; message: string }[] {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return zodDetails(r.error).map(({ path, message, msg }) => ({ path, message: msg ? render(msg, locale) : message }));
}

describe('one issue of each zod code, in both languages', () => {
  const CASES: [code: string, schema: z.ZodType, value: unknown, zh: string, en: string][] = [
    ['invalid_type', z.object({ n: z.number() }), { n: 'x' }, '应为数值，实际为字符串', 'expected a number, received a string'],
    ['invalid_type (missing)', z.object({ n: z.array(z.string()) }), {}, '缺少此项，应为数组', 'required: expected an array'],
    ['invalid_type (int)', z.number().int(), 1.5, '应为整数，实际为数值', 'expected an integer, received a number'],
    ['invalid_type (null)', z.boolean(), null, '应为布尔值（“true”或“false”），实际为空值（“null”）', 'expected a boolean (`true` or `false`), received `null`'],
    ['too_small, inclusive', z.number().min(0), -1, '不得小于 0', 'must be at least 0'],
    ['too_small, exclusive', z.number().gt(0), 0, '须大于 0', 'must be greater than 0'],
    ['too_big, inclusive', z.number().max(3650), 4000, '不得大于 3650', 'must be at most 3650'],
    ['too_big, exclusive', z.number().lt(5), 5, '须小于 5', 'must be less than 5'],
    ['too_small, characters', z.string().min(3), 'ab', '至少须有 3 个字符', 'must have at least 3 characters'],
    ['too_big, characters', z.string().max(1), 'ab', '最多只能有 1 个字符', 'must have at most 1 character'],
    ['too_small, exact items', z.array(z.number()).length(2), [1], '须恰好有 2 项', 'must have exactly 2 items'],
    ['too_small, empty list', z.array(z.number()).min(1), [], '不能为空', 'must not be empty'],
    ['invalid_value (enum)', z.enum(['take', 'absent']), 'maybe', '须为以下之一：“take”、“absent”', 'must be one of `take`, `absent`'],
    ['invalid_value (literal)', z.literal(1), 2, '须为1', 'must be 1'],
    ['unrecognized_keys', z.object({}).strict(), { a: 1, b: 2 }, '无法识别的键：“a”、“b”', 'unrecognized keys: `a`, `b`'],
    ['invalid_format (regex)', z.string().regex(/^\d+$/), 'x', '须符合模式“/^\\d+$/”', 'must match the pattern `/^\\d+$/`'],
    ['invalid_format (date)', z.iso.date(), '2026-13-01', '须为日期（“YYYY-MM-DD”）', 'must be a date (`YYYY-MM-DD`)'],
    ['invalid_format (starts_with)', z.string().startsWith('rd_'), 'x', '须以“rd_”开头', 'must start with `rd_`'],
    ['invalid_format (uuid)', z.uuid(), 'x', '须为有效的“uuid”', 'must be a valid `uuid`'],
    ['not_multiple_of', z.number().multipleOf(5), 7, '须为 5 的倍数', 'must be a multiple of 5'],
    ['invalid_union (types)', z.union([z.string(), z.number()]), true, '应为字符串、数值之一，实际为布尔值（“true”或“false”）', 'expected a string or a number, received a boolean (`true` or `false`)'],
    ['invalid_union (forms)', z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]), {}, '不符合任何一种允许的形式', 'matches none of the allowed forms'],
    ['invalid_key', z.record(z.string().min(2), z.number()), { a: 1 }, '含有无效的键', 'has an invalid key'],
    ['invalid_element', z.map(z.object({}), z.number()), new Map([[{}, 'x']]), '含有无效的值', 'has an invalid value'],
    ['custom', z.string().refine(() => false), 'x', '取值无效', 'is not valid'],
  ];
  for (const [code, schema, value, zh, en] of CASES) {
    it(code, () => {
      expect(said(schema, value, 'zh')[0].message).toBe(zh);
      expect(said(schema, value, 'en')[0].message).toBe(en);
      expect(said(schema, value, 'zh')[0].message).toMatch(HAN);
    });
  }

  it('a body of many stray keys names the first few (the answer stays small)', () => {
    const body = Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`k${i}`, 0]));
    const [d] = said(z.object({}).strict(), body, 'zh');
    expect(d.message).toBe(`150000 个无法识别的键：${Array.from({ length: KEYS_NAMED }, (_, i) => `“k${i}”`).join('、')}……`);
    const r = z.object({}).strict().safeParse(body);
    expect(JSON.stringify(zodDetails(r.error!)).length).toBeLessThan(3000);
  });

  it('paths are dotted with [i], as before', () => {
    const schema = z.object({ members: z.array(z.object({ status: z.enum(['take']) })) });
    expect(said(schema, { members: [{ status: 'take' }, { status: 'x' }] }, 'zh')).toEqual([{ path: 'members[1].status', message: '须为“take”' }]);
  });

  it("a discriminated union names the allowed values at the discriminator", () => {
    const schema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('input') }), z.object({ kind: z.literal('decision') })]);
    expect(said(schema, { kind: 'x' }, 'zh')).toEqual([{ path: 'kind', message: '须为以下之一：“input”、“decision”' }]);
  });

  it("a route's own words are kept in English, and in zh are the words of the check's kind (S10: never English in a zh answer); given as a message they are localized", () => {
    const refined = z.string().refine(() => false, 'a subject id must be well-formed Unicode');
    expect(said(refined, 'x', 'en')[0].message).toBe('a subject id must be well-formed Unicode');
    expect(said(refined, 'x', 'zh')[0].message).toBe('取值无效');
    expect(said(z.number().min(0, 'no negatives'), -1, 'en')[0].message).toBe('no negatives');
    expect(said(z.number().min(0, 'no negatives'), -1, 'zh')[0].message).toBe('不得小于 0');
    const T = defineMessages('zod-messages-test', { en: { own: 'a period like `2026-Q1`' }, zh: { own: '考核期形如“2026-Q1”' } });
    const own: Msg = T.own();
    const schema = z.string().regex(/^\d{4}-Q[1-4]$/, ownWords(own));
    expect(said(schema, 'x', 'zh')[0].message).toBe('考核期形如“2026-Q1”');
    expect(said(schema, 'x', 'en')[0].message).toBe('a period like `2026-Q1`');
  });
});
