// Filling the inputs the server owns (issue 14): `results of SCHEME UNIT` (another scheme's results
// over the sub-periods of the round's period) and `past N …` (this scheme's own results in the N
// periods before), from subject_results. Only rows that are final (their round was finalized) or
// imported count, and only of the round's own organization: the scheme is resolved by name in that
// organization and every query names it, so a roll-up can never read another organization's results.
//
// In bulk: one query per source scheme for the whole round (every person, every period), not one
// per person — an annual round of 10,000 people reads 40,000 quarterly rows in one statement. Per
// person and period the round's row wins over an imported one. A record is `{period, score, grade,
// imported}` with the score as the earlier round reported it (decimal text at its precision) or, for
// `exact`, its exact value (fraction text), which the engine reads exactly; oldest period first.
// Also says which expected source periods are not final yet (GET round shows them).
// `results of SCHEME for FIELD` (a related subject's ONE record of the same period) is filled by
// fill-related.ts, from each person's FIELD value (`inputs`, else read from the round's parts and roster).

import type { RoundRow } from '../db/schema.js';
import { findScheme } from '../schemes/store.js';
import { dialectOf } from '../store/dialect.js';
import type { Sql } from '../store/types.js';
import {
  better, fillRelated, recordOf, relatedSpec, ROW_COLS, storedRelatedInputs,
  type PeriodRecord, type Read, type RelatedTarget, type RelatedValue, type Row,
} from './fill-related.js';
import { fillTargets, recordsOf } from '../../sheets/period-fill.js';
import type { FillSpec, SchemeInfo } from './scheme-info.js';
import type { Absent } from './stale-arrivals.js';

export type { PeriodRecord };

/** A source period without a final result for the round: a round of it that is not final yet
 * (`not_final`, naming it), no round at all (`none`), or a source scheme the organization lacks. */
export interface PendingSource {
  input: string; scheme: string; period?: string; status: 'not_final' | 'none' | 'unknown_scheme'; round?: string; roundStatus?: string;
  /** A related field's (`results of SCHEME for FIELD`): the related subject without a result. */
  subject?: string;
}

/** The round whose inputs are filled: its scheme and period, and — for related fields when the
 * caller passes no inputs — the round itself, whose parts and roster give each person's FIELD value. */
export interface FillOwn { schemeId: number; schemeName: string; period: string; round?: Pick<RoundRow, 'id' | 'unit'> }

export interface Filled {
  /** subject → field → records. */
  values: Map<string, Record<string, PeriodRecord[]>>;
  /** subject → related field → the related subject and its record (`results of SCHEME for FIELD`). */
  related: Map<string, Record<string, RelatedValue>>;
  /** The rounds and revisions read ({roundId, revision}), for revisions.sources. */
  sources: { roundId: string; revision: number }[];
  /** The imported rows read (subject_results ids), stored with the sources: a re-import replacing one
   * flags the round out of date as an amended source round does (stale-imports.ts). */
  imported: number[];
  /** What was read as missing (source scheme id, period, subject): stored with the sources, so the
   * result arriving later flags the round out of date (stale-arrivals.ts). */
  absent: Absent[];
  pending: PendingSource[];
}

interface Target { field: string; spec: FillSpec; schemeId?: number; schemeName: string; periods: string[] }

/** The id of source scheme `name` in the organization (the round's own scheme without a look-up). */
async function sourceId(sql: Sql, orgId: number, own: FillOwn, name: string): Promise<number | undefined> {
  return name === own.schemeName ? own.schemeId : (await findScheme(sql, orgId, name))?.id;
}

/** The list fields to fill for a round (`results of … UNIT`, `past`) and the periods each reads —
 * the mapping `kaohe eval --periods` uses too (sheets/period-fill.ts) — with the source scheme's id. */
