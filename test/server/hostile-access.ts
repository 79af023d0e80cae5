// The hostile corpus's access and value categories (split from hostile-corpus.ts, issue 16 session
// 6): another organization's ids, bad parameters, numbers no double holds, cross-origin cookie
// requests, oversized bodies, bad credentials and a burst of guesses.

import { DEFAULT_FAILURE_LIMITS } from '../../server/ratelimit/limiter.js';
import type { Hostile, HttpSend, Route, Verdict, World } from './hostile-types.js';
import { EXACT_INPUT, JSON_TYPE, answered, bearer, exactScore, fill, fourXX, json, keyOf, oneOf, unsafe, validBody } from './hostile-build.js';
import { exactPathVerdict } from './hostile-bodies.js';

/** A person's id is not something an organization owns — any text names someone or nobody — so
 * the person's results route answers any well-formed id (an empty list for another organization's
 * people: results-scoped tests in find-subjects.test.ts), and refuses only malformed ones. */
export const freeFormIds = (r: Route) => r.template.startsWith('/api/subjects/{');

export function foreignIds(w: World): Hostile[] {
  return w.routes.filter((r) => r.params.some((p) => p.in === 'path') && !freeFormIds(r)).map((r): Hostile => ({
    category: 'foreign-ids', route: keyOf(r), name: `org B's ids with an org-A token: ${fill(r.template, w, true)}`,
    send: {
      method: r.method, path: fill(r.template, w, true), headers: { ...bearer(w.tokens.all), ...JSON_TYPE },
      body: r.body ? () => JSON.stringify(validBody(r, w, true)) : undefined,
    },
    verdict: oneOf(404),
  }));
}

export function badParameters(w: World): Hostile[] {
  const out: Hostile[] = [];
  const junk = ['x'.repeat(10_000), '%FF', '%00', '1e400', '9007199254740993', '-0', '0x10', ''];
  // Known parameters and values that must be refused; a parameter the corpus does not know (a new
  // route's filter) must only be answered sanely.
  const refused: Record<string, string[]> = {
    version: ['0', '-0', '1e400', '9007199254740993', '1.0', '0x1', 'x'.repeat(10_000), '%FF'],
    explain: ['maybe', '2', 'x'.repeat(10_000), '%FF'],
    replay: ['2', 'x'.repeat(10_000), '%FF'],
  };
  for (const r of w.routes) {
    const path = fill(r.template, w);
    const body = r.body ? () => JSON.stringify(validBody(r, w)) : undefined;
    for (const p of r.params.filter((x) => x.in === 'query')) {
      for (const v of refused[p.name] ?? junk) {
        out.push({ category: 'bad-parameters', route: keyOf(r), name: `?${p.name}=${v.slice(0, 20)}`,
          send: { method: r.method, path: `${path}?${p.name}=${v}`, headers: { ...bearer(w.tokens.all), ...JSON_TYPE }, body },
          verdict: refused[p.name] ? fourXX : answered });
      }
    }
    for (const p of r.params.filter((x) => x.in === 'header')) {
      for (const v of ['k'.repeat(10_000), 'a b', 'ü', '']) {
        out.push({ category: 'bad-parameters', route: keyOf(r), name: `${p.name}: ${JSON.stringify(v.slice(0, 12))}`,
          send: { method: r.method, path, headers: { ...bearer(w.tokens.all), ...JSON_TYPE, [p.name]: v }, body }, verdict: fourXX });
      }
    }
    const pathParams = r.params.filter((x) => x.in === 'path');
    for (const v of ['x'.repeat(10_000), '%FF', '%00', '..%2f..%2f', '1e400', '9007199254740993', '-0']) {
      if (pathParams.length === 0) break;
      const bad = r.template.replace(/\{[^}]+\}/g, v);
      out.push({ category: 'bad-parameters', route: keyOf(r), name: `path parameters ${v.slice(0, 20)}`,
        send: { method: r.method, path: bad, headers: { ...bearer(w.tokens.all), ...JSON_TYPE }, body },
        verdict: freeFormIds(r) && !['%00', 'x'.repeat(10_000)].includes(v) ? answered : fourXX });
    }
  }
  return out;
}

