// The query string, one rule on every /api/ route (S10, S10b; the U8 trial found `?exactvalues=1` —
// the wrong case — silently ignored, and an HR system's trial `lang=fr` answered English on one
// route, zh on another and 400 on a third; U10 found `?limit=1&limit=1` answered with the server's
// parsing showing through, and `GET /api/nothing?lang=fr` 400 where it is 404):
// - A parameter a route does not take is 400 `unknown_parameter`, naming each and the nearest one
//   the route does take ("did you mean `exactValues`?": dsl/distance.ts, as a misspelt roster key is
//   answered); an answer names the first NAMED and says how many more.
// - A parameter given more than once (`?limit=1&limit=1`, `?lang=zh&lang=zh`) is 400
//   `invalid_request`, one detail per such parameter at its name: which value was meant is not
//   guessed, whether the values differ or not.
// - `lang` is every route's (locale.ts): `zh`, `en` or a tag of them (`zh-CN`, `en-US`). Any other
//   value (`fr`, an empty one) is 400 `invalid_request` with a detail at `lang` naming the values
//   taken — in the language Accept-Language asks for, else English.
// All three are checked where the route is known (refuseQuery): openapi.ts wraps every route with
// knownQueryOnly (what it takes is its OpenAPI `request.query`; a route without one takes only
// `lang`), evaluate's own reader calls refuseQuery (evaluations/request.ts) — after the route's
// role, before its validators, its body or its handler. A path no route has, or a method its path
// does not take, is answered 404 / 405 / OPTIONS 204 whatever its query (methods.ts). A request
// without `?` — the common one, and the only one evaluate's fast lane (fast-lane.ts) takes — costs
// one indexOf.
// Paths outside /api/ (the editor, its assets, /healthz) ignore their query: a browser adds its own.

import { z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { defineMessages, type Msg } from '../dsl/i18n/index.js';
import { nearest } from '../dsl/distance.js';
import { ApiError, requestMismatch, said } from './errors.js';
import type { AppEnv } from './context.js';
import { negotiate, queryLocale } from './locale.js';

const Q = defineMessages('serverQuery', {
  en: {
    unknown: 'this route does not take these query parameters: {names}; it takes {known}',
    unknownOne: 'unknown query parameter `{name}`',
    didYouMean: 'unknown query parameter `{name}`: did you mean `{near}`?',
    name: '`{name}`',
    langUnknown: '`lang` takes `zh` or `en` (or a tag of them: `zh-CN`, `en-US`), not `{value}`',
    langEmpty: '`lang` is empty: it takes `zh` or `en` (or a tag of them: `zh-CN`, `en-US`)',
    once: '`{name}` may be given only once',
    more: '… and {count} more',
  },
  zh: {
    unknown: '此接口不接受这些查询参数：{names}；此接口接受的参数为 {known}',
    unknownOne: '未知的查询参数“{name}”',
    didYouMean: '未知的查询参数“{name}”：是否指“{near}”？',
    name: '“{name}”',
    langUnknown: '“lang”只能是“zh”或“en”（也可写“zh-CN”“en-US”等），不能是“{value}”',
    langEmpty: '“lang”为空：只能是“zh”或“en”（也可写“zh-CN”“en-US”等）',
    once: '“{name}”只能给一次',
    more: '……另有{count}个',
  },
});

/** Taken by every route: the reader's language (locale.ts). */
export const EVERY_ROUTE_PARAMS = ['lang'] as const;

/** What every route's `lang` description ends with: the rule. */
export const LANG_RULE = '`zh` or `en` (or a tag of them: `zh-CN`, `en-US`); any other value, an empty one or `lang` given more than once is 400 `invalid_request` (detail at `lang`)';

/** `lang` as a route that answers in its own default language declares it (for the OpenAPI
 * document; `description` says what it decides, LANG_RULE is added). knownQueryOnly has refused a value the
 * API does not take, and the handler reads the locale from the URL (locale.ts askedLocale), so this
 * takes what knownQueryOnly let through (one value: a repeated one never reaches a validator). */
export const langParamSchema = (description: string) =>
  z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().optional())
    .openapi({ param: { name: 'lang', in: 'query' }, description: `${description}: ${LANG_RULE}` });

