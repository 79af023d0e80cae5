// The server's HTTP API (API.md) as typed calls. The browser is signed in by an HttpOnly cookie
// (set by /signin?code=…), so requests carry no token. Failures become `ApiFailure` with a message
// in words and the details (diagnostics, input problems, failing examples) kept as data for the
// panel to list — never raw JSON on screen. Every request says the UI language (Accept-Language), so
// the server answers its messages, reasons and errors in it (issue 11 item 4).

import type { Diagnostic } from '../../dsl/diagnostics.js';
import type { CohortResult as EngineCohortResult, SubjectResult } from '../../engine/api.js';
import { lang, t, type Key } from './i18n.js';

export interface VersionInfo { n: number; status: 'draft' | 'published'; hash: string; createdAt: string; createdBy: string; publishedAt: string | null }
export interface SchemeSummary { id: string; createdAt: string; latest: VersionInfo; published: number | null }
export interface SchemeDetail { id: string; createdAt: string; versions: VersionInfo[] }
export interface VersionDetail extends VersionInfo { scheme: string; source: string }
export interface DraftResult { id: string; opened?: boolean; version: VersionInfo; diagnostics: Diagnostic[] }
export interface PublishResult { id: string; version: VersionInfo; diagnostics: Diagnostic[]; examples: { name: string; passed: boolean }[] }
export interface ExampleOutcome {
  name: string; label?: string; line: number; passed: boolean;
  failures: { expect: string; line: number; left?: string; right?: string; message: string }[];
}
/** The §12 results as engine/result-schema.ts declares them, with the stored evaluation's id. */
export type Result = SubjectResult & { evaluationId?: string };
export type CohortResult = EngineCohortResult & { evaluationId?: string };

/** A failed call: `status` 0 for a network failure. */
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: unknown[] = []) {
    super(message);
  }
  /** A heading in the UI language, followed by the server's own message. */
  get words(): string {
    if (this.status === 0) return t('networkError', { msg: this.message });
    if (this.code === 'scheme_exists') return t('schemeExists'); // the server's words name an API verb (PUT)
    // Signing in is done with the link the server printed: the server's words (a token in a header)
    // are for API clients, not for the person at the browser.
    if (this.status === 401) return t('signinNeeded');
    const key = `err${this.status}` as Key;
    const head = key in { err400: 1, err403: 1, err404: 1, err409: 1, err413: 1, err422: 1 } ? t(key) : t('serverError');
    return `${head}${this.message ? `${lang === 'zh' ? '：' : ': '}${this.message}` : ''}`;
  }
}

/** The UI language first, the other one as a fallback. */
export const ACCEPT_LANGUAGE = lang === 'zh' ? 'zh-CN,zh;q=0.9,en;q=0.5' : 'en,zh-CN;q=0.5';

/** One call of the API: JSON in and out; `headers` adds to the usual ones (an Idempotency-Key). */
export async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method, credentials: 'same-origin',
      headers: { 'accept-language': ACCEPT_LANGUAGE, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiFailure(0, 'network', e instanceof Error ? e.message : String(e));
  }
  const text = await res.text();
  let data: unknown;
  try { data = text ? JSON.parse(text) : undefined; } catch { data = undefined; }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown[] } } | undefined)?.error;
    throw new ApiFailure(res.status, err?.code ?? String(res.status), err?.message ?? res.statusText, err?.details ?? []);
  }
  return data as T;
}

const enc = encodeURIComponent;

export const api = {
  listSchemes: () => request<{ schemes: SchemeSummary[] }>('GET', '/api/schemes'),
  getScheme: (id: string) => request<SchemeDetail>('GET', `/api/schemes/${enc(id)}`),
  getVersion: (id: string, n: number) => request<VersionDetail>('GET', `/api/schemes/${enc(id)}/versions/${n}`),
  createScheme: (source: string) => request<DraftResult>('POST', '/api/schemes', { source }),
  putDraft: (id: string, source: string) => request<DraftResult>('PUT', `/api/schemes/${enc(id)}/draft`, { source }),
  publish: (id: string) => request<PublishResult>('POST', `/api/schemes/${enc(id)}/publish`),
  /** `explain`: each indicator's trace and the result's `explain` section (try-it shows them). */
  evaluate: (id: string, version: number, body: unknown, opts: { explain?: boolean } = {}) =>
    request<Result | CohortResult>('POST', `/api/schemes/${enc(id)}/evaluate?version=${version}${opts.explain ? '&explain=1' : ''}`, body),
  examples: (source: string) => request<{ examples: ExampleOutcome[]; omitted?: number }>('POST', '/api/examples', { source }),
};
