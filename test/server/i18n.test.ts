// The server speaks the reader's language (issue 11, item 4): `?lang=zh|en`, else Accept-Language by
// q-value, else English. Every error code's message in both locales through a real Node server, with
// `Content-Language` and `Vary: Accept-Language`; diagnostics, example failures and engine errors
// rendered from their `msg` in the main thread; stored evaluations (read back, replayed by
// Idempotency-Key) answer in the language they were made in. And the server's catalog itself: both
// locales, the same placeholders, no English words in the Chinese.

import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeholders, registeredCatalogs, render, type Locale, type Msg } from '../../dsl/i18n/index.js';
import { engine as realEngine } from '../../engine/index.js';
import type { EngineApi } from '../../engine/api.js';
import { createApp, type AppOptions } from '../../server/app.js';
import { langParam, negotiate } from '../../server/locale.js';
import { M } from '../../server/messages.js';
import { createNodeServer, type NodeServerOptions } from '../../server/node-server.js';
import { silentLog } from '../../server/log.js';
import { cohortCase, enc, invalidCase, PROVINCE, PROVINCE_ID, publishedProvince, removeTempDirs, setup, singleCase, type Fixture, refuseInserts, commitsFail } from './helpers.js';

afterAll(removeTempDirs);

const LOCALES: Locale[] = ['zh', 'en'];
/** What a browser set to each language sends. */
const ACCEPT: Record<Locale, string> = { zh: 'zh-CN,zh;q=0.9,en;q=0.8', en: 'en-US,en;q=0.9' };
const HAN = /\p{Script=Han}/u;

/** English words left in a Chinese text once quoted names and code (“…”) are taken out. */
const englishWords = (zh: string): string[] => zh.replace(/“[^”]*”/g, '').match(/[A-Za-z]{2,}/g) ?? [];

// ---------------------------------------------------------------------------------------------
// A real server

