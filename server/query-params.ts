// Query parameters a route does not take (U8 trial, LOW): `?exactvalues=1` — the wrong case — was
// silently ignored, and the caller got results without what it asked for. A route that takes query
// parameters (its OpenAPI `request.query`; evaluate's own reader, evaluations/request.ts) answers
// 400 `unknown_parameter` naming each parameter it does not know and the nearest one it does ("did you
// mean `exactValues`?": dsl/distance.ts, as a misspelt roster key is answered). `lang` is every
// route's (locale.ts). Routes without query parameters still ignore a query: nothing there can be
// meant and lost.

import type { Context, MiddlewareHandler } from 'hono';
import { defineMessages, type Msg } from '../dsl/i18n/index.js';
import { nearest } from '../dsl/distance.js';
import { ApiError, said } from './errors.js';

const Q = defineMessages('serverQuery', {
  en: {
    unknown: 'this route does not take these query parameters: {names}; it takes {known}',
    unknownOne: 'unknown query parameter `{name}`',
    didYouMean: 'unknown query parameter `{name}`: did you mean `{near}`?',
    name: '`{name}`',
  },
  zh: {
    unknown: '此接口不接受这些查询参数：{names}；此接口接受的参数为 {known}',
    unknownOne: '未知的查询参数“{name}”',
    didYouMean: '未知的查询参数“{name}”：是否指“{near}”？',
    name: '“{name}”',
  },
});

/** Taken by every route: the reader's language (locale.ts). */
export const EVERY_ROUTE_PARAMS = ['lang'] as const;

/** Unknown parameters named in an answer: a query of thousands of names is answered with the first few. */
const NAMED = 20;

/** The names in a request URL's query that are not in `known`, each once, in the order sent. */
export function unknownParams(url: string, known: readonly string[]): string[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const out: string[] = [];
  for (const name of new Set(new URLSearchParams(url.slice(q + 1)).keys())) {
    if (!known.includes(name) && !(EVERY_ROUTE_PARAMS as readonly string[]).includes(name)) out.push(name);
  }
  return out;
}

/** The nearest known name: the same name in another case first (`exactvalues`), else by edit distance. */
function nearestKnown(name: string, known: readonly string[]): string | undefined {
  return known.find((k) => k.toLowerCase() === name.toLowerCase()) ?? nearest(name, known, 1)[0];
}

/** 400 `unknown_parameter`: details `{path: name, message, near?}` per unknown parameter. */
export function unknownParamsError(names: readonly string[], known: readonly string[]): ApiError {
  const all = [...new Set([...known, ...EVERY_ROUTE_PARAMS])]; // a route may list `lang` itself
  const details = names.slice(0, NAMED).map((name) => {
    const near = nearestKnown(name, all);
    const msg: Msg = near === undefined ? Q.unknownOne({ name }) : Q.didYouMean({ name, near });
    return { path: name, ...said(msg), ...(near !== undefined && { near }) };
  });
  const listed = (xs: readonly string[]) => xs.slice(0, NAMED).map((n) => Q.name({ name: n }));
  return new ApiError(400, 'unknown_parameter', Q.unknown({ names: listed(names), known: listed(all) }), details);
}

/** Throws unknownParamsError when the request's query names a parameter not in `known`. */
export function refuseUnknownParams(c: Context, known: readonly string[]): void {
  const unknown = unknownParams(c.req.url, known);
  if (unknown.length > 0) throw unknownParamsError(unknown, known);
}

/** The parameter names of a route's query schema (a zod object, possibly refined or piped), or
 * undefined when it has none to read. */
export function queryNames(schema: unknown): string[] | undefined {
  const s = schema as { shape?: Record<string, unknown>; in?: unknown; _zod?: { def?: { in?: unknown } } } | undefined;
  if (!s) return undefined;
  if (s.shape) return Object.keys(s.shape);
  const inner = s.in ?? s._zod?.def?.in;
  return inner ? queryNames(inner) : undefined;
}

/** A route middleware refusing parameters other than `known` (and EVERY_ROUTE_PARAMS). */
export function knownQueryOnly(known: readonly string[]): MiddlewareHandler {
  return async function knownQueryOnly(c, next) {
    refuseUnknownParams(c, known);
    await next();
  };
}