async function targets(sql: Sql, orgId: number, own: FillOwn, info: SchemeInfo): Promise<Target[]> {
  const out: Target[] = [];
  // A handful of fields: one look-up each (of a scheme other than the round's own).
  for (const t of fillTargets(info.fields, (field) => info.periods(field, own.period))) {
    out.push(t.spec.form === 'past'
      ? { field: t.field, spec: t.spec, schemeId: own.schemeId, schemeName: own.schemeName, periods: t.periods }
      : { field: t.field, spec: t.spec, schemeId: await sourceId(sql, orgId, own, t.scheme), schemeName: t.scheme, periods: t.periods });
  }
  return out;
}

/** The related fields (`results of SCHEME for FIELD`), each with its source scheme's id when the
 * organization has a scheme of that name. */
async function relatedTargets(sql: Sql, orgId: number, own: FillOwn, info: SchemeInfo): Promise<RelatedTarget[]> {
  const out: RelatedTarget[] = [];
  for (const f of info.fields) {
    const spec = relatedSpec(f);
    if (spec) out.push({ ...spec, schemeId: await sourceId(sql, orgId, own, spec.scheme) });
  }
  return out;
}

/** `inputs`: each person's submitted input (with the `cohort by` field from the roster), which
 * related fields read their FIELD from; without it, read from `own.round`'s parts and roster. */
export async function fillRound(
  sql: Sql, orgId: number, own: FillOwn, info: SchemeInfo, subjects: readonly string[],
  inputs?: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
): Promise<Filled> {
  const values = new Map<string, Record<string, PeriodRecord[]>>(subjects.map((s) => [s, {}]));
  const pending: PendingSource[] = [];
  const related = await relatedOf(sql, orgId, own, info, subjects, inputs);
  const read: Read = { sources: new Map(related.sources.map((x) => [x.roundId, x])), imported: new Set(related.imported) };
  const absent: Absent[] = [...related.absent];
  pending.push(...related.pending);
  const all = await targets(sql, orgId, own, info);
  // One query per source scheme, over the union of the periods its fields read.
  const bySchemeId = new Map<number, Target[]>();
  for (const t of all) {
    if (t.schemeId === undefined) {
      pending.push({ input: t.field, scheme: t.schemeName, status: 'unknown_scheme' });
      for (const s of subjects) values.get(s)![t.field] = [];
      continue;
    }
    bySchemeId.set(t.schemeId, [...(bySchemeId.get(t.schemeId) ?? []), t]);
  }
  for (const [schemeId, ts] of bySchemeId) {
    const periods = [...new Set(ts.flatMap((t) => t.periods))];
    const rows = await readRows(sql, orgId, schemeId, periods);
    const importedPeriods = new Set<string>();
    for (const r of rows) if (r.imported) importedPeriods.add(r.period);
    // subject → period → the row to use (the round's over an imported one; the newest round's).
    const best = new Map<string, Map<string, Row>>();
    for (const r of rows) {
      if (!values.has(r.subject)) continue;
      let m = best.get(r.subject);
      if (!m) best.set(r.subject, (m = new Map()));
      if (better(m.get(r.period), r)) m.set(r.period, r);
    }
    for (const t of ts) {
      for (const s of subjects) {
        const m = best.get(s);
        values.get(s)![t.field] = recordsOf(t, (period) => m?.get(period), (r) => recordOf(r, t.spec.values, read), (period) => absent.push([schemeId, period, s]));
      }
      pending.push(...(await pendingOf(sql, orgId, schemeId, t, importedPeriods)));
    }
  }
  return { values, related: related.values, sources: [...read.sources.values()], imported: [...read.imported], absent, pending };
}

/** The related fields filled (fill-related.ts), with `unknown_scheme` pending for a source the
 * organization lacks. */
async function relatedOf(
  sql: Sql, orgId: number, own: FillOwn, info: SchemeInfo, subjects: readonly string[],
  inputs?: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
) {
  const ts = await relatedTargets(sql, orgId, own, info);
  if (ts.length === 0) return { values: new Map<string, Record<string, RelatedValue>>(), sources: [], imported: [] as number[], absent: [] as Absent[], pending: [] as PendingSource[] };
  const given = inputs ?? (own.round ? await storedRelatedInputs(sql, own.round, info) : new Map<string, Record<string, unknown>>());
  const filled = await fillRelated(sql, orgId, own.period, ts, subjects, given);
  const unknown: PendingSource[] = ts.filter((t) => t.schemeId === undefined).map((t) => ({ input: t.field, scheme: t.scheme, status: 'unknown_scheme' }));
  return { ...filled, pending: [...unknown, ...filled.pending] };
}

