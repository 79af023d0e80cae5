// Words made elsewhere, rendered for the reader at the edge. Diagnostics, engine errors and example
// failures carry their message as data (`msg`, `fix.titleMsg`) beside the English text; they are made
// in the language workers or the engine and cross to the main thread as plain data, and are rendered
// here, in the request's locale (locale.ts), just before they are answered.
//
// Rendering needs the message's catalog, and a catalog registers when its module loads
// (dsl/i18n/message.ts). The language and the engine are loaded lazily in the main thread (a
// worker's modules are its own), so before anything is rendered in another locale than English the
// real modules — and with them every catalog of dsl/ and engine/ — are loaded once. `kaohe serve`
// preloads them anyway; English needs nothing (`message` is already English).

import type { Context } from 'hono';
import { localizeDiagnostic, type Diagnostic } from '../dsl/diagnostics.js';
import { render, type Locale, type Msg } from '../dsl/i18n/index.js';
import { localized } from './locale.js';

let loaded: Promise<unknown> | undefined;

/** Resolves when every catalog of the language and the engine is registered. */
export function catalogsLoaded(locale: Locale): Promise<unknown> {
  if (locale === 'en') return Promise.resolve();
  // Modules that cannot load leave their messages unrendered (render names the id): never an answer
  // lost for a message. The next request tries again.
  return (loaded ??= Promise.all([import('./default-lang.js'), import('./default-engine.js')]).catch(() => {
    loaded = undefined;
  }));
}

const isMsg = (m: unknown): m is Msg => typeof m === 'object' && m !== null && typeof (m as Msg).id === 'string';
const isDiagnostic = (x: Record<string, unknown>): boolean => typeof x.code === 'string' && typeof x.severity === 'string' && 'range' in x;

/** One entry of an answer in `locale`: a diagnostic by localizeDiagnostic (message and fix title);
 * any other entry with a `msg` (the server's own details, an engine error) gets its `message` from
 * it; the failures of an example outcome likewise. Entries without a `msg` are left as they are. */
export function localizeEntry(x: unknown, locale: Locale): unknown {
  if (locale === 'en' || typeof x !== 'object' || x === null || Array.isArray(x)) return x;
  const e = x as Record<string, unknown>;
  if (isDiagnostic(e)) return localizeDiagnostic(e as unknown as Diagnostic, locale);
  let out = e;
  if (isMsg(e.msg)) out = { ...out, message: render(e.msg, locale) };
  if (Array.isArray(e.failures)) out = { ...out, failures: e.failures.map((f: unknown) => localizeEntry(f, locale)) };
  return out;
}

/** The entries (diagnostics, example outcomes) in the request's locale, the answer marked as
 * localized (`Content-Language`, `Vary`). */
export async function forReader<T>(c: Context, entries: readonly T[]): Promise<T[]> {
  const locale = localized(c);
  await catalogsLoaded(locale);
  return entries.map((e) => localizeEntry(e, locale) as T);
}
