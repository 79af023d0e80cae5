// The two locales every user-visible text exists in, and how a reader's locale is found: `--lang`,
// then LANG / LC_ALL / LC_MESSAGES on the command line; `?lang=` then Accept-Language over HTTP.
// English is the default where nothing says otherwise (API.md: "default: from LANG, else en").

export type Locale = 'zh' | 'en';

export const LOCALES: readonly Locale[] = ['zh', 'en'];

/** `zh`, `zh-CN`, `zh_CN.UTF-8`, `中文` → zh; `en…` → en; anything else → undefined. */
export function parseLocale(text: string | null | undefined): Locale | undefined {
  const t = (text ?? '').trim().toLowerCase();
  if (t.startsWith('zh') || t === '中文') return 'zh';
  if (t.startsWith('en')) return 'en';
  return undefined;
}

/** The locale of a process environment (LC_ALL beats LC_MESSAGES beats LANG, as in POSIX). */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  return envLanguage(env) ?? 'en';
}

/** The language LC_ALL, LC_MESSAGES or LANG names, or undefined when it names none (unset, C, POSIX,
 * C.UTF-8) or one other than zh/en — a document for a scheme's users then follows the scheme's. */
export function envLanguage(env: Record<string, string | undefined>): Locale | undefined {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    // The first one set decides: LC_ALL=C means the C locale, whatever LANG says.
    if (v) return parseLocale(v);
  }
  return undefined;
}

/** The best of zh/en in an Accept-Language header (`zh-CN,zh;q=0.9,en;q=0.8`), by q. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  let best: Locale | undefined;
  let bestQ = 0;
  for (const part of (header ?? '').split(',')) {
    const [tag, ...params] = part.trim().split(';');
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
    const l = parseLocale(tag);
    if (l && Number.isFinite(q) && q > bestQ) { best = l; bestQ = q; }
  }
  return best;
}