async function listen(app: { fetch: (r: Request, env?: unknown) => Response | Promise<Response> }, opts: NodeServerOptions = {}) {
  const server = createNodeServer(app.fetch as Parameters<typeof createNodeServer>[0], { hostname: '127.0.0.1', ...opts });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function stop(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

interface Answer { status: number; headers: Record<string, string>; body: any; text: string }

function parsed(status: number, headers: Record<string, string>, text: string): Answer {
  let body: unknown;
  try { body = JSON.parse(text); } catch { body = undefined; }
  return { status, headers, body, text };
}

// Each request comes from its own address (the app trusts X-Forwarded-For here), so the failures
// counted by the 401 cases lock out nobody else.
let nextAddress = 0;
const address = () => { const n = ++nextAddress; return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`; };

interface Req { token?: string; body?: unknown; headers?: Record<string, string>; locale?: Locale }

async function send(port: number, method: string, path: string, r: Req = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'x-forwarded-for': address(), ...(r.headers ?? {}) };
  if (r.locale) headers['accept-language'] = ACCEPT[r.locale];
  if (r.token) headers.authorization = `Bearer ${r.token}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (r.body !== undefined) {
    body = typeof r.body === 'string' || r.body instanceof Uint8Array ? (r.body as string | Uint8Array<ArrayBuffer>) : JSON.stringify(r.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, body, redirect: 'manual' });
  const got: Record<string, string> = {};
  res.headers.forEach((value, name) => (got[name] = value));
  return parsed(res.status, got, await res.text());
}

/** Writes raw bytes, collects the answer until the server closes (or `limitMs`). */
function exchange(port: number, drive: (s: Socket) => void, limitMs = 10_000): Promise<Answer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const s = connect(port, '127.0.0.1', () => drive(s));
    const timer = setTimeout(() => s.destroy(), limitMs);
    s.on('data', (d: Buffer) => chunks.push(d));
    s.on('error', () => {});
    s.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = text.slice(0, Math.max(0, end)).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve(parsed(Number(statusLine.split(' ')[1] ?? 0), headers, end < 0 ? '' : text.slice(end + 4)));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// What every localized error answer must be

/** The status and code as always, the message (and every detail that carries a `msg`) in `locale`,
 * and the headers that say so. */
function expectError(a: Answer, status: number, code: string, locale: Locale, vary = true): void {
  expect(a.status, a.text.slice(0, 300)).toBe(status);
  expect(a.body?.error?.code, a.text.slice(0, 300)).toBe(code);
  const message: string = a.body.error.message;
  expect(a.headers['content-language'], message).toBe(locale);
  if (vary) expect(a.headers.vary, message).toMatch(/Accept-Language/i);
  if (locale === 'zh') {
    expect(message).toMatch(HAN);
    expect(englishWords(message), message).toEqual([]);
  } else {
    expect(message.replace(/`[^`]*`/g, '')).not.toMatch(HAN);
  }
  for (const d of a.body.error.details as { message?: string; msg?: Msg }[]) {
    if (d.msg) expect(d.message).toBe(render(d.msg, locale));
  }
}

/** The same request in both locales: the same status and code, the words in each. */
async function inBothLocales(status: number, code: string, request: (locale: Locale) => Promise<Answer>): Promise<Record<Locale, Answer>> {
  const out = {} as Record<Locale, Answer>;
  for (const locale of LOCALES) {
    out[locale] = await request(locale);
    expectError(out[locale], status, code, locale);
  }
  expect(out.zh.body.error.message).not.toBe(out.en.body.error.message);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sources

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
/** The province scheme under another name. */
const named = (name: string, source = PROVINCE()) => source.replace('scheme 省直年度考核', `scheme ${name}`);
const SMALL = (name: string) => `scheme ${name} { input { 甲: number } indicator 乙 weight 100% = 甲 grades { 好 otherwise } }`;
const cohort = (n: number) => {
  const base = cohortCase().subjects!;
  return { subjects: Array.from({ length: n }, (_, i) => ({ ...base[i % base.length], id: `S${i}` })) };
};

// ---------------------------------------------------------------------------------------------

describe('negotiating the locale', () => {
  it('Accept-Language by q-value, region and script tags included; unknown languages fall back to English', () => {
    expect(negotiate(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(negotiate(undefined, 'en;q=0.4, zh-TW;q=0.8')).toBe('zh');
    expect(negotiate(undefined, 'zh;q=0.1, en')).toBe('en');
    expect(negotiate(undefined, 'fr-FR, de;q=0.9, zh-Hans;q=0.5')).toBe('zh');
    expect(negotiate(undefined, 'zh;q=0, en;q=0.1')).toBe('en');
    expect(negotiate(undefined, 'fr, de')).toBe('en');
    expect(negotiate(undefined, '*')).toBe('en');
    expect(negotiate(undefined, undefined)).toBe('en');
  });

  it('?lang= beats the header; a value that names no language of ours is as if absent', () => {
    expect(negotiate('en', 'zh-CN')).toBe('en');
    expect(negotiate('zh', 'en')).toBe('zh');
    expect(negotiate('zh-CN', undefined)).toBe('zh');
    expect(negotiate('fr', 'zh')).toBe('zh');
    expect(langParam('/api/check?lang=zh')).toBe('zh');
    expect(langParam('/api/x?version=draft&lang=en')).toBe('en');
    expect(langParam('/api/x?xlang=zh')).toBeUndefined();
    expect(langParam('/api/check')).toBeUndefined();
  });
});

describe('the server catalog', () => {
  const catalog = registeredCatalogs().get('server')!;
  const sample: Record<string, string | number> = new Proxy({}, { get: (_t, k) => (k === 'roles' ? 'x' : typeof k === 'string' ? `‹${k}›` : undefined) });

  it('has every message in both locales with the same placeholders', () => {
    expect(Object.keys(catalog.zh).sort()).toEqual(Object.keys(catalog.en).sort());
    for (const key of Object.keys(catalog.en)) {
      // A function (English plurals) names its arguments in code: its string twin must use them all.
      if (typeof catalog.en[key] === 'function') continue;
      expect(placeholders(catalog.zh[key]), key).toEqual(placeholders(catalog.en[key]));
    }
  });

  it('renders every message in Chinese without English words, full-width punctuation inside', () => {
    for (const key of Object.keys(catalog.en)) {
      const names = [...placeholders(catalog.en[key]), ...placeholders(catalog.zh[key])];
      const args = Object.fromEntries(names.map((p) => [p, sample[p]]));
      expect(render({ id: `server.${key}`, args }, 'zh'), key).not.toMatch(/\{\w+\}/);
      const zh = render({ id: `server.${key}`, args }, 'zh');
      const en = render({ id: `server.${key}`, args }, 'en');
      expect(zh, key).toMatch(HAN);
      expect(englishWords(zh.replace(/‹\w+›/g, '')), `${key}: ${zh}`).toEqual([]);
      expect(zh, key).not.toMatch(/[\p{Script=Han}][,;:?!()]|[,;:?!(][\p{Script=Han}]|。：|[，。；：]{2}/u);
      expect(en, key).not.toMatch(HAN);
    }
  });

  it('English plurals', () => {
    expect(render(M.moreNotShown({ omitted: 1 }), 'en')).toBe('… 1 more problem not shown');
    expect(render(M.moreNotShown({ omitted: 7 }), 'en')).toBe('… 7 more problems not shown');
    expect(render(M.failingExamples({ failing: 1, total: 1 }), 'en')).toBe('1 of 1 example fails');
    expect(render(M.failingExamples({ failing: 2, total: 3 }), 'en')).toBe('2 of 3 examples fail');
    expect(render(M.roleNeeded({ roles: [M.roleAuthor()], held: M.noRole() }), 'en')).toBe('this needs the role `author`; the token has none');
    expect(render(M.roleNeeded({ roles: [M.roleAuthor(), M.roleAdmin()], held: [M.roleEvaluator()] }), 'zh')).toBe('此操作需要角色：编写者、管理员；当前令牌的角色：测评员');
  });
});

describe('every error code in both locales, through a real server', () => {
  let f: Fixture;
  let server: Server;
  let port: number;
  const req = (method: string, path: string, r: Req = {}) => send(port, method, path, r);
  beforeAll(async () => {
    f = await setup({
      trustProxy: true, maxCohortSubjects: 300, cohortMaxMs: 1, maxSourceBytes: 8000, maxBodyBytes: 512 * 1024, authFailures: { maxFailures: 1 },
    });
    await publishedProvince(f);
    ({ server, port } = await listen(f.app));
  });
  afterAll(async () => {
    await stop(server);
    f.close();
  });
  const author = () => f.tokens.A.author;
  const evaluator = () => f.tokens.A.evaluator;

  it('400 malformed_request: a body that is not JSON, or not UTF-8', async () => {
    await inBothLocales(400, 'malformed_request', (locale) => req('POST', '/api/check', { token: author(), locale, body: '{"source":' }));
    const r = await inBothLocales(400, 'malformed_request', (locale) =>
      req('POST', '/api/check', { token: author(), locale, body: new Uint8Array([0x7b, 0x22, 0xb0, 0xa1, 0x22, 0x7d]) }));
    expect(r.zh.body.error.message).toContain('UTF-8');
    expect(r.zh.body.error.details[0]).toMatchObject({ path: '', offset: 2, message: '第 2 字节不是有效的“UTF-8”' });
  });

  it('400 invalid_request: a body or a query that does not match the API', async () => {
    const r = await inBothLocales(400, 'invalid_request', (locale) => req('POST', '/api/check', { token: author(), locale, body: { source: 5 } }));
    expect(r.zh.body.error.message).toBe('请求体不符合接口定义');
    await inBothLocales(400, 'invalid_request', (locale) => req('GET', '/api/audit?cursor=zzz', { token: f.tokens.A.admin, locale }));
    await inBothLocales(400, 'invalid_request', (locale) => req('POST', `${S}/evaluate?version=x`, { token: evaluator(), locale, body: singleCase().subject }));
  });

  it('401 unauthorized (every kind) and invalid_code', async () => {
    await inBothLocales(401, 'unauthorized', (locale) => req('GET', '/api/me', { locale }));
    await inBothLocales(401, 'unauthorized', (locale) => req('GET', '/api/me', { locale, token: 'tok_nope' }));
    await inBothLocales(401, 'unauthorized', (locale) => req('GET', '/api/me', { locale, headers: { authorization: 'Bearer a b' } }));
    await inBothLocales(401, 'unauthorized', (locale) => req('GET', '/api/me', { locale, headers: { cookie: 'kaohe_session=nope' } }));
    await inBothLocales(401, 'invalid_code', (locale) => req('GET', '/signin?code=nope', { locale, headers: { accept: 'application/json' } }));
  });

  it('403 forbidden, cross_origin_request, origin_required', async () => {
    const r = await inBothLocales(403, 'forbidden', (locale) => req('POST', `${S}/publish`, { token: evaluator(), locale }));
    expect(r.zh.body.error.message).toBe('此操作需要角色：编写者；当前令牌的角色：测评员');
    expect((await req('POST', '/api/schemes', { token: author(), body: { source: SMALL('有草稿') } })).status).toBe(201);
    const draft = await inBothLocales(403, 'forbidden', (locale) =>
      req('POST', `/api/schemes/${enc('有草稿')}/evaluate?version=draft`, { token: evaluator(), locale, body: { id: 'a', input: { 甲: 1 } } }));
    expect(draft.zh.body.error.message).toBe('只有编写者可以测评草稿');
    const cookie = { cookie: 'kaohe_session=whatever' };
    await inBothLocales(403, 'cross_origin_request', (locale) => req('POST', '/api/check', { locale, headers: { ...cookie, origin: 'http://evil.example' }, body: { source: '' } }));
    await inBothLocales(403, 'cross_origin_request', (locale) => req('POST', '/api/check', { locale, headers: { ...cookie, 'sec-fetch-site': 'cross-site' }, body: { source: '' } }));
    await inBothLocales(403, 'origin_required', (locale) => req('POST', '/api/check', { locale, headers: cookie, body: { source: '' } }));
  });

  it('404 not_found and 405 method_not_allowed', async () => {
    await inBothLocales(404, 'not_found', (locale) => req('GET', '/api/nowhere', { token: author(), locale }));
    const r = await inBothLocales(404, 'not_found', (locale) => req('GET', `/api/schemes/${enc('无此方案')}`, { token: author(), locale }));
    expect(r.zh.body.error.message).toBe('没有名为“无此方案”的方案');
    await inBothLocales(404, 'not_found', (locale) => req('GET', `${S}/versions/9`, { token: author(), locale }));
    await inBothLocales(404, 'not_found', (locale) => req('GET', '/api/evaluations/ev_nope', { token: author(), locale }));
    await inBothLocales(404, 'not_found', (locale) => req('DELETE', '/api/tokens/tok_nope', { token: f.tokens.A.admin, locale }));
    await inBothLocales(405, 'method_not_allowed', (locale) => req('DELETE', '/api/check', { token: author(), locale }));
  });

  it('409 scheme_exists, no_draft, not_published, idempotency_key_reused, version_changed', async () => {
    await inBothLocales(409, 'scheme_exists', (locale) => req('POST', '/api/schemes', { token: author(), locale, body: { source: PROVINCE() } }));
    await inBothLocales(409, 'no_draft', (locale) => req('POST', `${S}/publish`, { token: author(), locale }));
    expect((await req('POST', '/api/schemes', { token: author(), body: { source: SMALL('未发布') } })).status).toBe(201);
    await inBothLocales(409, 'not_published', (locale) => req('POST', `/api/schemes/${enc('未发布')}/evaluate`, { token: evaluator(), locale, body: { id: 'a', input: { 甲: 1 } } }));
    const key = { 'idempotency-key': 'i18n-key-1' };
    expect((await req('POST', `${S}/evaluate`, { token: evaluator(), headers: key, body: singleCase().subject })).status).toBe(201);
    await inBothLocales(409, 'idempotency_key_reused', (locale) =>
      req('POST', `${S}/evaluate`, { token: evaluator(), locale, headers: key, body: { ...singleCase().subject, id: 'other' } }));
    // An evaluation of a draft, then the draft replaced: it cannot be replayed.
    const id = '草稿重放';
    await req('POST', '/api/schemes', { token: author(), body: { source: SMALL(id) } });
    const ev = await req('POST', `/api/schemes/${enc(id)}/evaluate?version=draft`, { token: author(), body: { id: 'a', input: { 甲: 1 } } });
    expect(ev.status, ev.text).toBe(201);
    await req('PUT', `/api/schemes/${enc(id)}/draft`, { token: author(), body: { source: SMALL(id) + '\n' } });
    await inBothLocales(409, 'version_changed', (locale) => req('GET', `/api/evaluations/${ev.body.evaluationId}?replay=1`, { token: author(), locale }));
  });

  it('409 conflict: a constraint met by a concurrent change', async () => {
    const allow = await refuseInserts(f, 'evaluations', 'refused');
    try {
      await inBothLocales(409, 'conflict', (locale) => req('POST', `${S}/evaluate`, { token: evaluator(), locale, body: singleCase().subject }));
    } finally {
      await allow();
    }
  });

  it('413 payload_too_large, source_too_large, cohort_too_large', async () => {
    await inBothLocales(413, 'payload_too_large', (locale) => req('POST', '/api/check', { token: author(), locale, body: { source: 'x'.repeat(600 * 1024) } }));
    const big = await inBothLocales(413, 'source_too_large', (locale) => req('POST', '/api/check', { token: author(), locale, body: { source: '考'.repeat(3000) } }));
    expect(big.zh.body.error.details[0]).toMatchObject({ path: 'source', bytes: 9000, limit: 8000, message: '最多 8000 字节' });
    const many = await inBothLocales(413, 'cohort_too_large', (locale) => req('POST', `${S}/evaluate`, { token: evaluator(), locale, body: cohort(301) }));
    expect(many.zh.body.error.details[0]).toMatchObject({ path: 'subjects', subjects: 301, limit: 300, message: '最多 300 个测评对象' });
  });

  it('415 unsupported_media_type', async () => {
    await inBothLocales(415, 'unsupported_media_type', (locale) =>
      req('POST', `${S}/evaluate`, { token: evaluator(), locale, headers: { 'content-type': 'text/plain' }, body: JSON.stringify(singleCase().subject) }));
  });

  it('422 invalid_scheme (diagnostics in the reader\'s language), scheme_renamed, scheme_name_too_long', async () => {
    const broken = 'scheme 坏 { @ }';
    const r = await inBothLocales(422, 'invalid_scheme', (locale) => req('POST', '/api/format', { token: author(), locale, body: { source: broken } }));
    expect(r.zh.body.error.details.some((d: { code: string; msg?: Msg }) => d.code === 'KH-P004' && d.msg)).toBe(true);
    await inBothLocales(422, 'invalid_scheme', (locale) => req('POST', '/api/schemes', { token: author(), locale, body: { source: '@@@' } }));
    await inBothLocales(422, 'invalid_scheme', (locale) => req('POST', '/api/examples', { token: author(), locale, body: { source: broken } }));
    await inBothLocales(422, 'scheme_renamed', (locale) => req('PUT', `${S}/draft`, { token: author(), locale, body: { source: named('别名') } }));
    await inBothLocales(422, 'scheme_name_too_long', (locale) => req('POST', '/api/schemes', { token: author(), locale, body: { source: SMALL('长'.repeat(201)) } }));
  });

  it('422 invalid_scheme on publish: the draft\'s errors in Chinese', async () => {
    const id = '发布有错';
    await req('POST', '/api/schemes', { token: author(), body: { source: `scheme ${id} { input { 甲: number } indicator 乙 weight 100% = 甲 grades { 好 otherwise } @ }` } });
    const r = await inBothLocales(422, 'invalid_scheme', (locale) => req('POST', `/api/schemes/${enc(id)}/publish`, { token: author(), locale }));
    expect(r.zh.body.error.message).toMatch(/^草稿第 1 版有错误$/);
    const zh = r.zh.body.error.details.find((d: { code: string }) => d.code === 'KH-P004');
    const en = r.en.body.error.details.find((d: { code: string }) => d.code === 'KH-P004');
    expect(zh.message).toMatch(HAN);
    expect(zh.message).toBe(render(zh.msg, 'zh'));
    expect(en.message).toBe(render(en.msg, 'en'));
    expect(zh.range).toEqual(en.range);
  });

  it('422 failing_examples: the failures in the reader\'s language', async () => {
    const id = '示例不过';
    await req('POST', '/api/schemes', { token: author(), body: { source: named(id, PROVINCE().replace('expect score == 95.17', 'expect score == 1')) } });
    const r = await inBothLocales(422, 'failing_examples', (locale) => req('POST', `/api/schemes/${enc(id)}/publish`, { token: author(), locale }));
    expect(r.zh.body.error.message).toBe('1 个示例中有 1 个未通过');
    const failure = r.zh.body.error.details[0].failures[0];
    expect(failure).toMatchObject({ expect: 'score == 1', left: '95.17', right: '1' });
    expect(failure.message).toMatch(HAN);
    expect(failure.message).toBe(render(failure.msg, 'zh'));
    expect(r.en.body.error.details[0].failures[0].message).not.toMatch(HAN);
    // The examples route answers the same failures, in the same language, with 200.
    const ran = await req('POST', '/api/examples', { token: author(), locale: 'zh', body: { source: named(id, PROVINCE().replace('expect score == 95.17', 'expect score == 1')) } });
    expect(ran.status).toBe(200);
    expect(ran.headers['content-language']).toBe('zh');
    expect(ran.body.examples[0].failures[0].message).toBe(failure.message);
  });

  it('422 invalid_input: the engine\'s errors in Chinese', async () => {
    const r = await inBothLocales(422, 'invalid_input', (locale) => req('POST', `${S}/evaluate`, { token: evaluator(), locale, body: invalidCase().subject }));
    expect(r.zh.body.error.message).toBe('输入数据不符合方案的要求');
    const details = r.zh.body.error.details as { code: string; path: string; message: string; msg?: Msg }[];
    expect(details.map((d) => d.code)).toEqual((r.en.body.error.details as { code: string }[]).map((d) => d.code));
    expect(details.filter((d) => d.msg).length).toBeGreaterThan(0);
    for (const d of details.filter((x) => x.msg)) {
      expect(d.message).toBe(render(d.msg!, 'zh'));
      expect(d.message).toMatch(HAN);
    }
  });

  it('429 too_many_failures', async () => {
    for (const locale of LOCALES) {
      const from = { 'x-forwarded-for': `192.0.2.${locale === 'zh' ? 1 : 2}` };
      expectError(await req('GET', '/api/me', { token: 'tok_wrong', locale, headers: from }), 401, 'unauthorized', locale);
      const r = await req('GET', '/api/me', { token: author(), locale, headers: from });
      expectError(r, 429, 'too_many_failures', locale);
      expect(r.headers['retry-after']).toMatch(/^\d+$/);
    }
  });

  it('503 budget_exceeded and busy (unavailable on PostgreSQL)', async () => {
    const r = await inBothLocales(503, 'budget_exceeded', (locale) => req('POST', `${S}/evaluate`, { token: evaluator(), locale, body: cohort(300) }));
    expect(r.zh.body.error.details[0].message).toMatch(/^最多 \d+ 毫秒$/);
    // The commit fails: another process holds SQLite's write lock beyond the busy timeout (busy); the
    // PostgreSQL connection is ended at the commit (unavailable).
    const failing = await commitsFail(f);
    try {
      const r = await inBothLocales(503, failing.code, (locale) => req('POST', `${S}/evaluate`, { token: evaluator(), locale, body: singleCase().subject }));
      // A connection lost at the commit: the answer cannot say nothing was stored (trial X14).
      if (failing.code === 'unavailable') expect(r.zh.body.error.message).toContain('可能已经保存，也可能没有');
    } finally {
      await failing.restore();
    }
  });

  it('answers Node refuses before the app: 400 without Host and 417, in the request\'s language', async () => {
    for (const locale of LOCALES) {
      const noHost = await exchange(port, (s) => s.write(`GET /healthz HTTP/1.1\r\nAccept-Language: ${ACCEPT[locale]}\r\n\r\n`));
      expectError(noHost, 400, 'malformed_request', locale);
      const expectation = await exchange(port, (s) => s.write(`GET /healthz?lang=${locale} HTTP/1.1\r\nHost: x\r\nExpect: tea\r\nConnection: close\r\n\r\n`));
      expectError(expectation, 417, 'expectation_failed', locale);
    }
    // Bytes that are not HTTP and name no language: both, Chinese first, and said so.
    const junk = await exchange(port, (s) => s.write('NOT HTTP AT ALL\r\n\r\n'));
    expect(junk.body.error.code).toBe('malformed_request');
    expect(junk.headers['content-language']).toBe('zh, en');
    expect(junk.body.error.message).toBe(`${render(M.notHttpCode({ code: 'HPE_INVALID_METHOD' }), 'zh')} / ${render(M.notHttpCode({ code: 'HPE_INVALID_METHOD' }), 'en')}`);
  });
});

describe('errors of servers configured to fail', () => {
  it('500 internal', async () => {
    const f = await setup();
    const boom = () => { throw new Error('boom'); };
    const { server, port } = await listen(createApp({ store: f.store, log: silentLog, lang: { analyze: boom, format: boom } }));
    try {
      await inBothLocales(500, 'internal', (locale) => send(port, 'POST', '/api/check', { token: f.tokens.A.author, locale, body: { source: 'x' } }));
    } finally {
      await stop(server);
      f.close();
    }
  });

  it('409 draft_changed: a draft saved while its publication was being checked', async () => {
    let release: () => void = () => {};
    let entered: () => void = () => {};
    const inExamples = () => new Promise<void>((r) => (entered = r));
    const gated: EngineApi = {
      ...realEngine,
      async runExamples(s) {
        entered();
        await new Promise<void>((r) => (release = r));
        return realEngine.runExamples(s);
      },
    };
    const f = await setup({ engine: gated } satisfies Partial<AppOptions>);
    const { server, port } = await listen(f.app);
    try {
      for (const locale of LOCALES) {
        const id = `竞态${locale}`;
        await send(port, 'POST', '/api/schemes', { token: f.tokens.A.author, body: { source: SMALL(id) } });
        const reached = inExamples();
        const publishing = send(port, 'POST', `/api/schemes/${enc(id)}/publish`, { token: f.tokens.A.author, locale });
        await reached;
        expect((await send(port, 'PUT', `/api/schemes/${enc(id)}/draft`, { token: f.tokens.A.author, body: { source: SMALL(id) + '\n' } })).status).toBe(200);
        release();
        expectError(await publishing, 409, 'draft_changed', locale);
      }
    } finally {
      await stop(server);
      f.close();
    }
  });

  it('503 too_many_connections, in the language of the refused request', async () => {
    const f = await setup();
    const { server, port } = await listen(f.app, { maxConnections: 1, headersTimeout: 10_000 });
    const held = await new Promise<Socket>((resolve) => { const s: Socket = connect(port, '127.0.0.1', () => resolve(s)); s.on('error', () => {}); });
    try {
      await new Promise((r) => setTimeout(r, 50));
      for (const locale of LOCALES) {
        const r = await exchange(port, (s) => s.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nAccept-Language: ${ACCEPT[locale]}\r\nConnection: close\r\n\r\n`));
        expectError(r, 503, 'too_many_connections', locale);
      }
    } finally {
      held.destroy();
      await stop(server);
      f.close();
    }
  });

  it('408 request_timeout: a body that never arrives, refused in the language its headers asked for', async () => {
    const f = await setup();
    const { server, port } = await listen(f.app, { headersTimeout: 400, requestTimeout: 800 });
    try {
      for (const locale of LOCALES) {
        const head = `POST /api/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${f.tokens.A.author}\r\nAccept-Language: ${ACCEPT[locale]}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"source":"`;
        const r = await exchange(port, (s) => s.write(head));
        expectError(r, 408, 'request_timeout', locale, false);
      }
    } finally {
      await stop(server);
      f.close();
    }
  });
});

