// What a cohort's results sheet adds for cohort rules (issue 13): each person's overall rank and rank
// within the unit (总名次, 组内名次 — competition ranking, ties share a rank), the scope of a quota
// demotion (本组比例 or 全体比例: which limit moved the person down), the soft-quota flags (超通常比例,
// with the reason) and the committee's decision (研究决定等次 / 排序 / 理由, the roster's own headers,
// so a results sheet can be read back as a roster); and a sheet of the quotas per scope (limit, the
// normal share, who is above it) when the scheme has an overall quota or a soft one. Columns appear
// only when some person has something in them: a scheme without these rules gets the sheet of before.

import { render, type Locale } from '../dsl/i18n/index.js';
import type { Contract } from '../dsl/service/index.js';
import type { CohortMemberResult, CohortResult, QuotaSummary, SubjectResult } from '../engine/api.js';
import { DECISION_HEADERS, type DecisionField } from './decisions.js';
import { scopeWords, W } from './results-words.js';
import { widthOf, type OutCell, type SheetColumn, type SheetData } from './workbook.js';

export type Scope = QuotaSummary['scope'];
/** A person's result, alone or in a cohort: the cohort's fields (rank, flags) only in a cohort. */
export type Person = SubjectResult & Partial<Pick<CohortMemberResult, 'rank' | 'flags'>>;

/** The quotas of a cohort result, each with its scope and unit (overall ones: unit ''), in the order
 * they were applied: every cohort's, then the batch's. */
export function quotaRows(result: CohortSummaries): { scope: Scope; unit: string; q: QuotaSummary }[] {
  return [
    ...result.cohorts.flatMap((c) => c.quotas.map((q) => ({ scope: q.scope, unit: c.key, q }))),
    ...(result.overall?.quotas ?? []).map((q) => ({ scope: q.scope, unit: '', q })),
  ];
}

/** A cohort's summaries: what the quotas sheet reads (a streamed cohort has them before its results). */
export type CohortSummaries = Pick<CohortResult, 'cohorts' | 'overall'>;

/** Whether the result has the quotas worth a table of their own: an overall scope or a soft share. */
export const showsQuotas = (result: CohortSummaries): boolean =>
  result.overall !== undefined || quotaRows(result).some((x) => x.q.normal !== undefined);

/** What the cohort columns need to know of everyone: whether anyone is ranked, demoted or flagged,
 * and which decision fields someone has (filled person by person: addCohortSeen). */
export interface CohortSeen { ranked: boolean; demoted: boolean; flagged: boolean; fields: Set<DecisionField> }

export const cohortSeen = (): CohortSeen => ({ ranked: false, demoted: false, flagged: false, fields: new Set() });

export function addCohortSeen(seen: CohortSeen, r: SubjectResult): void {
  const m = r as Person;
  if (m.rank !== undefined) seen.ranked = true;
  if (m.quota?.demotedTo) seen.demoted = true;
  if ((m.flags?.length ?? 0) > 0) seen.flagged = true;
  if (m.decision) for (const f of Object.keys(DECISION_HEADERS) as DecisionField[]) if (m.decision[f] !== undefined) seen.fields.add(f);
}

/** The columns and cells of ranks, demotions, flags and decisions. */
export function cohortColumns(contract: Contract, seen: CohortSeen, locale: Locale) {
  const words = (m: Parameters<typeof render>[0]) => render(m, locale);
  const sep = locale === 'zh' ? '；' : '; ';
  const { ranked, demoted, flagged } = seen;
  const unitRank = ranked && contract.cohortBy !== undefined; // without `cohort by` the two ranks are one
  const fields = (Object.keys(DECISION_HEADERS) as DecisionField[]).filter((f) => seen.fields.has(f));
  return {
    /** After the grade: the ranks. */
    rankColumns: [
      ...(ranked ? [{ header: words(W.rankOverallHeader()), width: 8 }] : []),
      ...(unitRank ? [{ header: words(W.rankCohortHeader()), width: 8 }] : []),
    ] as SheetColumn[],
    rankCells(r: SubjectResult): OutCell[] {
      const m = (r as Person);
      return [...(ranked ? [m.rank?.overall ?? null] : []), ...(unitRank ? [m.rank?.cohort ?? null] : [])];
    },
    /** After the grade's reasons: the demotion's scope, the flags, the decision. */
    noteColumns: [
      ...(demoted ? [{ header: words(W.demotionHeader()), width: 22 }] : []),
      ...(flagged ? [{ header: words(W.flagHeader()), width: 30, wrap: true }] : []),
      ...fields.map((f) => ({ header: DECISION_HEADERS[f][locale], width: f === 'reason' ? 30 : 10, ...(f === 'reason' ? { wrap: true } : {}) })),
    ] as SheetColumn[],
    noteCells(r: SubjectResult): OutCell[] {
      const m = (r as Person);
      const q = m.quota;
      return [
        ...(demoted ? [q?.demotedTo ? words(W.demotion({ scope: scopeWords(q.scope), from: q.grade, to: q.demotedTo })) : null] : []),
        ...(flagged ? [(m.flags ?? []).map((f) => f.reason).join(sep) || null] : []),
        ...fields.map((f) => m.decision?.[f] ?? null),
      ];
    },
  };
}

/** The quotas per scope, when the scheme has an overall quota or a soft one (else undefined). */
export function quotasSheet(result: CohortSummaries, contract: Contract, locale: Locale): SheetData | undefined {
  const words = (m: Parameters<typeof render>[0]) => render(m, locale);
  if (!showsQuotas(result)) return undefined;
  const cohorts = result.cohorts;
  const rows = quotaRows(result);
  const everyone = words(W.everyone());
  const sep = locale === 'zh' ? '、' : ', ';
  const unitHeader = contract.cohortBy ?? words(W.quotaUnitHeader());
  const columns: SheetColumn[] = [
    { header: words(W.quotaScopeHeader()), width: 10 },
    { header: unitHeader, width: widthOf([unitHeader, ...cohorts.map((c) => c.key)], 10, 30) },
    { header: words(W.quotaGradeHeader()), width: 10 },
    { header: words(W.quotaBaseHeader()), width: 10 },
    { header: words(W.quotaLimitHeader()), width: 8 },
    { header: words(W.quotaNormalHeader()), width: 10 },
    { header: words(W.quotaAdmittedHeader()), width: 10 },
    { header: words(W.quotaOverHeader()), width: 24, wrap: true },
    { header: words(W.quotaFlagHeader()), width: 40, wrap: true },
  ];
  return {
    name: words(W.sheetQuotas()),
    columns,
    rows: rows.map(({ scope, unit, q }): OutCell[] => [
      words(scopeWords(scope)),
      scope === 'overall' || unit === '' ? everyone : unit,
      q.grade, q.base, q.limit, q.normal ?? null, q.admitted.length,
      q.over?.length ? q.over.join(sep) : null, q.flag ?? null,
    ]),
  };
}
