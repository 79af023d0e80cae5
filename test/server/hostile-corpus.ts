// The hostile-request corpus of issue 10 ("no request can exhaust, freeze or crash the server"): what
// to send, per attack category, to every route the live OpenAPI document lists plus the routes it
// does not (/signin, /signout, /healthz, the editor's static files) — so a new route is attacked
// without anyone remembering to add it — and what each answer must be.
//
// Every answer must arrive (no reset or hang), be below 500, be small (MAX_ANSWER_BYTES: a junk
// source once answered with 180 MB of diagnostics) and carry the API.md error body when a 4xx; and be
// quick (MAX_ANSWER_MS, a measurement: asserted in `npm run test:measure`, docs/testing.md). On top of that each request has a verdict: mostly "a 4xx", where the design is
// open a statement of behaviour ("refused, or diagnosed with an error") rather than one status.
// hostile.test.ts builds the world (tokens, ids, a session cookie), sends the corpus over real
// sockets and reports the failures per category.
//
// The categories live in files of their own (issue 16 session 6: one file was 783 lines):
// hostile-sources.ts, hostile-bodies.ts, hostile-http.ts, hostile-access.ts; their shapes in
// hostile-types.ts, the verdicts and building blocks they share in hostile-build.ts.
//
// Two sizes (issue 16 session 7; docs/testing.md): the full corpus — every variant of a category to
// every route it applies to, ≈ 2,400 requests — runs in `npm run test:differential` and `npm run
// test:measure`; `npm test` sends each category at its smallest size that still proves it (smallCorpus
// below, ≈ 870 requests): every route still meets every category that applies to it, and every
// variant is still sent.

import { CATEGORIES, type Category, type Hostile, type World } from './hostile-types.js';
import { sourceCorpus } from './hostile-sources.js';
import { evaluateCohortFlood, hugeDeepJson, invalidUtf8, loneSurrogates, wrongContentType } from './hostile-bodies.js';
import { hugeHeaders, malformedHttp, pathTraversal, wrongMethods } from './hostile-http.js';
import { authBurst, badParameters, badTokens, BURST, crossOrigin, exactNumbers, foreignIds, oversized, SMALL_BURST } from './hostile-access.js';

export * from './hostile-types.js';
export { commonFailure, EXACT_INPUT, numbersScheme } from './hostile-build.js';
export { BURST, freeFormIds, SMALL_BURST } from './hostile-access.js';

/** The corpus in the order it is sent: everything that authenticates properly first; bad
 * credentials last, since they may get the caller's address rate limited. `full`: every variant to
 * every route; else `npm test`'s corpus (smallCorpus). */
export function buildCorpus(w: World, full = true): Hostile[] {
  const corpus = [
    ...sourceCorpus(w),
    ...invalidUtf8(w),
    ...loneSurrogates(w),
    ...hugeDeepJson(w),
    ...evaluateCohortFlood(w),
    ...wrongContentType(w),
    ...wrongMethods(w),
    ...hugeHeaders(w),
    ...pathTraversal(w),
    ...malformedHttp(w),
    ...foreignIds(w),
    ...badParameters(w),
    ...exactNumbers(w),
    ...crossOrigin(w),
    ...oversized(w),
    ...badTokens(w),
    ...authBurst(w, full ? BURST : SMALL_BURST),
  ];
  return full ? corpus : smallCorpus(corpus);
}

/** The route the evaluate fast lane serves (server/fast-lane.ts): a second reader of the body and the
 * credentials, so `npm test` sends it every variant of every category. */
export const FAST_LANE = 'POST /api/schemes/{id}/evaluate';

/** How `npm test` spreads a category: a request's variant (what is sent, apart from the route) and
 * its group (the route, or the route and parameter; default the route); `everyRoute`: variants whose
 * defence is the route's own code (a route list, the route's schema), sent to every route as in the
 * full corpus. A category not listed is sent whole. */
interface Spread { variant: (h: Hostile) => string; group?: (h: Hostile) => string; everyRoute?: (h: Hostile) => boolean }

