// The roster and input parts of a round (issue 14): PUT /api/rounds/:id/roster (all or nothing, whole
// cohort only) and POST /api/rounds/:id/inputs (all or nothing, a unit officer for their units,
// Idempotency-Key). Every refusal names its path and stores nothing.

import { createHash } from 'node:crypto';
import { codePointText } from '../../dsl/code-point.js';
import { validateDisplay } from '../../engine/display.js';
import { unitFlaw } from '../../engine/subject-id.js';
import { seesAllUnits, seesUnit } from '../accounts/scope.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { now } from '../store/types.js';
import type { RoundMemberRow } from '../db/schema.js';
import { ApiError, conflict } from '../errors.js';
import { inTurns, loopTurn } from '../loop-turns.js';
import { roundScheme } from './evaluate.js';
import { validatePartsAt, type PartCheck } from './version-scheme.js';
import { R, unitNotYours } from './messages.js';
import { unknownFieldWords } from './unknown-field.js';
import { keptResponse } from './kept-batch.js';
import { unseenRelatedEach, type RelatedCheck } from './related-scope.js';
import { providedColumns } from './provided-columns.js';
import { allUnitsOnly, label, problem, roundOf, STATUS_WORD, unprocessable } from './round-common.js';
import { rosterInputs, storeRosterInputs, type RosterInputs } from './roster-parts.js';
import type { InputsBody, RosterBody } from './schemas.js';
import * as store from './store.js';
import type { z } from '@hono/zod-openapi';
import { fenced } from './lock.js';

const STATUS: Record<string, RoundMemberRow['status']> = { take: 'take', absent: 'absent', ungraded: 'ungraded', 参加: 'take', 不参加: 'absent', 不定等次: 'ungraded' };

/** A member's status as sent (the schema lets anything through: schemas.ts MemberStatus), or the
 * problem at `path` — missing, not text, or a word the API does not know — each naming the words. */
function statusOf(sent: unknown, path: string): RoundMemberRow['status'] | ReturnType<typeof problem> {
  if (sent === undefined) return problem(path, 'missing_status', R.missingStatus());
  if (typeof sent !== 'string') return problem(path, 'status_not_text', R.statusNotText());
  if (Object.hasOwn(STATUS, sent)) return STATUS[sent];
  // `"参加 "`: the space is named, not shown invisibly (V11b LOW-9) — refused all the same, as an id's is
  const trimmed = sent.trim();
  if (trimmed !== sent && Object.hasOwn(STATUS, trimmed)) {
    const code = codePointText((/^\s/.test(sent) ? sent : sent.slice(-1)).codePointAt(0)!);
    return problem(path, 'unknown_status', R.statusEdgeSpace({ status: sent, code, trimmed }));
  }
  return problem(path, 'unknown_status', R.unknownStatus({ status: sent }));
}

/** A member's unit is its cohort, with its own quota: one that differs from another only by a
 * character nobody sees is refused (V11b HIGH-1, engine/subject-id.ts unitFlaw — as evaluate's KH-E061). */
function unitProblem(unit: string | null | undefined, path: string): ReturnType<typeof problem> | undefined {
  const flaw = typeof unit === 'string' ? unitFlaw(unit, R.unitWord()) : undefined;
  return flaw && problem(path, 'unit_not_visible', flaw);
}

/** `displays`: each member's `display` as sent (json-exact.ts: an 18-digit 身份证号 sent as a number
 * keeps every digit), checked and stored as text exactly like evaluate's display (engine/display.ts).
 * A member's `input` (roster columns that are scheme inputs, U6 H-1) is checked as a part and stored
 * with the roster, all or nothing (roster-parts.ts); the answer says which fields were taken. */
export async function setRoster(ctx: ServerCtx, p: Principal, id: string, body: z.infer<typeof RosterBody>, displays: readonly unknown[]): Promise<RosterInputs> {
  const round = await roundOf(ctx, p, id);
  if (round.status === 'final') throw conflict('round_final', R.roundFinal({ id: label(round) }));
  if (round.status !== 'open' && round.status !== 'evaluated') throw conflict('round_not_open', R.rosterLocked({ id: label(round), status: STATUS_WORD[round.status]() }));
  // A unit officer cannot replace the whole roster (it holds other units' people).
  if (!seesAllUnits(p)) throw allUnitsOnly(R.rosterNeedsAllUnits());
  const problems: ReturnType<typeof problem>[] = [];
  const seen = new Set<string>();
  const list: store.NewMember[] = [];
  // In turns (../loop-turns.ts): 10,000 members' checks do not hold the event loop in one piece.
  await inTurns(body.members, (m, i) => {
    if (seen.has(m.id)) problems.push(problem(`members[${i}].id`, 'duplicate_member', R.duplicateMember({ subject: m.id })));
    seen.add(m.id);
    const status = statusOf(m.status, `members[${i}].status`);
    if (typeof status !== 'string') problems.push(status);
    const badUnit = unitProblem(m.unit, `members[${i}].unit`);
    if (badUnit) problems.push(badUnit);
    const shown = validateDisplay(displays[i], `members[${i}].display`);
    for (const e of shown.errors) problems.push(problem(e.path ?? `members[${i}].display`, e.code, e.msg ?? R.invalidRoster()));
    list.push({
      subjectId: m.id, unit: m.unit ?? null, status: typeof status === 'string' ? status : 'take',
      countsInBase: m.countsInBase ?? true, display: shown.display ? JSON.stringify(shown.display) : null,
    });
  });
  const taken = await rosterInputs(ctx, round, body.members);
  problems.push(...(taken.problems as typeof problems));
  if (problems.length > 0) throw unprocessable(R.invalidRoster(), problems);
  await loopTurn();
  const at = now();
  await ctx.store.tx(async (tx) => {
    await fenced(tx, id); // this write still holds the round's lease (lock.ts)
    await store.replaceRoster(tx, id, list);
    await storeRosterInputs(tx, id, p.tokenId, p.accountId ?? null, at, taken.parts);
  });
  return taken;
}