/** Names (or values) listed in an answer: a query of thousands of names is answered with the first
 * few and how many more. */
const NAMED = 20;

/** A query's parameters: each name once, in the order sent, with how often it was given. */
function queryCounts(params: URLSearchParams): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of params.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

const takes = (known: readonly string[], name: string) => known.includes(name) || (EVERY_ROUTE_PARAMS as readonly string[]).includes(name);

/** The nearest known name: the same name in another case first (`exactvalues`), else by edit distance. */
function nearestKnown(name: string, known: readonly string[]): string | undefined {
  return known.find((k) => k.toLowerCase() === name.toLowerCase()) ?? nearest(name, known, 1)[0];
}

/** The first NAMED of `xs` as an answer lists them, and `… and N more` for the rest. */
function listed(xs: readonly string[]): Msg[] {
  const out = xs.slice(0, NAMED).map((n) => Q.name({ name: n }));
  if (xs.length > NAMED) out.push(Q.more({ count: xs.length - NAMED }));
  return out;
}

/** 400 `unknown_parameter`: details `{path: name, message, near?}` per unknown parameter (the first
 * NAMED; the message says how many more). */
export function unknownParamsError(names: readonly string[], known: readonly string[]): ApiError {
  const all = [...new Set([...known, ...EVERY_ROUTE_PARAMS])]; // a route may list `lang` itself
  const details = names.slice(0, NAMED).map((name) => {
    const near = nearestKnown(name, all);
    const msg: Msg = near === undefined ? Q.unknownOne({ name }) : Q.didYouMean({ name, near });
    return { path: name, ...said(msg), ...(near !== undefined && { near }) };
  });
  return new ApiError(400, 'unknown_parameter', Q.unknown({ names: listed(names), known: listed(all) }), details);
}

/** 400 `invalid_request`: a detail at each parameter given more than once. */
export function repeatedParamsError(names: readonly string[]): ApiError {
  return new ApiError(400, 'invalid_request', requestMismatch('query'), names.map((name) => ({ path: name, ...said(Q.once({ name })) })));
}

/** 400 `invalid_request` with a detail at `lang`, when `lang` (sent once) is a value the API does not
 * take; undefined when it is absent or taken. */
function langRefusal(value: string | null): ApiError | undefined {
  if (value === null || queryLocale(value) !== undefined) return undefined;
  const msg = value === '' ? Q.langEmpty() : Q.langUnknown({ value: value.slice(0, 100) });
  return new ApiError(400, 'invalid_request', requestMismatch('query'), [{ path: 'lang', ...said(msg), accepted: ['zh', 'en'] }]);
}

/** The query rule (above) for a route taking `known` (and EVERY_ROUTE_PARAMS; undefined: names are
 * not checked): throws the refusal — unknown names first (a repeated unknown name is named once, as
 * unknown), then repetitions, then `lang`'s value. */
export function refuseQuery(c: Context, known: readonly string[] | undefined): void {
  const url = c.req.url;
  const q = url.indexOf('?');
  if (q < 0) return;
  const params = new URLSearchParams(url.slice(q + 1)); // read once for all three rules
  const counts = queryCounts(params);
  const unknown = known ? [...counts.keys()].filter((name) => !takes(known, name)) : [];
  if (unknown.length > 0) throw unknownParamsError(unknown, known!);
  const repeated = [...counts].filter(([, n]) => n > 1).map(([name]) => name);
  const refused = repeated.length > 0 ? repeatedParamsError(repeated) : langRefusal(params.get('lang'));
  if (!refused) return;
  // A refused `lang` decides nothing: the refusal is in the API's language for the header (else
  // English), also on a route that chose its own default before this check (the papers' zh).
  if (counts.has('lang')) (c as Context<AppEnv>).set('locale', negotiate(undefined, c.req.header('accept-language')));
  throw refused;
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

/** A route middleware applying the query rule for a route taking `known` (undefined: names are not
 * checked — repetitions and `lang` still are) on an /api/ path; a route outside it (/healthz)
 * ignores its query. */
export function knownQueryOnly(known: readonly string[] | undefined): MiddlewareHandler {
  return function knownQueryOnly(c, next) {
    if (c.req.path.startsWith('/api/')) refuseQuery(c, known);
    return next();
  };
}
