// The reader's language, per request: `?lang=zh|en` (a link or a program that says so), else the
// best of zh/en in Accept-Language by q-value (what the browser is set to), else English — API.md's
// default. The middleware puts it on the context as `locale` for every handler and for the error
// handler; errors.ts renders error messages in it, and the handlers that answer in words
// (diagnostics, example failures, an evaluation's reasons) mark their answer with `localized`:
// `Content-Language` says which language it is in and `Vary: Accept-Language` tells a cache the
// same URL answers differently per reader. Answers that replay stored words (an evaluation read
// back, an Idempotency-Key retry) are not re-localized: they say the language they were made in.
// An unknown `?lang=` is no error: the header (or English) decides, as if it were absent — save on
// GET …/input-schema, whose answer is a document in that language (schemes/input-schema.ts: 400).

import type { Context, MiddlewareHandler } from 'hono';
import { localeFromAcceptLanguage, parseLocale, type Locale } from '../dsl/i18n/index.js';
import type { AppEnv } from './context.js';

/** The locale asked for by a query value and an Accept-Language header. */
export function negotiate(lang: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  return parseLocale(lang) ?? localeFromAcceptLanguage(acceptLanguage) ?? 'en';
}

/** The `lang` query parameter of a request URL (a path, or an absolute URL), without parsing the
 * whole query: the common request has none. */
export function langParam(url: string): string | undefined {
  const q = url.indexOf('?');
  if (q < 0 || !url.includes('lang=', q)) return undefined;
  return new URLSearchParams(url.slice(q + 1)).get('lang') ?? undefined;
}

/** The request's locale: what the middleware decided, or (for an answer made before it ran) the same
 * decision made now. */
export function localeOf(c: Context): Locale {
  return (c as Context<AppEnv>).get('locale') ?? negotiate(langParam(c.req.url), c.req.header('accept-language'));
}

/** Headers of an answer in `locale`: its language, and that it depends on Accept-Language. */
export const localizedHeaders = (locale: Locale): Record<string, string> => ({ 'Content-Language': locale, Vary: 'Accept-Language' });

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
