// What every category of the hostile corpus shares (split from hostile-corpus.ts, issue 16 session
// 6): the small valid scheme whose results show exact numbers, the verdicts (a 4xx, one of some
// statuses, refused or diagnosed, an exact score, no leak) and the checks every answer gets, and the
// building blocks of a request — a route's path with its ids filled, a body it accepts, fresh scheme
// names (one counter for the whole corpus, so its names are what they were).

import { MAX_ANSWER_BYTES } from './hostile-types.js';
import type { Answer, HttpSend, Route, Verdict, World } from './hostile-types.js';

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

// ---------------------------------------------------------------------------------------------
// Verdicts

export const json = (a: Answer): any => {
  try { return JSON.parse(a.body); } catch { return undefined; }
};
export const is4xx = (s: number) => s >= 400 && s < 500;

export const fourXX: Verdict = (a) => (is4xx(a.status) ? undefined : `expected a 4xx, got ${a.status}`);
export const oneOf = (...codes: number[]): Verdict => (a) =>
  codes.includes(a.status) ? undefined : `expected ${codes.join(' or ')}, got ${a.status}`;
/** Any answer below 500 (the common checks still apply): where the design is open. */
export const answered: Verdict = () => undefined;

export const hasError = (a: Answer) => (json(a)?.diagnostics ?? []).some((d: { severity?: string }) => d.severity === 'error');

/** What a hostile source must meet on a route: check, create and draft may diagnose it (a 2xx whose
 * diagnostics hold an error: drafts with errors are stored by design); format may format what parses;
 * every other route refuses it. */
export function refusedSource(route: string): Verdict {
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
export function exactScore(id: string, score: number, orPath?: string): Verdict {
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
export const noLeak: Verdict = (a) => {
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

export const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
export const JSON_TYPE = { 'content-type': 'application/json' };
export const keyOf = (r: Route) => `${r.method} ${r.template}`;
let serial = 0;
/** A scheme name no request used before: a repeated name would be refused (409) before analysis. */
export const fresh = (stem = 'H') => `${stem}${++serial}`;

/** The route's path with its parameters filled: the caller's own ids, or org B's (`foreign`). */
export function fill(template: string, w: World, foreign = false): string {
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
export const nameFor = (r: Route, w: World, foreign = false) =>
  r.template.endsWith('/draft') ? (foreign ? w.ids.bScheme : w.ids.scheme) : fresh();

/** A body the route accepts, so that the attack is the only thing wrong with the request. */
export function validBody(r: Route, w: World, foreign = false): Record<string, unknown> {
  if (r.body?.includes('source')) return { source: numbersScheme(nameFor(r, w, foreign)) };
  if (r.template.endsWith('/evaluate')) return r.template.startsWith('/api/rounds') ? {} : { id: 'S1', input: {} };
  if (r.body?.includes('role')) return { role: 'evaluator' };
  // Issue 14's routes: a body their schema accepts, so that an id is the only thing wrong.
  if (r.template.endsWith('/roster')) return { members: [{ id: 'S1', status: 'take' }] };
  if (r.template.endsWith('/inputs')) return { subjects: [{ id: 'S1', input: {} }] };
  if (r.template.endsWith('/publicize')) return { until: '2099-12-31' };
  if (r.template.endsWith('/amendments')) return { subject: 'S1', reason: '复核', input: {} };
  if (r.template.endsWith('/void')) return { reason: '复核' };
  if (r.template.startsWith('/api/accounts/')) return { disabled: false };
  return {};
}

export const jsonSend = (r: Route, w: World, body: () => Buffer | string, headers: Record<string, string> = {}): HttpSend => ({
  method: r.method, path: fill(r.template, w), headers: { ...bearer(w.tokens.all), ...JSON_TYPE, ...headers }, body,
});

export const bodyRoutes = (w: World) => w.routes.filter((r) => r.body !== undefined);
export const sourceRoutes = (w: World) => w.routes.filter((r) => r.body?.includes('source'));
export const unsafe = (r: Route) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method);