export interface InputsAnswer { status: 200 | 201; json: string }

/** `sentInputs`: each subject's `input` as JSON.parse read it — zod's record drops a `__proto__` key,
 * which must be refused as an unknown field, not ignored. */
export async function submitInputs(ctx: ServerCtx, p: Principal, id: string, body: z.infer<typeof InputsBody>, key: string | undefined, sentInputs: readonly unknown[]): Promise<InputsAnswer> {
  const round = await roundOf(ctx, p, id);
  const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const kept = key === undefined ? undefined : await keptResponse(ctx, p, id, key, requestHash);
  if (kept !== undefined) return { status: 200, json: kept };
  if (round.status === 'final') throw conflict('round_final', R.roundFinal({ id: label(round) }));
  if (round.status === 'publicity') throw conflict('round_in_publicity', R.roundInPublicity({ id: label(round) }));
  const { at: scheme, info } = await roundScheme(ctx, round);
  // Checked together after the loop, where the version was prepared (version-scheme.ts), each in its place.
  const checks: PartCheck[] = [];
  const roster = new Map((await store.members(ctx.store, id)).map((m) => [m.subjectId, m]));
  await loopTurn();
  const problems: { code: string }[] = [];
  const refused: ReturnType<typeof problem>[] = [];
  // Related values to check (related-scope.ts), each with where its refusals go among `refused`.
  const related: (RelatedCheck & { at: number })[] = [];
  const seen = new Set<string>();
  const parts: store.NewPart[] = [];
  const provided = providedColumns(info);
  await inTurns(body.subjects, (s, i) => {
    const m = roster.get(s.id);
    if (!m) { problems.push(problem(`subjects[${i}].id`, 'not_in_roster', R.notInRoster({ subject: s.id, id: label(round) }))); return; }
    if (seen.has(s.id)) problems.push(problem(`subjects[${i}].id`, 'duplicate_subject', R.duplicateSubject({ subject: s.id })));
    seen.add(s.id);
    const unit = m.unit ?? round.unit;
    if (!seesUnit(p, unit)) {
      refused.push(problem(`subjects[${i}].id`, 'unit_not_allowed', unitNotYours(s.id, unit)));
      return;
    }
    const checkable: Record<string, unknown> = {};
    for (const [field, value] of Object.entries((sentInputs[i] ?? s.input) as Record<string, unknown>)) {
      const path = `subjects[${i}].input.${field}`;
      if (!info.byName.has(field)) problems.push(problem(path, 'unknown_field', unknownFieldWords(field, info.byName.keys())));
      // The roster is authoritative for the unit (a part naming another could move a person into another
      // unit's cohort and its quota places), the server for filled fields: refused once per column,
      // a unit equal to the roster's left out (provided-columns.ts).
      else if (!provided.provided(field, value, { subject: s.id, unit, path })) {
        checkable[field] = value;
        parts.push({ subjectId: s.id, field, value: JSON.stringify(value) });
      }
    }
    checks.push({ at: problems.length, input: checkable, prefix: `subjects[${i}].input.` });
    related.push({ at: refused.length, subject: s.id, input: checkable, prefix: `subjects[${i}].input.` });
    if (s.decision) parts.push({ subjectId: s.id, field: store.DECISION_FIELD, value: JSON.stringify(s.decision) });
  });
  await loopTurn();
  const unseen = await unseenRelatedEach(ctx, p, round, info, related);
  for (let k = related.length - 1; k >= 0; k--) refused.splice(related[k].at, 0, ...unseen[k]);
  await validatePartsAt(ctx, scheme, checks, problems);
  problems.push(...provided.problems());
  if (refused.length > 0) throw new ApiError(403, 'unit_not_allowed', refused[0].msg, refused);
  if (problems.length > 0) throw unprocessable(R.invalidParts(), problems);
  await loopTurn();
  const at = now();
  const batch = store.newBatchId();
  const answer = { round: id, batch, part: body.part ?? null, subjects: body.subjects.length, fields: parts.length, at };
  const json = JSON.stringify(answer);
  await ctx.store.tx(async (tx) => {
    await fenced(tx, id); // this write still holds the round's lease (lock.ts)
    await store.insertParts(tx, id, batch, body.part ?? null, p.tokenId, p.accountId ?? null, at, parts);
    await store.insertBatch(tx, { id: batch, roundId: id, tokenId: p.tokenId, key, requestHash: key === undefined ? undefined : requestHash, response: json, at });
  });
  return { status: 201, json };
}
