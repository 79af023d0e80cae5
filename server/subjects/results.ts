// GET /api/subjects/:id/results (issue 14 item 7): one person's results across schemes and periods,
// oldest first (by the period's first day; of two starting the same day, the longer first — a year
// before its first quarter, a quarter before its first month), from subject_results — each round's current result for the person (final, or still
// evaluated / in 公示: `status` names the round's status) and results imported from before kaohe
// (`status: "imported"`). What roll-ups and history read is the final and imported rows only; this
// page shows the others too, marked, so a person's page shows where this year's round stands.
//
// - `from` / `to`: periods of any form (`2025`, `2026-Q1`, `2026-03`); a result is shown when its
//   period starts on or after `from`'s first day and ends on or before `to`'s last day, so
//   `from=2026&to=2026` shows the year and its quarters and months. Text that is no period, or a
//   `to` ending before `from` starts, is refused as every list refuses it (../period-filter.ts,
//   read by the route before this).
// - A unit officer (an account covering some units, accounts/scope.ts) sees only the rows of their
//   units; a row without a unit is seen only by callers covering every unit.
// - Another organization's results are never shown; an unknown subject or scheme shows none (a
//   person is no resource of their own: nothing to be "not found").

import { isPeriod, parsePeriod } from '../../dsl/dates.js';
import { unitWhere } from '../accounts/scope.js';
import type { Principal } from '../auth/tokens.js';
import type { Param, Sql } from '../store/types.js';

export type ResultStatus = 'imported' | 'evaluated' | 'publicity' | 'final';

export interface SubjectResultView {
  scheme: string;
  period: string;
  score: number | null;
  exact: string | null;
  grade: string | null;
  unit: string | null;
  status: ResultStatus;
  final: boolean;
  imported: boolean;
  round: { id: string; name: string | null; status: string; revision: number | null } | null;
  /** The roster's display fields of the person in that round (姓名, 职务…): absent for imported rows. */
  display?: Record<string, unknown>;
  at: string;
}

interface Row {
  scheme: string; period: string; score: string | null; exact: string | null; grade: string | null; unit: string | null;
  final: number; imported: number; roundId: string | null; roundName: string | null; roundStatus: string | null; revision: number | null; at: string;
  display: string | null;
}

/** `from` / `to`: their first and last days (periods already read: ../period-filter.ts). */
export interface ResultsFilter { scheme?: string; from?: { start: string }; to?: { end: string } }

const SELECT = `
    select s.name as scheme, sr.period, sr.score, sr.score_exact as exact, sr.grade, sr.unit, sr.final, sr.imported,
      sr.round_id as "roundId", r.name as "roundName", r.status as "roundStatus", sr.revision, sr.created_at as at, m.display
    from subject_results sr
      join schemes s on s.id = sr.scheme_id
      left join rounds r on r.id = sr.round_id
      left join round_members m on m.round_id = sr.round_id and m.subject_id = sr.subject_id
    where sr.org_id = ? and sr.subject_id = ?`;

/** The person's rows: the statement with or without the scheme, and the caller's units
 * (accounts/scope.ts: a row without a unit is not among them). */
async function rowsOf(sql: Sql, p: Principal, subject: string, scheme: string | undefined): Promise<Row[]> {
  let text = SELECT;
  const params: Param[] = [p.orgId, subject];
  if (scheme !== undefined) {
    text += ' and s.name = ?';
    params.push(scheme);
  }
  const units = unitWhere(p, 'sr.unit');
  if (units) {
    text += ` and ${units.sql}`;
    params.push(...units.params);
  }
  return sql.all<Row>(text, params);
}

export async function subjectResults(sql: Sql, p: Principal, subject: string, f: ResultsFilter): Promise<SubjectResultView[]> {
  const { from, to } = f;
  const rows = await rowsOf(sql, p, subject, f.scheme);
  const spans = new Map<string, { start: string; end: string }>();
  const span = (period: string) => {
    let s = spans.get(period);
    if (!s) {
      const parsed = parsePeriod(period, undefined);
      spans.set(period, (s = isPeriod(parsed) ? parsed : { start: period, end: period }));
    }
    return s;
  };
  return rows
    .filter((r) => (!from || span(r.period).start >= from.start) && (!to || span(r.period).end <= to.end))
    // By start, then the longer period first (end descending): 2026, 2026-Q1, 2026-01, 2026-02, 2026-03,
    // 2026-Q2, … — a period right before the first of its parts, never between two of them.
    .sort((a, b) => cmp(span(a.period).start, span(b.period).start) || cmp(span(b.period).end, span(a.period).end) || cmp(a.scheme, b.scheme) || cmp(a.at, b.at))
    .map(view);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function view(r: Row): SubjectResultView {
  const imported = r.imported === 1;
  const status: ResultStatus = imported ? 'imported' : r.final === 1 ? 'final' : ((r.roundStatus ?? 'evaluated') as ResultStatus);
  return {
    scheme: r.scheme, period: r.period,
    score: r.score === null ? null : Number(r.score), exact: r.exact, grade: r.grade, unit: r.unit,
    status, final: r.final === 1, imported,
    round: r.roundId === null ? null : { id: r.roundId, name: r.roundName, status: r.roundStatus ?? 'evaluated', revision: r.revision },
    ...(r.display !== null && { display: JSON.parse(r.display) as Record<string, unknown> }),
    at: r.at,
  };
}