const byName: Spread = { variant: (h) => h.name };
const SPREAD: Partial<Record<Category, Spread>> = {
  // The source cap is each source route's own check: every route still gets one over-cap junk source.
  'junk-source': byName,
  // The analysis is one pipeline: each route that takes a source meets one of each kind, each kind is sent.
  'postfix-chains': byName,
  'let-chains': byName,
  'checker-throws': byName,
  // requireUtf8 is one middleware for /api/* (server/utf8.ts).
  'invalid-utf8': byName,
  // Depth is refused by a middleware mounted on a list of paths (server/json-depth-guard.ts; a nested
  // value inside a valid body, on each route that needs it: rounds-stale.test.ts) and by evaluate's own
  // reader: the nested bodies go to every route. The wide ones (a 1.8 MB array, 150,000 keys, …) meet
  // each route's schema once in turn.
  'huge-deep-json': { variant: (h) => h.name, everyRoute: (h) => h.name.includes('nested') },
  'wrong-content-type': byName,
  // One 405 handler (server/methods.ts) answers each path: each path meets one wrong method.
  'wrong-method': { variant: (h) => h.name.split(' ')[0] },
  'huge-headers': { variant: (h) => h.name.split(' on ')[0] },
  // Refused values of the known parameters and the path parameters are each route's own parsing
  // (a number, an id): every value to every route. A parameter the corpus does not know meets one
  // junk value per route, each value on some route.
  'bad-parameters': {
    group: (h) => `${h.route} ${h.name.split(/[=:]/)[0]}`,
    variant: (h) => h.name.split(/[=:]/)[0] + '=' + h.name.split(/[=:]/).slice(1).join(':'),
    everyRoute: (h) => h.name.startsWith('path parameters') || /^\?(version|explain|replay)=/.test(h.name),
  },
  // One middleware (server/csrf.ts), the body limit (server/body-limit.ts) and authentication
  // (server/auth/middleware.ts) for every route but the fast lane.
  'cross-origin': byName,
  'oversized-body': byName,
  'bad-tokens': byName,
};

/** Each category's requests, spread (SPREAD): each group (route) gets the first of its variants not
 * sent yet, or else one in turn; a variant no group took is sent where it first occurs. The fast
 * lane's requests and `everyRoute` variants all go. The corpus order is kept. */
export function smallCorpus(corpus: Hostile[]): Hostile[] {
  const keep = new Set<Hostile>();
  for (const category of CATEGORIES) {
    const list = corpus.filter((h) => h.category === category);
    const how = SPREAD[category];
    if (!how) { list.forEach((h) => keep.add(h)); continue; }
    const groups = new Map<string, Hostile[]>();
    const sent = new Set<string>();
    for (const h of list) {
      if (h.route === FAST_LANE || how.everyRoute?.(h)) { keep.add(h); sent.add(how.variant(h)); continue; }
      const g = how.group?.(h) ?? h.route;
      groups.set(g, [...(groups.get(g) ?? []), h]);
    }
    [...groups.values()].forEach((members, i) => {
      const pick = members.find((h) => !sent.has(how.variant(h))) ?? members[i % members.length];
      keep.add(pick);
      sent.add(how.variant(pick));
    });
    for (const h of list) if (!sent.has(how.variant(h))) { keep.add(h); sent.add(how.variant(h)); }
  }
  return corpus.filter((h) => keep.has(h));
}

/** Slow clients: the server must end them (408) instead of holding a socket for minutes. Sent in
 * parallel with the corpus; each gets SLOW_BOUND_MS. */
export const SLOW_BOUND_MS = 30_000;

export interface Slow { name: string; start: string; drip?: string }
export function slowClients(w: World): Slow[] {
  const auth = `Authorization: Bearer ${w.tokens.all}\r\n`;
  return [
    { name: 'headers never finished', start: 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n' },
    { name: 'a body shorter than its Content-Length', start: `POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"source":` },
    { name: 'headers dripped a byte a second', start: 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', drip: `X-Slow: ${'a'.repeat(100)}` },
  ];
}