// The rows, in no particular order, through the (org, scheme, period) index of migration 0008: the
// lookup index leads with the subject, which a whole-round read does not name.
async function readRows(sql: Sql, orgId: number, schemeId: number, periods: string[]): Promise<Row[]> {
  if (periods.length === 0) return [];
  return sql.all<Row>(
    `SELECT ${ROW_COLS} FROM ${dialectOf(sql).indexedBy('subject_results', 'subject_results_scheme_period')}
     WHERE org_id = ? AND scheme_id = ? AND period IN (${periods.map(() => '?').join(', ')}) AND (final = 1 OR imported = 1)`,
    [orgId, schemeId, ...periods],
  );
}

/** The periods of `t` without a final round: one whose round is not final yet, or that has no round
 * (and no imported results) at all. */
async function pendingOf(sql: Sql, orgId: number, schemeId: number, t: Target, importedPeriods?: ReadonlySet<string>): Promise<PendingSource[]> {
  if (t.periods.length === 0) return [];
  const list = t.periods.map(() => '?').join(', ');
  const rounds = await sql.all<{ id: string; period: string; status: string }>(
    `SELECT id, period, status FROM rounds WHERE org_id = ? AND scheme_id = ? AND period IN (${list}) ORDER BY id`,
    [orgId, schemeId, ...t.periods],
  );
  const imported = importedPeriods ?? new Set((await sql.all<{ period: string }>(
    `SELECT DISTINCT period FROM subject_results WHERE org_id = ? AND scheme_id = ? AND imported = 1 AND period IN (${list})`,
    [orgId, schemeId, ...t.periods],
  )).map((r) => r.period));
  const out: PendingSource[] = [];
  for (const period of t.periods) {
    const of = rounds.filter((r) => r.period === period);
    if (of.some((r) => r.status === 'final')) continue;
    const open = of.at(-1);
    if (open) out.push({ input: t.field, scheme: t.schemeName, period, status: 'not_final', round: open.id, roundStatus: open.status });
    else if (!imported.has(period)) out.push({ input: t.field, scheme: t.schemeName, period, status: 'none' });
  }
  return out;
}

/** The `results of` fields whose source scheme the organization does not have (misspelt, or
 * another organization's): evaluate and create refuse them (422 `unknown_source_scheme`). */
export async function unknownSources(sql: Sql, orgId: number, own: FillOwn, info: SchemeInfo): Promise<{ field: string; scheme: string }[]> {
  return [
    ...(await targets(sql, orgId, own, info)).filter((t) => t.schemeId === undefined).map((t) => ({ field: t.field, scheme: t.schemeName })),
    ...(await relatedTargets(sql, orgId, own, info)).filter((t) => t.schemeId === undefined).map((t) => ({ field: t.field, scheme: t.scheme })),
  ];
}

/** The pending sources of a round (GET round): list fields without reading any result; related
 * fields (with `own.round`) read the related subjects' rows — one query per source scheme — to name
 * those without a result. */
export async function pendingSources(sql: Sql, orgId: number, own: FillOwn, info: SchemeInfo): Promise<PendingSource[]> {
  const out: PendingSource[] = [];
  if (own.round && info.fields.some((f) => relatedSpec(f))) {
    const inputs = await storedRelatedInputs(sql, own.round, info);
    out.push(...(await relatedOf(sql, orgId, own, info, [...inputs.keys()], inputs)).pending);
  }
  for (const t of await targets(sql, orgId, own, info)) {
    if (t.schemeId === undefined) out.push({ input: t.field, scheme: t.schemeName, status: 'unknown_scheme' });
    else out.push(...(await pendingOf(sql, orgId, t.schemeId, t)));
  }
  return out;
}
