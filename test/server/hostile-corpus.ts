// The hostile-request corpus of issue 10 ("no request can exhaust, freeze or crash the server"): what
// to send, per attack category, to every route the live OpenAPI document lists plus the routes it
// does not (/signin, /signout, /healthz, the editor's static files) — so a new route is attacked
// without anyone remembering to add it — and what each answer must be.
//
// Every answer must arrive (no reset or hang), be below 500, be small (MAX_ANSWER_BYTES: a junk
// source once answered with 180 MB of diagnostics) and carry the API.md error body when a 4xx; and be
// quick (MAX_ANSWER_MS, a measurement: asserted in `npm run test:differential`, docs/testing.md). On top of that each request has a verdict: mostly "a 4xx", where the design is
// open a statement of behaviour ("refused, or diagnosed with an error") rather than one status.
// hostile.test.ts builds the world (tokens, ids, a session cookie), sends the corpus over real
// sockets and reports the failures per category.
//
// The categories live in files of their own (issue 16 session 6: one file was 783 lines):
// hostile-sources.ts, hostile-bodies.ts, hostile-http.ts, hostile-access.ts; their shapes in
// hostile-types.ts, the verdicts and building blocks they share in hostile-build.ts.

import type { Hostile, World } from './hostile-types.js';
import { sourceCorpus } from './hostile-sources.js';
import { evaluateCohortFlood, hugeDeepJson, invalidUtf8, loneSurrogates, wrongContentType } from './hostile-bodies.js';
import { hugeHeaders, malformedHttp, pathTraversal, wrongMethods } from './hostile-http.js';
import { authBurst, badParameters, badTokens, crossOrigin, exactNumbers, foreignIds, oversized } from './hostile-access.js';

export * from './hostile-types.js';
export { commonFailure, EXACT_INPUT, numbersScheme } from './hostile-build.js';
export { BURST, freeFormIds } from './hostile-access.js';

/** The corpus in the order it is sent: everything that authenticates properly first; bad
 * credentials last, since they may get the caller's address rate limited. */
export function buildCorpus(w: World): Hostile[] {
  return [
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
    ...authBurst(w),
  ];
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