describe('localized answers', () => {
  let f: Fixture;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    f = await setup();
    await publishedProvince(f);
    ({ server, port } = await listen(f.app));
  });
  afterAll(async () => {
    await stop(server);
    f.close();
  });

  it('POST /api/check: the diagnostics in the reader\'s language, codes and ranges unchanged', async () => {
    const source = 'scheme 检 { @ }';
    const zh = await send(port, 'POST', '/api/check', { token: f.tokens.A.author, locale: 'zh', body: { source } });
    const en = await send(port, 'POST', '/api/check?lang=en', { token: f.tokens.A.author, locale: 'zh', body: { source } });
    expect(zh.headers['content-language']).toBe('zh');
    expect(zh.headers.vary).toMatch(/Accept-Language/);
    expect(en.headers['content-language']).toBe('en');
    expect(zh.body.diagnostics.map((d: { code: string }) => d.code)).toEqual(en.body.diagnostics.map((d: { code: string }) => d.code));
    const p = zh.body.diagnostics.find((d: { code: string }) => d.code === 'KH-P004');
    expect(p.message).toMatch(HAN);
    expect(p.message).toBe(render(p.msg, 'zh'));
    expect(en.body.diagnostics.find((d: { code: string }) => d.code === 'KH-P004').message).not.toMatch(HAN);
  });

  it('?lang=zh wins over an English Accept-Language', async () => {
    const r = await send(port, 'GET', '/api/me?lang=zh', { locale: 'en' });
    expectError(r, 401, 'unauthorized', 'zh');
  });

  it('an evaluation is made and stored in the reader\'s language; read back and replayed by key in that language', async () => {
    const key = { 'idempotency-key': 'i18n-stored' };
    const first = await send(port, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, locale: 'zh', headers: key, body: singleCase().subject });
    expect(first.status).toBe(201);
    expect(first.headers['content-language']).toBe('zh');
    expect(first.headers.vary).toMatch(/Accept-Language/);
    // The retry asks for English and gets the first answer, as it was: in Chinese.
    const again = await send(port, 'POST', `${S}/evaluate?lang=en`, { token: f.tokens.A.evaluator, headers: key, body: singleCase().subject });
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-language']).toBe('zh');
    expect(again.headers.vary).toBeUndefined();
    expect(again.text).toBe(first.text);
    // Read back in English: the stored words, and the language they are in.
    const stored = await send(port, 'GET', `/api/evaluations/${first.body.evaluationId}?replay=1&lang=en`, { token: f.tokens.A.evaluator });
    expect(stored.status).toBe(200);
    expect(stored.headers['content-language']).toBe('zh');
    expect(stored.body.lang).toBe('zh');
    expect(JSON.stringify(stored.body.result)).toBe(JSON.stringify(JSON.parse(first.text, (k, v) => (k === 'evaluationId' ? undefined : v))));
    // The replay runs in the stored language, so it is identical.
    expect(stored.body.replay).toEqual({ identical: true });
    const english = await send(port, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, locale: 'en', body: singleCase().subject });
    expect(english.headers['content-language']).toBe('en');
    const row = (id: string) => f.store.get('SELECT lang FROM evaluations WHERE id = ?', [id]);
    expect(await row(first.body.evaluationId)).toEqual({ lang: 'zh' });
    expect(await row(english.body.evaluationId)).toEqual({ lang: 'en' });
  });

  it('answers without words for people carry no Content-Language', async () => {
    const r = await send(port, 'GET', '/api/schemes', { token: f.tokens.A.author, locale: 'zh' });
    expect(r.status).toBe(200);
    expect(r.headers['content-language']).toBeUndefined();
  });
});
