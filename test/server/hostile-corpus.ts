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

import { gzipSync } from 'node:zlib';
import { wellFormed } from '../../server/prepared.js';

export const MAX_ANSWER_BYTES = 2_000_000;
export const MAX_ANSWER_MS = 2_000;

/** What came back. `failure` is set when no complete answer did (reset, timeout, too large). */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as text, cut at MAX_ANSWER_BYTES + 1 bytes. */
  body: string;
  bytes: number;
  ms: number;
  failure?: string;
}

/** A request through node:http (any method, any path bytes Node allows, any headers). */
export interface HttpSend {
  method: string;
  path: string;
  headers?: Record<string, string | string[]>;
  /** Built when sent, so the corpus does not hold 60 MB of bodies at once. */
  body?: () => Buffer | string;
  /** Sent with `Transfer-Encoding: chunked` (no Content-Length). */
  chunked?: boolean;
}

/** Bytes written as they are to a fresh socket: what node:http refuses to produce. */
export interface RawSend {
  raw: () => Buffer | string;
}

/** A failure reason, or undefined when the answer is what the category requires. */
export type Verdict = (a: Answer) => string | undefined;

export interface Hostile {
  category: Category;
  /** `METHOD /template` of the route attacked (`GET /static` for the editor's files). */
  route: string;
  name: string;
  send: HttpSend | RawSend;
  verdict: Verdict;
}

export const CATEGORIES = [
  'junk-source', 'source-over-cap', 'deep-nesting', 'postfix-chains', 'let-chains', 'checker-throws',
  'invalid-utf8', 'lone-surrogates', 'huge-deep-json', 'wrong-content-type', 'wrong-method',
  'huge-headers', 'path-traversal', 'malformed-http', 'foreign-ids', 'bad-parameters', 'exact-numbers',
  'cross-origin', 'oversized-body', 'bad-tokens', 'auth-burst',
] as const;
export type Category = (typeof CATEGORIES)[number];

// ---------------------------------------------------------------------------------------------
// The world the corpus is built for

/** One operation of the OpenAPI document. */
export interface Route {
  method: string;
  template: string;
  params: { name: string; in: string }[];
  /** Property names of the JSON request body, when the operation takes one. */
  body?: string[];
  public: boolean;
}

export interface World {
  port: number;
  routes: Route[];
  /** Largest source a source route accepts, in UTF-8 bytes. */
  sourceCapBytes: number;
  /** `all`: org A, every role (so that a request is never refused for its role before the attack). */
  tokens: { all: string; evaluator: string; revoked: string };
  /** `kaohe_session=…` of an org-A browser session holding every role. */
  cookie: string;
  ids: {
    scheme: string; evaluation: string; token: string; bScheme: string; bEvaluation: string; bToken: string; exactEvaluation: string;
    round: string; bRound: string; account: string; bAccount: string;
  };
  /** Paths of the editor's files that exist (`/`, `/index.html`, an asset). */
  staticPaths: string[];
}

