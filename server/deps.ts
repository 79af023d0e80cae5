// What the server needs from the language and the engine, as interfaces: createApp takes them
// injected (tests, benchmarks) or loads the real modules on first use. Loading lazily keeps
// `/healthz`, auth and storage independent of the DSL's load time and lets the server start fast.

import type { Diagnostic } from '../dsl/diagnostics.js';
import type { EngineApi } from '../engine/api.js';

export type KeywordLang = 'en' | 'zh';

export interface LanguageApi {
  /** All diagnostics of a source, and the scheme's name when the parser recovered one. */
  analyze(source: string): { schemeName?: string; diagnostics: Diagnostic[] };
  /** The canonical layout; `source` is undefined when the text has syntax errors. */
  format(source: string, keywords?: KeywordLang): { source?: string; diagnostics: Diagnostic[] };
}

export interface Services {
  engine: EngineApi;
  lang: LanguageApi;
}

/** Memoizes an import; a failed import is retried on the next call. */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((e: unknown) => {
      pending = undefined;
      throw e;
    }));
}

export interface ServiceLoaders {
  engine: () => Promise<EngineApi>;
  lang: () => Promise<LanguageApi>;
}

/** Loaders that fill in the real modules for whatever was not injected, each on its own, so the
 * language tools keep working while the engine cannot load (and the other way round). */
export function serviceLoaders(injected: Partial<Services>): ServiceLoaders {
  return {
    engine: injected.engine ? async () => injected.engine! : lazy(async () => (await import('./default-engine.js')).engine),
    lang: injected.lang ? async () => injected.lang! : lazy(async () => (await import('./default-lang.js')).lang),
  };
}
