// A round's evaluate problems as an officer reads them (issue 14 part 2, audit findings 5 and 7):
// the engine reports by position in the cohort (`subjects[7].input.班子结果.grade`), in its own
// words; a round answers by person — the path `subjects[<id>].input.<field>` and `subject`, the
// message "“乙1”的“班子结果.考核等次”：…" without the positional path, record keys in the reader's
// language — and without the English `expected` of the input contract in another locale (the
// message already says what is expected).
//
// A related subject without a result (KH-E057, `results of SCHEME for FIELD … missing error`) is one
// problem per related subject and field — a team without a final result fails all its members alike
// — at `input.<field>`, naming the people and saying what holds the result up: the source round that
// is not final yet (its name, its status, for 公示 its end date) or that no round lists it.
//
// A person without a unit under a `cohort by` field (KH-E002 at `input.<unit field>`, V11 trial) is
// told to set the member's unit in the roster: the engine's “missing required field” read as an
// input to submit, which an inputs part is refused.

import type { Locale, Msg } from '../../dsl/i18n/index.js';
import type { EvalError, SubjectInput } from '../../engine/api.js';
import { said } from '../errors.js';
import type { Filled } from './fill.js';
import { R } from './messages.js';
import { RR } from './related-messages.js';
import { STATUS_WORD } from './round-common.js';
import type { SchemeInfo } from './scheme-info.js';
import type { Sql } from '../store/types.js';

/** The engine's problem without its positional path (`subjects[3].input.X: …`). */
const withoutPath = (m: Msg): Msg => (m.id === 'engine.at' && m.args?.what ? m.args.what as Msg : m);

const RECORD_KEYS: Record<string, () => Msg> = { period: RR.keyPeriod, score: RR.keyScore, grade: RR.keyGrade, imported: RR.keyImported };

/** `班子结果.grade` → 班子结果.考核等次 in zh (a period record's keys as a `given` writes them). */
function fieldPath(tail: string): Msg | string {
  const dot = tail.lastIndexOf('.');
  const key = dot > 0 ? RECORD_KEYS[tail.slice(dot + 1)] : undefined;
  return key ? RR.fieldKey({ field: tail.slice(0, dot), key: key() }) : tail;
}

export interface ProblemContext {
  subjects: readonly SubjectInput[];
  info: Pick<SchemeInfo, 'byName' | 'cohortField'>;
  filled: Pick<Filled, 'related' | 'pending'>;
  sql: Sql;
  lang: Locale;
}

/** The engine's errors of a round's evaluate, by person, KH-E057 grouped by related subject. */
export async function roundProblems(errors: readonly EvalError[], ctx: ProblemContext): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const groups = new Map<string, { field: string; related: string; people: string[]; first: EvalError }>();
  for (const e of errors) {
    const at = /^subjects\[(\d+)\]\.?/.exec(e.path ?? '');
    const id = at ? ctx.subjects[Number(at[1])]?.id : e.subject;
    const rest = at ? e.path!.slice(at[0].length) : e.path ?? '';
    const field = /^input\.([^.[]+)/.exec(rest)?.[1];
    if (e.code === 'KH-E057' && id !== undefined && field !== undefined) {
      const related = ctx.filled.related.get(id)?.[field]?.subject ?? '?';
      const key = `${field}\u0000${related}`;
      const g = groups.get(key) ?? { field, related, people: [], first: e };
      groups.set(key, g);
      g.people.push(id);
      // Grouped below (where the group's first problem stood).
      if (g.people.length === 1) out.push({ group: key });
      continue;
    }
    if (id === undefined) { out.push(localOnly(e, ctx.lang)); continue; }
    // A cohort's problem (no positional path) keeps its words as they are.
    const problem: Msg = at ? withoutPath(e.msg ?? R.plain({ text: e.message })) : e.msg ?? R.plain({ text: e.message });
    const msg = field === undefined ? R.problemOf({ subject: id, problem: at && problem !== e.msg ? { id: 'engine.at', args: { path: rest, what: problem } } : problem })
      : e.code === 'KH-E054' ? R.missingPeriodsFix({ subject: id, field, problem })
        : e.code === 'KH-E002' && field === ctx.info.cohortField && rest === `input.${field}` ? R.unitMissing({ subject: id, field })
          : personProblem(e, id, field, rest.slice('input.'.length), problem, ctx.info);
    out.push({ ...localOnly(e, ctx.lang), ...(at && { path: `subjects[${id}]${at[0].endsWith('.') ? '.' : ''}${rest}` }), subject: id, ...said(msg) });
  }
  // A statement per related subject without a result (a few: the engine stops at MAX_DETAILS errors).
  for (let i = 0; i < out.length; i++) {
    const x = out[i];
    if (typeof x.group === 'string') out[i] = await relatedGroup(groups.get(x.group)!, ctx);
  }
  return out;
}