/** The OpenAPI document's operations, with `$ref` request bodies resolved to their property names. */
export function routesOf(doc: any): Route[] {
  const resolve = (s: any): any => (s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s);
  const out: Route[] = [];
  for (const [template, ops] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      const schema = resolve(op.requestBody?.content?.['application/json']?.schema);
      out.push({
        method: method.toUpperCase(),
        template,
        params: (op.parameters ?? []).map((p: any) => ({ name: p.name, in: p.in })),
        body: schema ? Object.keys(schema.properties ?? {}) : undefined,
        public: !op.security || op.security.length === 0,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sources

/** The input of `ids.exactEvaluation`, stored by hostile.test.ts: numbers no double holds. */
export const EXACT_INPUT = '{"n":9007199254740993,"x":0.1000000000000000055511151231257827}';

/** A small valid scheme whose results show whether numbers arrived exactly: 大整数 is 1 for
 * n = 9007199254740993 (2^53 + 1), 小数 is 55.51 for x = 0.1000000000000000055511151231257827. */
export const numbersScheme = (name: string) => `scheme ${name} {
  precision 2
  input {
    n: integer = 9007199254740992
    x: number = 0.1
  }
  indicator 大整数 weight 50% = n - 9007199254740992
  indicator 小数 weight 50% = (x - 0.1) * 10000000000000000000
  grades { 合格 otherwise }
}
`;

/** A scheme shell around hostile declarations: an input `x` and a list `t` to refer to. */
const shell = (body: string) => (name: string) => `scheme ${name} {\n  input { x: number  t: list of number }\n  ${body}\n}\n`;

type Source = [name: string, make: (schemeName: string) => string];

/** Junk sources over the source cap: the issue's own (1.8 MB, one lexer error per two characters),
 * and 1.2 M characters that are 2.0 MB of UTF-8, just under the 2 MiB body limit. */
const JUNK_OVER_CAP: Source[] = [
  ['"@ " x 900,000 (1.8 MB)', (n) => `scheme ${n} { ` + '@ '.repeat(900_000) + '}'],
  ['"垃@ " x 400,000 (1.2 M chars, 2.0 MB)', (n) => `scheme ${n} { ` + '垃@ '.repeat(400_000) + '}'],
];

/** Junk just under the source cap: all of it reaches the lexer and parser. */
const junkUnderCap = (capBytes: number): Source[] => [
  ['"@ " just under the source cap', (n) => `scheme ${n} { ` + '@ '.repeat(Math.floor((capBytes - 64) / 2)) + '}'],
  ['keyword soup "let " just under the source cap', (n) => `scheme ${n} { ` + 'let '.repeat(Math.floor((capBytes - 64) / 4)) + '}'],
];

/** Far deeper than any nesting limit, and large enough that every stage sees thousands of nodes. */
const DEEP: Source[] = [
  ['30,000 nested parentheses', shell(`let a = ${'('.repeat(30_000)}x${')'.repeat(30_000)}`)],
  ['30,000 nested index brackets', shell(`let a = ${'t['.repeat(30_000)}0${']'.repeat(30_000)}`)],
  ['30,000 nested calls', shell(`let a = ${'min('.repeat(30_000)}x${')'.repeat(30_000)}`)],
  ['100,000 unclosed parentheses', shell(`let a = ${'('.repeat(100_000)}`)],
  ['10,000 nested groups', shell(`${'group g { '.repeat(10_000)}${'} '.repeat(10_000)}`)],
  ['10,000 nested when blocks', shell(`group g weight 100% { ${'when x > 0 { '.repeat(10_000)}${'} '.repeat(10_000)}}`)],
  ['10,000 nested if-then-else', shell(`let a = ${'if x > 0 then '.repeat(10_000)}x${' else x'.repeat(10_000)}`)],
  ['50,000 unary minus', shell(`let a = ${'-'.repeat(50_000)}x`)],
  ['30,000 nots', shell(`let a = ${'not '.repeat(30_000)}true`)],
  ['50,000-term sum (a left-deep tree)', shell(`let a = x${' + x'.repeat(50_000)}`)],
  ['30,000-term or chain', shell(`let a = x > 0${' or x > 0'.repeat(30_000)}`)],
];

const POSTFIX: Source[] = [
  ['x.f x 3,000', shell(`let a = x${'.f'.repeat(3_000)}`)],
  ['x[0] x 3,000', shell(`let a = x${'[0]'.repeat(3_000)}`)],
  ['t.f[0] x 3,000', shell(`let a = t${'.f[0]'.repeat(3_000)}`)],
  ['x() x 3,000', shell(`let a = x${'()'.repeat(3_000)}`)],
  ['x.f x 30,000', shell(`let a = x${'.f'.repeat(30_000)}`)],
];

const letChain = (n: number, last: string) =>
  Array.from({ length: n }, (_, i) => `let a${i} = ${i === n - 1 ? last : `a${i + 1} + 1`}`).join('\n  ');

const LETS: Source[] = [
  ['2,000 chained lets ending in an unknown name', shell(letChain(2_000, 'unknown'))],
  ['2,000 lets in one cycle', shell(letChain(2_000, 'a0'))],
  ['2,000 chained indicators', shell(Array.from({ length: 2_000 }, (_, i) => `indicator i${i} weight ${i === 0 ? 100 : 0}% = ${i === 1_999 ? 'unknown' : `i${i + 1}`}`).join('\n  '))],
];

const LONG_LETS: Source[] = [['20,000 chained lets ending in an unknown name', shell(letChain(20_000, 'unknown'))]];

/** Short sources that once made the checker throw (a 500). */
const THROWS: Source[] = [
  ['avg(t.1)', (n) => `scheme ${n} { let a = avg(t.1) }`],
  ['avg(x in t*)', (n) => `scheme ${n} { let a = avg(x in t*) }`],
  ['sum(t in )', (n) => `scheme ${n} { let a = sum(t in ) }`],
  ['count(q in t where)', (n) => `scheme ${n} { input { t: list of number } let a = count(q in t where) }`],
  ['avg(t.1.2) with t declared', (n) => `scheme ${n} { input { t: list of number } let a = avg(t.1.2) }`],
  ['max(x in t* : x)', (n) => `scheme ${n} { input { t: list of number } let a = max(x in t* : x) }`],
];

/** A valid source padded with a comment to `bytes` bytes of UTF-8. */
const padded = (bytes: number) => (n: string) => {
  const s = numbersScheme(n) + '// ';
  return s + 'p'.repeat(Math.max(0, bytes - Buffer.byteLength(s)));
};

// ---------------------------------------------------------------------------------------------
// Verdicts

const json = (a: Answer): any => {
  try { return JSON.parse(a.body); } catch { return undefined; }
};
const is4xx = (s: number) => s >= 400 && s < 500;

const fourXX: Verdict = (a) => (is4xx(a.status) ? undefined : `expected a 4xx, got ${a.status}`);
const oneOf = (...codes: number[]): Verdict => (a) =>
  codes.includes(a.status) ? undefined : `expected ${codes.join(' or ')}, got ${a.status}`;
/** Any answer below 500 (the common checks still apply): where the design is open. */
const answered: Verdict = () => undefined;

const hasError = (a: Answer) => (json(a)?.diagnostics ?? []).some((d: { severity?: string }) => d.severity === 'error');

/** What a hostile source must meet on a route: check, create and draft may diagnose it (a 2xx whose
 * diagnostics hold an error: drafts with errors are stored by design); format may format what parses;
 * every other route refuses it. */
function refusedSource(route: string): Verdict {
  return (a) => {
    if (is4xx(a.status)) return undefined;
    const ok = a.status >= 200 && a.status < 300;
    if (ok && route === 'POST /api/format') return typeof json(a)?.source === 'string' ? undefined : 'a 2xx without the formatted source';
    if (ok && ['POST /api/check', 'POST /api/schemes', 'PUT /api/schemes/{id}/draft'].includes(route)) {
      return hasError(a) ? undefined : `${a.status} without an error diagnostic`;
    }
    return `expected a 4xx, got ${a.status}`;
  };
}

/** 201 whose indicator `id` scored exactly `score`, or (when `orPath`) a 4xx naming that input path. */
function exactScore(id: string, score: number, orPath?: string): Verdict {
  return (a) => {
    const body = json(a);
    if (orPath && is4xx(a.status)) {
      const paths = (body?.error?.details ?? []).map((d: { path?: string }) => d.path);
      return paths.some((p: unknown) => p === orPath || (typeof p === 'string' && p.endsWith(`.${orPath}`)))
        ? undefined
        : `a ${a.status} that names no path ${orPath} (paths: ${JSON.stringify(paths).slice(0, 200)})`;
    }
    if (a.status !== 201) return `expected 201${orPath ? ` or a 4xx naming ${orPath}` : ''}, got ${a.status}`;
    const results = body?.results ?? [body];
    for (const r of results) {
      const got = r?.indicators?.find((i: { id: string }) => i.id === id)?.score;
      if (got !== score) return `indicator ${id} scored ${got}, not exactly ${score}`;
    }
    return undefined;
  };
}

/** A 4xx that does not carry any of the markers of a file outside the editor's directory. */
const noLeak: Verdict = (a) => {
  const leaked = ['"name": "kaohe"', 'root:x:', 'createApp', '[core]', 'defineConfig'].find((m) => a.body.includes(m));
  return leaked ? `leaked a file (${leaked})` : fourXX(a);
};

/** The checks every answer gets: it arrived, below 500, small, and a 4xx is an API error body. */
export function commonFailure(a: Answer): string | undefined {
  if (a.failure) return a.failure;
  if (a.status >= 500) return `a ${a.status}: ${a.body.slice(0, 160)}`;
  if (a.bytes > MAX_ANSWER_BYTES) return `an answer of ${a.bytes} bytes`;
  if (a.status >= 400) {
    const e = json(a)?.error;
    if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || !Array.isArray(e.details)) {
      return `a ${a.status} without the API error body: ${JSON.stringify(a.body.slice(0, 120))}`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Building the corpus

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const JSON_TYPE = { 'content-type': 'application/json' };
const keyOf = (r: Route) => `${r.method} ${r.template}`;
let serial = 0;
/** A scheme name no request used before: a repeated name would be refused (409) before analysis. */
const fresh = (stem = 'H') => `${stem}${++serial}`;

/** The route's path with its parameters filled: the caller's own ids, or org B's (`foreign`). */
function fill(template: string, w: World, foreign = false): string {
  return template.replace(/\{([^}]+)\}/g, (_m, _name, offset: number) => {
    const before = template.slice(0, offset).split('/').filter(Boolean).pop();
    const id = (v: string) => encodeURIComponent(v);
    switch (before) {
      case 'schemes': return id(foreign ? w.ids.bScheme : w.ids.scheme);
      case 'versions': return '1';
      case 'evaluations': return id(foreign ? w.ids.bEvaluation : w.ids.evaluation);
      case 'tokens': return id(foreign ? w.ids.bToken : w.ids.token);
      case 'rounds': return id(foreign ? w.ids.bRound : w.ids.round);
      case 'accounts': return id(foreign ? w.ids.bAccount : w.ids.account);
      case 'revisions': return '1';
      default: return 'x';
    }
  });
}

/** The scheme name a source sent to this route must carry to reach the analysis (a draft may not
 * rename its scheme; a create of a name in use is 409 before anything is analyzed). */
const nameFor = (r: Route, w: World, foreign = false) =>
  r.template.endsWith('/draft') ? (foreign ? w.ids.bScheme : w.ids.scheme) : fresh();

/** A body the route accepts, so that the attack is the only thing wrong with the request. */
function validBody(r: Route, w: World, foreign = false): Record<string, unknown> {
  if (r.body?.includes('source')) return { source: numbersScheme(nameFor(r, w, foreign)) };
  if (r.template.endsWith('/evaluate')) return r.template.startsWith('/api/rounds') ? {} : { id: 'S1', input: {} };
  if (r.body?.includes('role')) return { role: 'evaluator' };
  // Issue 14's routes: a body their schema accepts, so that an id is the only thing wrong.
  if (r.template.endsWith('/roster')) return { members: [{ id: 'S1', status: 'take' }] };
  if (r.template.endsWith('/inputs')) return { subjects: [{ id: 'S1', input: {} }] };
  if (r.template.endsWith('/publicize')) return { until: '2099-12-31' };
  if (r.template.endsWith('/amendments')) return { subject: 'S1', reason: '复核', input: {} };
  if (r.template.startsWith('/api/accounts/')) return { disabled: false };
  return {};
}

const jsonSend = (r: Route, w: World, body: () => Buffer | string, headers: Record<string, string> = {}): HttpSend => ({
  method: r.method, path: fill(r.template, w), headers: { ...bearer(w.tokens.all), ...JSON_TYPE, ...headers }, body,
});

const bodyRoutes = (w: World) => w.routes.filter((r) => r.body !== undefined);
const sourceRoutes = (w: World) => w.routes.filter((r) => r.body?.includes('source'));
const unsafe = (r: Route) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method);

let rotation = 0;

/** `sources` sent to routes: every source to every route (`all`), or, where analyzing one costs
 * seconds, each to one source route in turn (`rotate`): every route still meets the category, and
 * the file stays within a minute. */
function sourceAttacks(w: World, category: Category, sources: Source[], spread: 'all' | 'all-body-routes' | 'rotate'): Hostile[] {
  const attack = (r: Route, [name, make]: Source): Hostile => {
    const field = r.body?.includes('source') ? 'source' : (r.body?.[0] ?? 'source');
    return {
      category, route: keyOf(r), name,
      send: jsonSend(r, w, () => JSON.stringify({ ...validBody(r, w), [field]: make(nameFor(r, w)) })),
      verdict: refusedSource(keyOf(r)),
    };
  };
  if (spread !== 'rotate') return (spread === 'all' ? sourceRoutes(w) : bodyRoutes(w)).flatMap((r) => sources.map((s) => attack(r, s)));
  const routes = sourceRoutes(w);
  return sources.map((s) => attack(routes[rotation++ % routes.length], s));
}

function overCap(w: World): Hostile[] {
  return sourceRoutes(w).map((r): Hostile => ({
    category: 'source-over-cap', route: keyOf(r), name: `a valid source padded to ${w.sourceCapBytes + 1} bytes`,
    send: jsonSend(r, w, () => JSON.stringify({ ...validBody(r, w), source: padded(w.sourceCapBytes + 1)(nameFor(r, w)) })),
    verdict: fourXX,
  }));
}

/** Invalid UTF-8 inside a string of an otherwise valid body: refused, not silently replaced. */
const BAD_UTF8: [string, number[]][] = [
  ['a lone 0xFF', [0xff]],
  ['0xC3 0x28 (a broken two-byte sequence)', [0xc3, 0x28]],
  ['an overlong "/" (0xC0 0xAF)', [0xc0, 0xaf]],
  ['a UTF-16 surrogate as CESU-8 (0xED 0xA0 0x80)', [0xed, 0xa0, 0x80]],
  ['beyond U+10FFFF (0xF4 0x90 0x80 0x80)', [0xf4, 0x90, 0x80, 0x80]],
  ['a truncated three-byte sequence', [0xe5, 0x9e]],
];
const MARK = 'UTF8MARK';

function withBadBytes(body: Record<string, unknown>, bytes: number[]): Buffer {
  const marked = { ...body };
  if (typeof marked.source === 'string') marked.source = `${marked.source}// ${MARK}\n`;
  else if (typeof marked.id === 'string') marked.id = `${marked.id}${MARK}`;
  else if (typeof marked.role === 'string') marked.name = `n${MARK}`;
  else marked[`k${MARK}`] = 1;
  const text = Buffer.from(JSON.stringify(marked));
  const at = text.indexOf(MARK);
  return Buffer.concat([text.subarray(0, at), Buffer.from(bytes), text.subarray(at + MARK.length)]);
}

function invalidUtf8(w: World): Hostile[] {
  const inBodies = bodyRoutes(w).flatMap((r) => BAD_UTF8.map(([name, bytes]): Hostile => ({
    category: 'invalid-utf8', route: keyOf(r), name: `${name} in a string of a valid body`,
    send: jsonSend(r, w, () => withBadBytes(validBody(r, w), bytes)), verdict: fourXX,
  })));
  const schemeRoute = w.routes.find((r) => r.template === '/api/schemes/{id}' && r.method === 'GET');
  const inPaths: Hostile[] = schemeRoute ? ['%FF', '%C0%AF', '%ED%A0%80'].map((p) => ({
    category: 'invalid-utf8', route: keyOf(schemeRoute), name: `${p} in the path`,
    send: { method: 'GET', path: `/api/schemes/${p}`, headers: bearer(w.tokens.all) }, verdict: fourXX,
  })) : [];
  return [...inBodies, ...inPaths];
}

function loneSurrogates(w: World): Hostile[] {
  const out: Hostile[] = [];
  for (const r of bodyRoutes(w)) {
    const route = keyOf(r);
    if (r.body?.includes('source')) {
      for (const s of ['\\ud800', '\\udfff']) {
        // JSON text, since JSON.stringify would escape the lone surrogate the same way anyway.
        const name = nameFor(r, w);
        out.push({ category: 'lone-surrogates', route, name: `${s} in the scheme name`,
          send: jsonSend(r, w, () => `{"source":"scheme ${name}${s} { input { x: number } }"}`), verdict: refusedSource(route) });
      }
      if (r.body.includes('keywords')) {
        out.push({ category: 'lone-surrogates', route, name: 'keywords "\\ud800"',
          send: jsonSend(r, w, () => `{"source":"scheme P { }","keywords":"\\ud800"}`), verdict: fourXX });
      }
    } else if (r.template.endsWith('/evaluate')) {
      out.push({ category: 'lone-surrogates', route, name: 'an input key "\\udc00"',
        send: jsonSend(r, w, () => '{"id":"S1","input":{"\\udc00":1}}'), verdict: exactPathVerdict('\udc00') });
      out.push({ category: 'lone-surrogates', route, name: 'an input number field holding "\\ud800"',
        send: jsonSend(r, w, () => '{"id":"S1","input":{"x":"\\ud800"}}'), verdict: exactPathVerdict('x') });
    } else {
      out.push({ category: 'lone-surrogates', route, name: 'every string value "\\ud800"',
        send: jsonSend(r, w, () => JSON.stringify(Object.fromEntries((r.body ?? ['k']).map((k) => [k, '\ud800'])))), verdict: fourXX });
    }
  }
  return out;
}

/** A 4xx whose details name the input path (after U+FFFD replacement, if the name is one). */
function exactPathVerdict(path: string): Verdict {
  return (a) => {
    if (!is4xx(a.status)) return `expected a 4xx, got ${a.status}`;
    const paths: unknown[] = (json(a)?.error?.details ?? []).map((d: { path?: unknown }) => d.path);
    const wanted = [path, wellFormed(path)];
    return paths.some((p) => typeof p === 'string' && wanted.some((x) => p === x || p.endsWith(`.${x}`))) ? undefined : `no detail names ${JSON.stringify(path)}`;
  };
}

function hugeDeepJson(w: World): Hostile[] {
  const cases: [string, () => string][] = [
    ['100,000 nested arrays', () => '['.repeat(100_000) + ']'.repeat(100_000)],
    ['100,000 nested objects', () => '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)],
    ['an array of 900,000 zeros (1.8 MB)', () => `[${'0,'.repeat(899_999)}0]`],
    ['an object with 150,000 keys', () => `{${Array.from({ length: 150_000 }, (_, i) => `"k${i}":0`).join(',')}}`],
    ['a 1.9 MB string of \\u escapes', () => `{"source":"${'\\u0040'.repeat(316_000)}"}`],
    ['a number of 1.9 M digits', () => `{"source":${'9'.repeat(1_900_000)}}`],
    ['every key a duplicate "source"', () => `{${'"source":"x",'.repeat(120_000)}"source":"y"}`],
  ];
  return bodyRoutes(w).flatMap((r) => cases.map(([name, body]): Hostile => ({
    category: 'huge-deep-json', route: keyOf(r), name, send: jsonSend(r, w, body),
    // Two bodies are valid JSON with a string source (316,000 "@"; the last of the duplicate keys,
    // "y"): a source route must refuse or diagnose them like any source that is no scheme.
    verdict: (name.startsWith('every key') || name.includes('escapes')) && r.body?.includes('source') ? refusedSource(keyOf(r)) : fourXX,
  })));
}

function evaluateCohortFlood(w: World): Hostile[] {
  const r = w.routes.find((x) => x.template.endsWith('/evaluate'));
  if (!r) return [];
  return [
    { category: 'huge-deep-json', route: keyOf(r), name: 'a cohort of 60,000 invalid subjects',
      send: jsonSend(r, w, () => JSON.stringify({ subjects: Array.from({ length: 60_000 }, (_, i) => ({ id: `s${i}`, input: { n: 'x' } })) })),
      verdict: fourXX },
    { category: 'huge-deep-json', route: keyOf(r), name: 'an input list of 400,000 numbers for a number',
      send: jsonSend(r, w, () => JSON.stringify({ id: 'S1', input: { x: Array.from({ length: 400_000 }, () => 1) } })),
      verdict: fourXX },
  ];
}

function wrongContentType(w: World): Hostile[] {
  const types: [string, string | undefined][] = [
    ['text/plain', 'text/plain'], ['no content type', undefined], ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'], ['xml', 'application/xml'], ['octet-stream', 'application/octet-stream'],
    ['JSON declared as UTF-16', 'application/json; charset=utf-16'],
  ];
  return bodyRoutes(w).flatMap((r) => types.map(([name, type]): Hostile => {
    const headers: Record<string, string> = { ...bearer(w.tokens.all) };
    if (type) headers['content-type'] = type;
    const utf16 = type?.includes('utf-16');
    return {
      category: 'wrong-content-type', route: keyOf(r), name: `a valid body as ${name}`,
      send: { method: r.method, path: fill(r.template, w), headers, body: () => (utf16 ? Buffer.from(JSON.stringify(validBody(r, w)), 'utf16le') : JSON.stringify(validBody(r, w))) },
      verdict: fourXX,
    };
  }));
}

/** Every path the server answers, with the methods routed there (static files: GET only). */
function allPaths(w: World): { path: string; route: string; methods: string[]; api: boolean }[] {
  const byTemplate = new Map<string, string[]>();
  for (const r of w.routes) byTemplate.set(r.template, [...(byTemplate.get(r.template) ?? []), r.method]);
  return [
    ...[...byTemplate].map(([t, methods]) => ({ path: fill(t, w), route: `${methods.join('|')} ${t}`, methods, api: t.startsWith('/api') })),
    { path: '/api/openapi.json', route: 'GET /api/openapi.json', methods: ['GET'], api: true },
    { path: '/signin', route: 'GET /signin', methods: ['GET'], api: false },
    { path: '/signout', route: 'POST /signout', methods: ['POST'], api: false },
    ...w.staticPaths.map((p) => ({ path: p, route: 'GET /static', methods: ['GET'], api: false })),
  ];
}

function wrongMethods(w: World): Hostile[] {
  const out: Hostile[] = [];
  for (const p of allPaths(w)) {
    const isStatic = p.route === 'GET /static';
    for (const m of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'PROPFIND']) {
      if (p.methods.includes(m)) continue;
      // README: a wrong method is 405 with Allow on a route; the static files are no route (404).
      const verdict = isStatic || m === 'TRACE' || m === 'PROPFIND' ? fourXX : oneOf(405);
      out.push({ category: 'wrong-method', route: p.route, name: `${m} ${p.path}`,
        send: { method: m, path: p.path, headers: { ...bearer(w.tokens.all), ...JSON_TYPE }, body: m === 'GET' ? undefined : () => '{}' }, verdict });
    }
    out.push({ category: 'wrong-method', route: p.route, name: `FOO ${p.path}`,
      send: { raw: () => `FOO ${p.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n` }, verdict: fourXX });
  }
  out.push({ category: 'wrong-method', route: 'raw', name: 'CONNECT (a proxy tunnel)',
    send: { raw: () => `CONNECT 127.0.0.1:${w.port} HTTP/1.1\r\nHost: 127.0.0.1:${w.port}\r\n\r\n` }, verdict: fourXX });
  return out;
}

function hugeHeaders(w: World): Hostile[] {
  const many: Record<string, string> = {};
  for (let i = 0; i < 400; i++) many[`x-h${i}`] = 'v'.repeat(60);
  const variants: [string, Record<string, string>][] = [
    ['a 64 KiB header', { 'x-big': 'a'.repeat(64 * 1024) }],
    ['400 headers of 60 bytes', many],
    ['a 20 KiB cookie', { cookie: `kaohe_session=${'c'.repeat(20 * 1024)}` }],
  ];
  return allPaths(w).flatMap((p) => variants.map(([name, headers]): Hostile => ({
    category: 'huge-headers', route: p.route, name: `${name} on ${p.methods[0]} ${p.path}`,
    send: { method: p.methods[0], path: p.path, headers: { ...bearer(w.tokens.all), ...headers } }, verdict: fourXX,
  })));
}

function pathTraversal(w: World): Hostile[] {
  const targets = ['package.json', 'server/app.ts', '.git/config', 'drizzle.config.ts'];
  const ups = (n: number, sep: string) => Array.from({ length: n }, () => sep).join('');
  const paths = [
    ...targets.flatMap((t) => [1, 2, 3, 6].map((n) => `/${ups(n, '../')}${t}`)),
    `/assets/${ups(3, '..%2f')}package.json`, `/${ups(2, '%2e%2e/')}package.json`, `/${ups(2, '%2e%2e%2f')}package.json`,
    `/${ups(2, '..%5c')}package.json`, `/${ups(2, '..\\')}package.json`, `/${ups(2, '%252e%252e%252f')}package.json`,
    `/${ups(2, '%c0%ae%c0%ae/')}package.json`, `/${ups(2, '....//')}package.json`, `/assets/..%00/${ups(2, '../')}package.json`,
    '//etc/passwd', '/%2fetc%2fpasswd', `/${ups(8, '../')}etc/passwd`, '/.env', '/index.html%00.js',
  ];
  return paths.map((path): Hostile => ({
    category: 'path-traversal', route: 'GET /static', name: path,
    send: { raw: () => Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 'latin1') }, verdict: noLeak,
  }));
}

function malformedHttp(w: World): Hostile[] {
  const H = 'Host: 127.0.0.1\r\n';
  const auth = `Authorization: Bearer ${w.tokens.all}\r\n`;
  const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
  const cases: [string, () => Buffer | string][] = [
    ['a garbage request line', () => 'HELLO THERE\r\n\r\n'],
    ['HTTP/9.9', () => `GET /api/me HTTP/9.9\r\n${H}\r\n`],
    ['an HTTP/2 preface', () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['an HTTP/0.9 request', () => 'GET /api/me\r\n\r\n'],
    ['Content-Length and Transfer-Encoding (smuggling)', () => `POST /api/check HTTP/1.1\r\n${H}${auth}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
    ['two different Content-Lengths', () => `POST /api/check HTTP/1.1\r\n${H}${auth}Content-Length: 5\r\nContent-Length: 6\r\n\r\n123456`],
    ['Content-Length: -1', () => `POST /api/check HTTP/1.1\r\n${H}Content-Length: -1\r\n\r\n`],
    ['Content-Length of 30 digits', () => `POST /api/check HTTP/1.1\r\n${H}Content-Length: ${'9'.repeat(30)}\r\n\r\n`],
    ['an unknown Transfer-Encoding', () => `POST /api/check HTTP/1.1\r\n${H}Transfer-Encoding: xchunked\r\n\r\n`],
    ['an invalid chunk size', () => `POST /api/check HTTP/1.1\r\n${H}${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`],
    ['a 64 KiB chunk extension', () => `POST /api/check HTTP/1.1\r\n${H}${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2;${'e'.repeat(64 * 1024)}\r\n{}\r\n0\r\n\r\n`],
    ['a NUL in a header', () => `GET /api/me HTTP/1.1\r\n${H}X-A: a\0b\r\n\r\n`],
    ['an obs-folded header', () => `GET /api/me HTTP/1.1\r\n${H}X-A: a\r\n b\r\n\r\n`],
    ['bare LF line ends', () => 'GET /api/me HTTP/1.1\nHost: 127.0.0.1\nConnection: close\n\n'],
    ['no Host on HTTP/1.1', () => 'GET /api/me HTTP/1.1\r\n\r\n'],
    ['a Host that makes no URL', () => 'GET /api/me HTTP/1.1\r\nHost: a b\r\n\r\n'],
    ['two Hosts', () => `GET /api/me HTTP/1.1\r\n${H}Host: evil.example\r\nConnection: close\r\n\r\n`],
    ['an absolute-form target', () => `GET http://evil.example/api/me HTTP/1.1\r\n${H}Connection: close\r\n\r\n`],
    ['a 100 KB URL', () => `GET /api/schemes/${'u'.repeat(100_000)} HTTP/1.1\r\n${H}${auth}\r\n`],
    ['raw non-ASCII bytes in the path', () => Buffer.from(`GET /api/schemes/\xff\xfe HTTP/1.1\r\n${H}Connection: close\r\n\r\n`, 'latin1')],
    ['Expect: magic', () => `POST /api/check HTTP/1.1\r\n${H}${auth}Expect: magic\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`],
    ['Expect: 100-continue with 10 GB declared', () => `POST /api/check HTTP/1.1\r\n${H}${auth}Expect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n`],
    ['an Upgrade to websocket', () => `GET /api/me HTTP/1.1\r\n${H}Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n`],
    ['a gzip bomb (50 MB of spaces)', () => Buffer.concat([Buffer.from(`POST /api/check HTTP/1.1\r\n${H}${auth}Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\nConnection: close\r\n\r\n`), bomb])],
    ['200 pipelined requests', () => `${`GET /api/nothing HTTP/1.1\r\n${H}${auth}\r\n`.repeat(199)}GET /api/nothing HTTP/1.1\r\n${H}${auth}Connection: close\r\n\r\n`],
  ];
  return cases.map(([name, raw]): Hostile => ({ category: 'malformed-http', route: 'raw', name, send: { raw }, verdict: fourXX }));
}

/** A person's id is not something an organization owns — any text names someone or nobody — so
 * the person's results route answers any well-formed id (an empty list for another organization's
 * people: results-scoped tests in find-subjects.test.ts), and refuses only malformed ones. */
export const freeFormIds = (r: Route) => r.template.startsWith('/api/subjects/{');

function foreignIds(w: World): Hostile[] {
  return w.routes.filter((r) => r.params.some((p) => p.in === 'path') && !freeFormIds(r)).map((r): Hostile => ({
    category: 'foreign-ids', route: keyOf(r), name: `org B's ids with an org-A token: ${fill(r.template, w, true)}`,
    send: {
      method: r.method, path: fill(r.template, w, true), headers: { ...bearer(w.tokens.all), ...JSON_TYPE },
      body: r.body ? () => JSON.stringify(validBody(r, w, true)) : undefined,
    },
    verdict: oneOf(404),
  }));
}

function badParameters(w: World): Hostile[] {
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

function exactNumbers(w: World): Hostile[] {
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
function crossOrigin(w: World): Hostile[] {
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

function oversized(w: World): Hostile[] {
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

function badTokens(w: World): Hostile[] {
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

/** Many failed authentications in a row: each 401 or 429; hostile.test.ts also requires the last
 * ones to be 429 (failed authentication is rate limited). */
function authBurst(w: World): Hostile[] {
  return Array.from({ length: BURST }, (_, i): Hostile => ({
    category: 'auth-burst', route: 'GET /api/me', name: `guess ${i + 1}`,
    send: { method: 'GET', path: '/api/me', headers: bearer(`kh_guess${i.toString().padStart(8, '0')}`) },
    verdict: oneOf(401, 429),
  }));
}

/** The corpus in the order it is sent: everything that authenticates properly first; bad
 * credentials last, since they may get the caller's address rate limited. */
export function buildCorpus(w: World): Hostile[] {
  return [
    ...sourceAttacks(w, 'junk-source', JUNK_OVER_CAP, 'all-body-routes'),
    ...sourceAttacks(w, 'junk-source', junkUnderCap(w.sourceCapBytes), 'rotate'),
    ...overCap(w),
    ...sourceAttacks(w, 'deep-nesting', DEEP, 'rotate'),
    ...sourceAttacks(w, 'postfix-chains', POSTFIX, 'all'),
    ...sourceAttacks(w, 'let-chains', LETS, 'all'),
    ...sourceAttacks(w, 'let-chains', LONG_LETS, 'rotate'),
    ...sourceAttacks(w, 'checker-throws', THROWS, 'all'),
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
