// A period, or a range, as a list's filter reads it (S10b; U10 found `GET /api/evaluations?period=2026Q2`,
// `GET /api/rounds?period=2026-Q5`, `subjects/…/results?from=2026-Q3&to=2026-Q1` and
// `audit?from=…12-07…&to=…12-01` answered 200 with an empty list, where statistics refuses the same
// mistake). One rule, statistics' (stats/query.ts):
// - A filter that is not a period in any form (`2026Q2`, a quarter 5, a month 13) is 422
//   `invalid_period` at its parameter, `expected` the forms (the scheme's form when the request names
//   a scheme whose newest published version has a period kind) and `found` the text. Stored periods
//   are always periods (evaluate, a round's creation and the import refuse any other text: engine/period.ts,
//   rounds/create.ts, subjects/import.ts), so such a filter could never match.
// - A range whose end is before its start is 422 `invalid_span` at `to`.
// - A well-formed period of another kind than the scheme's (`period=2026` for a quarterly scheme)
//   stays a filter that matches nothing (an empty list): a scheme's versions may differ in kind, so
//   a period of an older version's kind still finds that version's evaluations and rounds; and
//   knowing the kind means preparing the scheme, which a list does not do on its common path. The
//   scheme is prepared only on the refusal path, to name its form.

import { defineMessages } from '../dsl/i18n/index.js';
import { isPeriod, parsePeriod, PERIOD_FORMS, type Period, type PeriodKind } from '../dsl/dates.js';
import type { ServerCtx } from './context.js';
import { ApiError, said } from './errors.js';
import { versionScheme } from './rounds/version-scheme.js';
import { findScheme, latestPublished } from './schemes/store.js';

const PF = defineMessages('serverPeriodFilter', {
  en: {
    notAPeriod: '`{period}` is not a period: expected one of the forms {forms}',
    notSchemePeriod: '`{period}` is not a period of scheme `{scheme}`: expected the form `{form}`',
    reversed: 'the range ends (`{to}`) before it starts (`{from}`)',
  },
  zh: {
    notAPeriod: '“{period}”不是考核期，应为以下形式之一：{forms}',
    notSchemePeriod: '“{period}”不是方案“{scheme}”的考核期，应为“{form}”的形式',
    reversed: '区间的终点（“{to}”）早于起点（“{from}”）',
  },
});

/** Every form, as statistics names them when the scheme's kind is not known. */
const ALL_FORMS = Object.values(PERIOD_FORMS);

/** 422 `invalid_span` at `to`: the range ends before it starts (statistics' refusal). */
export function spanRefusal(from: string, to: string): ApiError {
  const msg = PF.reversed({ from, to });
  return new ApiError(422, 'invalid_span', msg, [{ path: 'to', code: 'invalid_span', ...said(msg) }]);
}

/** The kind of the named scheme's newest published version, when it prepares; undefined otherwise
 * (no such scheme, none published, a version that does not prepare: the refusal names every form). */
async function schemeKind(ctx: ServerCtx, orgId: number, name: string): Promise<PeriodKind | undefined> {
  const s = await findScheme(ctx.store, orgId, name);
  const v = s && (await latestPublished(ctx.store, s.id));
  if (!v) return undefined;
  try {
    const at = await versionScheme(ctx, { id: v.id, hash: v.hash, n: v.n, owner: orgId });
    return 'errors' in at ? undefined : (at.scheme.periodKind as PeriodKind | undefined);
  } catch {
    return undefined; // a busy worker pool: the forms are still named
  }
}

/** 422 `invalid_period` at `path` (statistics' refusal): the scheme's form when it has one, else every form. */
async function periodRefusal(ctx: ServerCtx, orgId: number, scheme: string | undefined, path: string, text: string): Promise<ApiError> {
  const kind = scheme === undefined ? undefined : await schemeKind(ctx, orgId, scheme);
  const msg = kind && scheme !== undefined
    ? PF.notSchemePeriod({ period: text, scheme, form: PERIOD_FORMS[kind] })
    : PF.notAPeriod({ period: text, forms: ALL_FORMS });
  const expected = kind ? PERIOD_FORMS[kind] : ALL_FORMS.join(' | ');
  return new ApiError(422, 'invalid_period', msg, [{ path, code: 'invalid_period', expected, found: text, ...said(msg) }]);
}

/** A list's period filters (`{period}` or `{from, to}`, absent ones left out) read as periods of any
 * form; throws the refusal of the first that is none, then of a range `from`..`to` that ends before
 * it starts. `scheme`: the scheme the request names, whose form a refusal names. */
export async function readPeriodFilters<K extends string>(
  ctx: ServerCtx, orgId: number, scheme: string | undefined, texts: Partial<Record<K, string>>,
): Promise<Partial<Record<K, Period>>> {
  const out: Partial<Record<K, Period>> = {};
  for (const [path, text] of Object.entries(texts) as [K, string | undefined][]) {
    if (text === undefined) continue;
    const p = parsePeriod(text, undefined);
    if (!isPeriod(p)) throw await periodRefusal(ctx, orgId, scheme, path, text);
    out[path] = p;
  }
  const { from, to } = out as { from?: Period; to?: Period };
  if (from && to && to.end < from.start) throw spanRefusal(from.text, to.text);
  return out;
}