/** A person's problem at `input.<tail>`. A grade the server filled from a source that the enum lacks
 * (an imported row, a source version's grade) is no input to correct: say which enum lacks it. */
function personProblem(e: EvalError, subject: string, field: string, tail: string, problem: Msg, info: ProblemContext['info']): Msg {
  const path = fieldPath(tail);
  const grades = info.byName.get(field)?.fill?.grades;
  if (e.code !== 'KH-E052' || !grades) return RR.problemAt({ subject, path, problem });
  let grade = e.found ?? '';
  try { const v: unknown = JSON.parse(grade); if (typeof v === 'string') grade = v; } catch { /* as found */ }
  return RR.filledGradeNotInEnum({ subject, path, grade, enum: grades.enum, scheme: info.byName.get(field)!.fill!.scheme });
}

/** `expected` is the input contract's English text: answered in English only. */
function localOnly(e: EvalError, lang: Locale): Record<string, unknown> {
  if (lang === 'en' || e.expected === undefined) return { ...e };
  const { expected: _, ...rest } = e;
  return rest;
}

/** One KH-E057 for a related subject: every person of the round it fails (not only those the engine
 * listed before its error limit), and why the related subject has no result yet. */
async function relatedGroup(g: { field: string; related: string; people: string[]; first: EvalError }, ctx: ProblemContext): Promise<Record<string, unknown>> {
  const people = new Set(g.people);
  for (const s of ctx.subjects) {
    const v = ctx.filled.related.get(s.id)?.[g.field];
    if (v && v.record === null && v.subject === g.related) people.add(s.id);
  }
  const ids = ctx.subjects.map((s) => s.id).filter((s) => people.has(s));
  const pending = ctx.filled.pending.find((p) => p.input === g.field && p.subject === g.related);
  const hint = await hintOf(ctx.sql, pending, g.related);
  const problem = withoutPath(g.first.msg ?? R.plain({ text: g.first.message }));
  const msg = RR.relatedMissingGroup({ people: ids.map((x) => RR.person({ x })), count: String(ids.length), field: g.field, problem, hint });
  const { expected: _, path: __, subject: ___, ...rest } = g.first;
  return {
    ...rest, ...(ctx.lang === 'en' && g.first.expected !== undefined && { expected: g.first.expected }),
    path: `input.${g.field}`, related: g.related, subjects: ids,
    ...(pending?.round && { round: pending.round }), ...said(msg),
  };
}

/** What holds the related subject's result up: its source round not final yet, else no round. */
async function hintOf(sql: Sql, pending: Filled['pending'][number] | undefined, related: string): Promise<Msg> {
  const scheme = pending?.scheme ?? '';
  if (pending?.status === 'not_final' && pending.round) {
    const r = await sql.get<{ id: string; name: string | null; status: keyof typeof STATUS_WORD; until: string | null }>(
      'SELECT id, name, status, publicity_until AS until FROM rounds WHERE id = ?', [pending.round]);
    if (r) {
      const round = r.name ?? r.id;
      if (r.status === 'publicity' && r.until) return RR.pendingPublicity({ scheme, round, until: r.until });
      return RR.pendingNotFinal({ scheme, round, status: STATUS_WORD[r.status]() });
    }
  }
  return RR.pendingNone({ scheme, subject: related, period: pending?.period ?? '' });
}