export function exactNumbers(w: World): Hostile[] {
  const r = w.routes.find((x) => x.template.endsWith('/evaluate'));
  if (!r) return [];
  const send = (input: string, query = ''): HttpSend => ({
    method: 'POST', path: `${fill(r.template, w)}${query}`, headers: { ...bearer(w.tokens.evaluator), ...JSON_TYPE },
    body: () => `{"id":"N1","input":${input}}`,
  });
  const cases: [string, HttpSend, Verdict][] = [
    ['n = 9007199254740993 (2^53 + 1)', send('{"n":9007199254740993}'), exactScore('大整数', 1)],
    ['n = 9007199254740993 with ?explain=1', send('{"n":9007199254740993}', '?explain=1'), exactScore('大整数', 1)],
    ['n = 9.007199254740993e15', send('{"n":9.007199254740993e15}'), exactScore('大整数', 1, 'n')],
    ['n = 9007199254740993.5 (not an integer)', send('{"n":9007199254740993.5}'), exactPathVerdict('n')],
    ['n = 1e400', send('{"n":1e400}'), exactScore('大整数', 100, 'n')],
    ['n = -0', send('{"n":-0}'), exactScore('大整数', 0, 'n')],
    ['x = 0.1000000000000000055511151231257827', send('{"x":0.1000000000000000055511151231257827}'), exactScore('小数', 55.51, 'x')],
    ['x = 1e400', send('{"x":1e400}'), exactScore('小数', 100, 'x')],
    ['x = -1e400', send('{"x":-1e400}'), exactScore('小数', 0, 'x')],
    ['x = -0', send('{"x":-0}'), exactScore('小数', 0, 'x')],
    ['x = 1e-400', send('{"x":1e-400}'), exactScore('小数', 0, 'x')],
    ['a cohort, both n = 9007199254740993', {
      ...send(''), body: () => '{"subjects":[{"id":"C1","input":{"n":9007199254740993}},{"id":"C2","input":{"n":9007199254740993}}]}',
    }, exactScore('大整数', 1)],
  ];
  const stored = w.routes.find((x) => x.method === 'GET' && x.template === '/api/evaluations/{id}');
  const out = cases.map(([name, s, verdict]): Hostile => ({ category: 'exact-numbers', route: keyOf(r), name, send: s, verdict }));
  if (!stored) return out;
  // Stored and replayed: the input comes back as sent, and the replay on it gives the same result.
  return [...out, {
    category: 'exact-numbers', route: keyOf(stored), name: 'the stored input and its replay',
    send: { method: 'GET', path: `/api/evaluations/${w.ids.exactEvaluation}?replay=1`, headers: bearer(w.tokens.evaluator) },
    verdict: (a) => {
      if (a.status !== 200) return `expected 200, got ${a.status}`;
      if (!a.body.includes(EXACT_INPUT.slice(1, -1))) return 'the stored input is not the one sent';
      return json(a)?.replay?.identical === true ? undefined : 'the replay differs';
    },
  }];
}

/** Cookie requests from another origin, against every state-changing route: 403 before anything
 * happens (Origin or Sec-Fetch-Site; the session cookie is SameSite=Strict, but another port on the
 * same host is the same site). */
