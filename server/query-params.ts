// The query string, one rule on every /api/ route (S10; the U8 trial found `?exactvalues=1` — the
// wrong case — silently ignored, and an HR system's trial `lang=fr` answered English on one route,
// zh on another and 400 on a third):
// - A parameter a route does not take is 400 `unknown_parameter`, naming each and the nearest one
//   the route does take ("did you mean `exactValues`?": dsl/distance.ts, as a misspelt roster key is
//   answered). What a route takes is its OpenAPI `request.query` (openapi.ts wraps every route with
//   knownQueryOnly; a route without one takes only `lang`), evaluate's own reader
//   (evaluations/request.ts). Checked after the route's role, before its validators.
// - `lang` is every route's (locale.ts): `zh`, `en` or a tag of them (`zh-CN`, `en-US`). Any other
//   value (`fr`, an empty one) and two different values are 400 `invalid_request` with a detail at
//   `lang` naming the values taken — in the language Accept-Language asks for, else English. apiQuery
//   checks it for every /api/ path (app.ts: after authentication and the audit, as any other
//   refusal of a request, before any body is read or any handler runs). A request without `?` — the
//   common one, and the only one evaluate's fast lane (fast-lane.ts) takes — costs one indexOf.
// Paths outside /api/ (the editor, its assets, /healthz) ignore their query: a browser adds its own.

import { z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { defineMessages, type Msg } from '../dsl/i18n/index.js';
import { nearest } from '../dsl/distance.js';
import { ApiError, requestMismatch, said } from './errors.js';
import { langQuery } from './locale.js';

const Q = defineMessages('serverQuery', {
  en: {
    unknown: 'this route does not take these query parameters: {names}; it takes {known}',
    unknownOne: 'unknown query parameter `{name}`',
    didYouMean: 'unknown query parameter `{name}`: did you mean `{near}`?',
    name: '`{name}`',
    langUnknown: '`lang` takes `zh` or `en` (or a tag of them: `zh-CN`, `en-US`), not `{value}`',
    langEmpty: '`lang` is empty: it takes `zh` or `en` (or a tag of them: `zh-CN`, `en-US`)',
    langTwice: '`lang` is given more than once, with different values ({values}): send it once, `zh` or `en`',
  },
  zh: {
    unknown: '此接口不接受这些查询参数：{names}；此接口接受的参数为 {known}',
    unknownOne: '未知的查询参数“{name}”',
    didYouMean: '未知的查询参数“{name}”：是否指“{near}”？',
    name: '“{name}”',
    langUnknown: '“lang”只能是“zh”或“en”（也可写“zh-CN”“en-US”等），不能是“{value}”',
    langEmpty: '“lang”为空：只能是“zh”或“en”（也可写“zh-CN”“en-US”等）',
    langTwice: '“lang”出现了不止一次且取值不同（{values}）：请只给一次，“zh”或“en”',
  },
});

/** Taken by every route: the reader's language (locale.ts). */
export const EVERY_ROUTE_PARAMS = ['lang'] as const;

/** What every route's `lang` description ends with: the rule. */
export const LANG_RULE = '`zh` or `en` (or a tag of them: `zh-CN`, `en-US`); any other value, an empty one or two different values is 400 `invalid_request` (detail at `lang`)';

/** `lang` as a route that answers in its own default language declares it (for the OpenAPI
 * document; `description` says what it decides, LANG_RULE is added). apiQuery has refused a value the
 * API does not take, and the handler reads the locale from the URL (locale.ts askedLocale), so this
 * takes what apiQuery let through — also one value sent twice, which reaches a validator as a list. */
export const langParamSchema = (description: string) =>
  z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().optional())
    .openapi({ param: { name: 'lang', in: 'query' }, description: `${description}: ${LANG_RULE}` });

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

/** The parameter names of a route's query schema (a zod object, possibly refined or piped): none
 * for a route without one (it takes only `lang`), undefined when the schema has no names to read. */
export function queryNames(schema: unknown): string[] | undefined {
  const s = schema as { shape?: Record<string, unknown>; in?: unknown; _zod?: { def?: { in?: unknown } } } | undefined;
  if (!s) return [];
  if (s.shape) return Object.keys(s.shape);
  const inner = s.in ?? s._zod?.def?.in;
  return inner ? queryNames(inner) : undefined;
}

/** A route middleware refusing parameters other than `known` (and EVERY_ROUTE_PARAMS) on an /api/
 * path; a route outside it (/healthz) ignores its query. */
export function knownQueryOnly(known: readonly string[]): MiddlewareHandler {
  return function knownQueryOnly(c, next) {
    if (c.req.path.startsWith('/api/')) refuseUnknownParams(c, known);
    return next();
  };
}

/** The values of `lang` as an answer names them: the first few. */
const quotedValues = (values: readonly string[]) => values.slice(0, NAMED).map((v) => Q.name({ name: v }));

/** 400 `invalid_request` with a detail at `lang`, when the URL's `lang` is one the API does not
 * take; undefined when it is absent or taken. */
export function langRefusal(url: string): ApiError | undefined {
  const l = langQuery(url);
  if (l.kind === 'absent' || l.kind === 'locale') return undefined;
  const msg = l.kind === 'twice' ? Q.langTwice({ values: quotedValues(l.values) })
    : l.value === '' ? Q.langEmpty() : Q.langUnknown({ value: l.value.slice(0, 100) });
  return new ApiError(400, 'invalid_request', requestMismatch('query'), [{ path: 'lang', ...said(msg), accepted: ['zh', 'en'] }]);
}

/** Refuses, on every /api/ path, a `lang` the API does not take (the rule above). */
export function apiQuery(): MiddlewareHandler {
  return function apiQuery(c, next) {
    const url = c.req.url;
    if (url.indexOf('?') >= 0) {
      const refused = langRefusal(url);
      if (refused) throw refused;
    }
    return next();
  };
}
