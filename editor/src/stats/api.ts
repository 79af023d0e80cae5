// GET /api/statistics for the 统计 view: the query the form describes (a scheme, one period or a span,
// optionally a unit; always per unit, so the heat map and the unit lines have rows), the answer as
// analytics/types.ts declares it, the next page of grade moves, and the same query as an .xlsx
// workbook. Requests go through the editor's fetch wrapper (cookie, Accept-Language, failures as
// ApiFailure in words); the workbook is fetched as bytes so a refusal is shown, not downloaded.

import type { Statistics } from '../../../analytics/types.js';
import { ACCEPT_LANGUAGE, ApiFailure, request } from '../api.js';
import { lang } from '../i18n.js';

/** What the form asks: `period`, or `from` and `to` for a span. */
export interface StatsQuery { scheme: string; period?: string; from?: string; to?: string; unit?: string }

/** The answer; `scopedTo`: the units a unit officer is limited to, when the server says so. */
export type StatsAnswer = Statistics & { scopedTo?: string[] | null };

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What `q` names — scheme, one period or a span, unit — as parameters (also the view's address). */
export function queryParams(q: StatsQuery): URLSearchParams {
  const p = new URLSearchParams({ scheme: q.scheme });
  if (q.period) p.set('period', q.period);
  else {
    if (q.from) p.set('from', q.from);
    if (q.to) p.set('to', q.to);
  }
  if (q.unit) p.set('unit', q.unit);
  return p;
}

/** The query string of `q` (and a moves page), in the UI language. */
export function statsQueryString(q: StatsQuery, page: { cursor?: string; limit?: number } = {}, format?: 'xlsx'): string {
  const p = queryParams(q);
  p.set('by', 'unit');
  if (page.cursor) p.set('cursor', page.cursor);
  if (page.limit) p.set('limit', String(page.limit));
  if (format) p.set('format', format);
  p.set('lang', lang);
  return p.toString();
}

export const statsApi = {
  get: (q: StatsQuery, page: { cursor?: string; limit?: number } = {}) =>
    request<StatsAnswer>('GET', `/api/statistics?${statsQueryString(q, page)}`),

  /** The workbook of the same query: its bytes and the file name the server gives. */
  async xlsx(q: StatsQuery): Promise<{ bytes: ArrayBuffer; name: string | null }> {
    let res: Response;
    try {
      res = await fetch(`/api/statistics?${statsQueryString(q, {}, 'xlsx')}`, {
        credentials: 'same-origin',
        headers: { accept: XLSX, 'accept-language': ACCEPT_LANGUAGE },
      });
    } catch (e) {
      throw new ApiFailure(0, 'network', e instanceof Error ? e.message : String(e));
    }
    if (!res.ok) {
      const body = await res.json().catch(() => undefined) as { error?: { code?: string; message?: string; details?: unknown[] } } | undefined;
      throw new ApiFailure(res.status, body?.error?.code ?? String(res.status), body?.error?.message ?? res.statusText, body?.error?.details ?? []);
    }
    return { bytes: await res.arrayBuffer(), name: fileName(res.headers.get('content-disposition')) };
  },
};

/** The file name of a Content-Disposition header (`filename*=UTF-8''…` first), else null. */
export function fileName(cd: string | null): string | null {
  if (!cd) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) { try { return decodeURIComponent(star[1]); } catch { /* fall through to the plain name */ } }
  return /filename="?([^";]+)"?/i.exec(cd)?.[1] ?? null;
}