export function crossOrigin(w: World): Hostile[] {
  const other = `http://127.0.0.1:${w.port === 65535 ? 65534 : w.port + 1}`;
  const variants: [string, Record<string, string>][] = [
    [`Origin: ${other}`, { origin: other }],
    ['Origin: http://localhost (another host)', { origin: `http://localhost:${w.port}` }],
    ['Origin: https (another scheme)', { origin: `https://127.0.0.1:${w.port}` }],
    ['Origin: null', { origin: 'null' }],
    ['Origin: http://evil.example', { origin: 'http://evil.example' }],
    ['Sec-Fetch-Site: cross-site, no Origin', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site with another port', { 'sec-fetch-site': 'same-site', origin: other }],
  ];
  const targets = [
    ...w.routes.filter(unsafe).map((r) => ({ route: keyOf(r), method: r.method, path: fill(r.template, w), body: r.body ? () => JSON.stringify(validBody(r, w)) : undefined })),
    // Last: if it is not refused, it ends the session the others use.
    { route: 'POST /signout', method: 'POST', path: '/signout', body: undefined },
  ];
  return targets.flatMap((t) => variants.map(([name, headers]): Hostile => ({
    category: 'cross-origin', route: t.route, name,
    send: { method: t.method, path: t.path, headers: { cookie: w.cookie, ...JSON_TYPE, ...headers }, body: t.body },
    verdict: oneOf(403),
  })));
}

export function oversized(w: World): Hostile[] {
  const limit = 2 * 1024 * 1024;
  return w.routes.filter(unsafe).flatMap((r): Hostile[] => {
    const route = keyOf(r);
    const path = fill(r.template, w);
    const headers = { ...bearer(w.tokens.all), ...JSON_TYPE };
    const over = () => JSON.stringify({ ...validBody(r, w), pad: 'p'.repeat(limit) });
    return [
      { category: 'oversized-body', route, name: 'a body of 2 MiB + a valid prefix', send: { method: r.method, path, headers, body: over }, verdict: oneOf(413) },
      { category: 'oversized-body', route, name: 'the same body chunked', send: { method: r.method, path, headers, body: over, chunked: true }, verdict: oneOf(413) },
      { category: 'oversized-body', route, name: '8 MB chunked', send: { method: r.method, path, headers, body: () => Buffer.alloc(8_000_000, 0x20), chunked: true }, verdict: oneOf(413) },
      { category: 'oversized-body', route, name: '10 GB declared, 1 KB sent', verdict: oneOf(413),
        send: { raw: () => `${r.method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${w.tokens.all}\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n${' '.repeat(1024)}` } },
    ];
  });
}

export function badTokens(w: World): Hostile[] {
  const variants: [string, Record<string, string>][] = [
    ['no credential', {}],
    ['an unknown token', bearer('kh_unknown0000000000000000000000')],
    ['an 8 KB token', bearer('k'.repeat(8_000))],
    ['a malformed Bearer header', { authorization: 'Bearer a b' }],
    ['Basic credentials', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['a revoked token', bearer(w.tokens.revoked)],
    // With its own origin, as a browser sends it: a cross-origin check may not be what refuses it.
    ['an unknown session cookie', { cookie: 'kaohe_session=khs_nope', origin: `http://127.0.0.1:${w.port}` }],
  ];
  return w.routes.filter((r) => !r.public).flatMap((r) => variants.map(([name, headers]): Hostile => ({
    category: 'bad-tokens', route: keyOf(r), name,
    send: { method: r.method, path: fill(r.template, w), headers: { ...headers, ...JSON_TYPE }, body: r.body ? () => JSON.stringify(validBody(r, w)) : undefined },
    // 429 once failed authentication is rate limited.
    verdict: oneOf(401, 429),
  })));
}

export const BURST = 150;
/** `npm test`'s burst: twice the default limit of failures (the test requires the last 10 to be 429). */
export const SMALL_BURST = 2 * DEFAULT_FAILURE_LIMITS.maxFailures;

/** Many failed authentications in a row: each 401 or 429; hostile.test.ts also requires the last
 * ones to be 429 (failed authentication is rate limited). */
export function authBurst(w: World, count = BURST): Hostile[] {
  return Array.from({ length: count }, (_, i): Hostile => ({
    category: 'auth-burst', route: 'GET /api/me', name: `guess ${i + 1}`,
    send: { method: 'GET', path: '/api/me', headers: bearer(`kh_guess${i.toString().padStart(8, '0')}`) },
    verdict: oneOf(401, 429),
  }));
}
