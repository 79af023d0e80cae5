// The reader's language, per request: `?lang=zh|en` (a link or a program that says so), else the
// best of zh/en in Accept-Language by q-value (what the browser is set to), else English — API.md's
// default. The middleware puts it on the context as `locale` for every handler and for the error
// handler; errors.ts renders error messages in it, and the handlers that answer in words
// (diagnostics, example failures, an evaluation's reasons) mark their answer with `localized`:
// `Content-Language` says which language it is in and `Vary: Accept-Language` tells a cache the
// same URL answers differently per reader. Answers that replay stored words (an evaluation read
// back, an Idempotency-Key retry) are not re-localized: they say the language they were made in.
// `?lang=` is one rule on every /api/ route (query-params.ts, S10, S10b): `zh`, `en` or a tag of them
// (`zh-CN`, `en-US`); any other value, an empty one, or `lang` given more than once (even twice the
// same) is 400 `invalid_request` at `lang`, answered in the language Accept-Language asks for (else
// English) — never a guess: a caller who wrote `lang=fr` learns it was not understood before
// anything is stored. Here a refused `lang` simply decides nothing (the header does), so that
// refusal and any answer made before the check (node-server.ts; a 404 or 405) are in the header's
// language.

import type { Context, MiddlewareHandler } from 'hono';
import { localeFromAcceptLanguage, parseLocale, type Locale } from '../dsl/i18n/index.js';
import type { AppEnv } from './context.js';

/** The locale asked for by a query value and an Accept-Language header. */
export function negotiate(lang: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  return parseLocale(lang) ?? localeFromAcceptLanguage(acceptLanguage) ?? 'en';
}

/** A `?lang=` value the API takes: `zh` or `en`, alone or as the primary subtag of a language tag
 * (`zh-CN`, `zh_TW`, `en-US`), or `中文`: what parseLocale reads, less the words that merely begin
 * with its letters (`english`, `zhx`), which a caller did not mean as zh or en. */
const LANG_TAG = /^(?:zh|en)(?:[-_][a-z0-9]{1,8})*$/i;

/** The locale a `?lang=` value names, or undefined when the API does not take it. */
export function queryLocale(value: string): Locale | undefined {
  return LANG_TAG.test(value) || value === '中文' ? parseLocale(value) : undefined;
}

/** The `lang` query parameter of a request URL (a path, or an absolute URL) when it is sent once and
 * names a locale the API takes, else undefined (query-params.ts refuses the others) — without parsing
 * the query when it has no `lang`: one indexOf for the common request. */
export function langParam(url: string): Locale | undefined {
  const q = url.indexOf('?');
  if (q < 0 || !url.includes('lang', q)) return undefined;
  const values = new URLSearchParams(url.slice(q + 1)).getAll('lang');
  return values.length === 1 ? queryLocale(values[0]) : undefined;
}

/** The request's locale: what the middleware decided, or (for an answer made before it ran) the same
 * decision made now. */
export function localeOf(c: Context): Locale {
  return (c as Context<AppEnv>).get('locale') ?? negotiate(langParam(c.req.url), c.req.header('accept-language'));
}

/** Headers of an answer in `locale`: its language, and that it depends on Accept-Language. */
export const localizedHeaders = (locale: Locale): Record<string, string> => ({ 'Content-Language': locale, Vary: 'Accept-Language' });

/** The locale `?lang=` asked for, or undefined when the request did not name one: for the answers
 * whose default is not the API's (a paper, a 方案 document, a workbook: zh). A refused `lang` never
 * reaches a handler (query-params.ts). */
export const askedLocale = (c: Context): Locale | undefined => langParam(c.req.url);

/** Marks the answer being built as written in the request's locale; returns that locale. */
export function localized(c: Context): Locale {
  const locale = localeOf(c);
  for (const [name, value] of Object.entries(localizedHeaders(locale))) c.header(name, value);
  return locale;
}

/** Marks an answer that replays stored words: the language they were made in, and no Vary (the
 * stored words are the same whoever asks). */
export function storedLanguage(c: Context, locale: Locale): void {
  c.header('Content-Language', locale);
}

/** Decides the request's locale once, before anything can answer. */
export function negotiateLocale(): MiddlewareHandler<AppEnv> {
  return function negotiateLocale(c, next) {
    c.set('locale', negotiate(langParam(c.req.url), c.req.header('accept-language')));
    return next();
  };
}
