// The rounds routes of the API (API.md "Additions": rounds, rosters, input parts, 公示, amendments, a
// person's results) as typed calls for the rounds view — every such call in this one module, so a
// change in an answer's shape is one edit here. Answers are read through small normalizers that take
// the shapes the design names and keep what the view shows (a round, its members, what is missing
// per person, the changes an amendment made); requests go through the editor's one fetch wrapper
// (cookie, Accept-Language, failures as ApiFailure in words).

import type { CohortResult } from '../../../engine/api.js';
import { request } from '../api.js';

export type RoundStatus = 'open' | 'evaluated' | 'publicity' | 'final';
export type MemberStatus = 'take' | 'absent' | 'ungraded';

export interface Round {
  id: string; scheme: string; version: number; period: string; unit: string | null; name: string | null;
  status: RoundStatus; publicityUntil: string | null; appealDays: number | null; revision: number;
  outOfDate: boolean; createdAt: string | null; finalizedAt: string | null;
  /** A 公示 already held, recorded late (issue 16, U6 M-3). */
  publicityRecord: PublicityRecord | null;
}
/** The 公示期 as entered late, who entered it (`account`, else the token's `byName`, else `by`) and when. */
export interface PublicityRecord { from: string; until: string; reason: string; at: string; by: string; account: string | null; byName: string | null; byKind: string | null }
export interface Member { id: string; unit: string | null; status: MemberStatus; countsInBase: boolean; display: Record<string, unknown> }
/** One declared input nobody has submitted for a person; `hasDefault`: the scheme would use its default. */
export interface MissingField { field: string; hasDefault: boolean }
/** A roll-up or history input (`results of`, `past`) the server fills, and the periods it reads that
 * have no final or imported result for the person: the input's `missing` policy decides what
 * evaluate does; under `missing error` the periods are `blocking` (evaluate refuses the person). */
export interface MissingRollup { field: string; scheme: string; periods: string[]; missing: string; blocking: boolean; subject: string | null }
/** `account`: the named account that made it; `token`: the token, when no account is named; `name`
 * and `kind`: the token's own name and kind (U6 L-5). */
export interface Revision {
  n: number; createdAt: string | null; account: string | null; token: string | null; name: string | null; kind: string | null;
  amendmentId: number | null; amendment: AmendmentNote | null;
}
/** What a revision's amendment was: a correction for one person, or a source refresh (`subject`
 * null: every person's roll-up values read again). */
export interface AmendmentNote { kind: AmendmentKind; subject: string | null; reason: string }
export type AmendmentKind = 'input' | 'decision' | 'refresh';
export interface RoundDetail extends Round {
  members: Member[];
  /** Subject → the inputs nobody has submitted for them. */
  missing: Map<string, MissingField[]>;
  /** Subject → their roll-up periods without a final or imported result. */
  rollups: Map<string, MissingRollup[]>;
  /** Periods a `results of` / `past` input reads that are not final yet (or have no result at all). */
  pending: Pending[];
  revisions: Revision[];
  /** The roster or inputs differ from what the newest revision evaluated (publicize waits for a new evaluation). */
  changed: boolean;
  /** The newest revision's cohort result, when the answer carries it. */
  result: CohortResult | null;
}
/** `subject`: for a related subject's result (`results of S for FIELD`), whose result it is (a team's id). */
export interface Pending { input: string; scheme: string; period: string | null; status: string; roundStatus: RoundStatus | null; subject: string | null }
export interface NewRound { scheme: string; version?: number; period: string; unit?: string; name?: string; appealDays?: number }
/** `input`: the roster's columns that are scheme inputs (roster-columns.ts), stored as a part with it. */
export interface RosterMember { id: string; unit?: string; status: MemberStatus; countsInBase?: boolean; display?: Record<string, unknown>; input?: Record<string, unknown> }
/** PUT roster's answer besides the round: the roster columns taken as inputs, and `notice` saying so. */
export interface RosterAnswer { rosterInputs?: string[]; notice?: string }
export interface InputSubject { id: string; input: Record<string, unknown>; decision?: unknown }
export interface Figures { score: number | null; rank: number | null; grade: string | null }
/** Why a person's figures changed in an amendment: their own input or decision was amended, a quota
 * line moved past them, or only their rank moved. */
export type ChangeWhy = 'amended' | 'source' | 'quota' | 'rank' | 'cohort';
/** `reason`: the server's words for `why` (in the request's language), when it gives them;
 * `actions`: the actions (措施) the person gained and lost. */
export interface Change { subject: string; before: Figures; after: Figures; actions: { gained: string[]; lost: string[] }; why: ChangeWhy[]; reason: string | null }
/** `by`: the approving account (or the token's name without one). */
/** `notice`: the server's advice in words when the amendment changed what a running 公示 shows (publicize again: U6 M-8). */
export interface AmendAnswer {
  revision: number | null; changes: Change[]; result: CohortResult | null; account: string | null; token: string | null;
  name: string | null; kind: string | null; at: string | null; notice: string | null;
}
/** A correction for one person, or a source refresh of an out-of-date round (`{refresh: true, reason}`). */
export type Amendment = { subject: string; input?: Record<string, unknown>; decision?: unknown; reason: string } | { refresh: true; reason: string };
export interface PersonResult {
  scheme: string; period: string; score: number | null; grade: string | null; final: boolean; imported: boolean;
  round: string | null; unit: string | null;
  /** `imported`, `final`, or the status of a round not final yet (`evaluated`, `publicity`). */
  status: string | null;
  /** The roster's display fields of the person in that round (姓名, 职务…); empty for imported rows. */
  display: Record<string, unknown>;
}

type O = Record<string, unknown>;
const obj = (x: unknown): O => (x && typeof x === 'object' && !Array.isArray(x) ? (x as O) : {});
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | null => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : null);
const numOrNull = (x: unknown): number | null => {
  if (typeof x === 'number') return x;
  if (typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x))) return Number(x);
  return null;
};
/** A scheme named by its id string or as an object `{id, …}`. */
const schemeName = (x: unknown): string => str(x) ?? str(obj(x).id) ?? str(obj(x).name) ?? '';

function round(raw: unknown): Round {
  const o = obj(obj(raw).round ?? raw);
  const version = numOrNull(o.version) ?? numOrNull(obj(o.version).n) ?? numOrNull(obj(o.scheme).version) ?? 0;
  return {
    id: str(o.id) ?? '', scheme: schemeName(o.scheme), version, period: str(o.period) ?? '', unit: str(o.unit), name: str(o.name),
    status: (str(o.status) ?? 'open') as RoundStatus, publicityUntil: str(o.publicityUntil ?? o.until), appealDays: numOrNull(o.appealDays),
    revision: numOrNull(o.revision) ?? numOrNull(obj(o.revision).n) ?? 0,
    outOfDate: o.outOfDate === true, createdAt: str(o.createdAt), finalizedAt: str(o.finalizedAt),
    publicityRecord: publicityRecord(o.publicityRecord),
  };
}

function publicityRecord(x: unknown): PublicityRecord | null {
  const o = obj(x);
  const from = str(o.from), until = str(o.until);
  if (!from || !until) return null;
  return { from, until, reason: str(o.reason) ?? '', at: str(o.at) ?? '', by: str(o.by) ?? '', account: str(o.account), byName: str(o.byName), byKind: str(o.byKind) };
}

const MEMBER_STATUS: Record<string, MemberStatus> = { take: 'take', absent: 'absent', ungraded: 'ungraded', 参加: 'take', 不参加: 'absent', 不定等次: 'ungraded' };

function member(raw: unknown): Member {
  const o = obj(raw);
  return {
    id: str(o.id ?? o.subject) ?? '', unit: str(o.unit), status: MEMBER_STATUS[str(o.status) ?? ''] ?? 'take',
    countsInBase: o.countsInBase !== false, display: obj(o.display),
  };
}

const missingField = (x: unknown): MissingField =>
  typeof x === 'string' ? { field: x, hasDefault: false } : { field: str(obj(x).field ?? obj(x).name) ?? '', hasDefault: obj(x).hasDefault === true };

/** What is missing per person: `missing: [{subject, fields}]`, `missing: {subject: fields}`, or each
 * member's own `missing`. */
function missingOf(o: O, members: unknown[]): Map<string, MissingField[]> {
  const out = new Map<string, MissingField[]>();
  const put = (id: string | null, fields: unknown) => {
    const list = arr(fields).map(missingField).filter((f) => f.field !== '');
    if (id && list.length) out.set(id, list);
  };
  // The server lists required inputs (`fields`) apart from defaulted ones (`defaulted`: names).
  const defaulted = (m: unknown) => arr(obj(m).defaulted).map((x) => ({ field: x, hasDefault: true }));
  if (Array.isArray(o.missing)) for (const m of o.missing) put(str(obj(m).subject ?? obj(m).id), [...arr(obj(m).fields ?? obj(m).missing ?? obj(m).inputs), ...defaulted(m)]);
  else for (const [id, fields] of Object.entries(obj(o.missing))) put(id, Array.isArray(fields) ? fields : obj(fields).fields);
  for (const m of members) if (Array.isArray(obj(m).missing)) put(str(obj(m).id ?? obj(m).subject), obj(m).missing);
  return out;
}

/** The roll-up periods per person without a result: each `missing` entry's `rollups`. */
function rollupsOf(o: O): Map<string, MissingRollup[]> {
  const out = new Map<string, MissingRollup[]>();
  for (const m of arr(o.missing)) {
    const id = str(obj(m).subject ?? obj(m).id);
    const list = arr(obj(m).rollups).map((x): MissingRollup => {
      const r = obj(x);
      return { field: str(r.field) ?? '', scheme: schemeName(r.scheme), periods: arr(r.periods).map(str).filter((p): p is string => p !== null),
        missing: str(r.missing) ?? '', blocking: r.blocking === true, subject: str(r.subject) };
    }).filter((r) => r.periods.length > 0);
    if (id && list.length) out.set(id, list);
  }
  return out;
}

const KINDS: readonly AmendmentKind[] = ['input', 'decision', 'refresh'];
/** An amendment row: a refresh is `kind: "refresh"` with `subject: null`. */
function amendmentNote(raw: unknown): AmendmentNote {
  const a = obj(raw);
  const kind = KINDS.find((k) => k === a.kind) ?? (a.subject === null || a.refresh === true ? 'refresh' : a.decision ? 'decision' : 'input');
  return { kind, subject: kind === 'refresh' ? null : str(a.subject) ?? '', reason: str(a.reason) ?? '' };
}

function revision(raw: unknown): Revision {
  const o = obj(raw);
  return {
    n: numOrNull(o.n ?? o.revision) ?? 0, createdAt: str(o.createdAt ?? o.at), amendmentId: numOrNull(o.amendmentId),
    account: str(o.account) ?? str(obj(o.account).name) ?? str(o.accountName), token: str(o.by) ?? str(o.token),
    name: str(o.byName), kind: str(o.byKind),
    amendment: o.amendment ? amendmentNote(o.amendment) : null,
  };
}

/** What a round's page reads from the round's export (every person's inputs and those pending:
 * megabytes for 10,000 people), fetched on first use and then shared — the result when the round's
 * own answer does not carry one (round-panel.ts) and the amend form's current values (amend-panel.ts)
 * make one download, not two. A new view of the page (after an action) makes a new one. */
export interface RoundExport {
  /** The current revision's result (the round's own answer does not carry it). */
  result(): Promise<CohortResult | null>;
  /** Each person's current input: what the newest revision ran on, then what was submitted since (U6 L-6). */
  inputs(): Promise<Map<string, Record<string, unknown>>>;
}

/** Each person's input in an export document: the revision's, then what was submitted since over it. */
function inputsOf(doc: O): Map<string, O> {
  const out = new Map<string, O>();
  for (const x of [...arr(doc.inputs), ...arr(doc.pending)]) {
    const subject = str(obj(x).subject);
    if (subject !== null) out.set(subject, { ...out.get(subject), ...obj(obj(x).input) });
  }
  return out;
}

const isCohort = (x: unknown): x is CohortResult => Array.isArray(obj(x).results);
/** The cohort result in an answer: itself, or under `result`, or under `revision.result`. */
function resultOf(o: O): CohortResult | null {
  for (const c of [o.result, obj(o.revision).result, obj(o.latest).result, o]) if (isCohort(c)) return c;
  return null;
}

function detail(raw: unknown): RoundDetail {
  const top = obj(raw);
  const o = { ...obj(top.round ?? top), ...top };
  const members = arr(o.members);
  const pending = arr(o.pendingSources ?? o.notFinal).map((x): Pending => {
    const p = obj(x);
    return { input: str(p.input) ?? '', scheme: schemeName(p.scheme), period: str(p.period), status: str(p.status) ?? 'not_final', roundStatus: str(p.roundStatus) as RoundStatus | null, subject: str(p.subject ?? p.relatedSubject) };
  });
  return {
    ...round(o), members: members.map(member), missing: missingOf(o, members), rollups: rollupsOf(o), pending,
    revisions: arr(o.revisions).map(revision), changed: o.changed === true, result: resultOf(o),
  };
}

const figures = (x: unknown): Figures => {
  const o = obj(x);
  return { score: numOrNull(o.score), rank: numOrNull(o.rank) ?? numOrNull(obj(o.rank).overall), grade: str(o.grade) };
};
const WHY: readonly ChangeWhy[] = ['amended', 'source', 'quota', 'rank', 'cohort'];
const names = (x: unknown) => arr(x).map(str).filter((a): a is string => a !== null);

function change(raw: unknown): Change {
  const o = obj(raw);
  const reasons = [o.why, o.reasons, o.because].flatMap((x) => (Array.isArray(x) ? x : [x]));
  const why = WHY.filter((w) => reasons.includes(w));
  const actions = { gained: names(obj(o.actions).gained), lost: names(obj(o.actions).lost) };
  return { subject: str(o.subject ?? o.id) ?? '', before: figures(o.before ?? o.from), after: figures(o.after ?? o.to), actions, why, reason: str(o.reason) };
}

function personResult(raw: unknown): PersonResult {
  const o = obj(raw);
  return {
    scheme: schemeName(o.scheme), period: str(o.period) ?? '', score: numOrNull(o.score), grade: str(o.grade),
    final: o.final === true, imported: o.imported === true, round: str(o.round ?? o.roundId) ?? str(obj(o.round).id), unit: str(o.unit),
    status: str(o.status), display: obj(o.display),
  };
}

const enc = encodeURIComponent;
const query = (q: Record<string, string | number | undefined>) => {
  const s = Object.entries(q).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${enc(String(v))}`).join('&');
  return s ? `?${s}` : '';
};
const key = () => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`);

export const roundsApi = {
  list: async (q: { scheme?: string; period?: string; status?: string; unit?: string; cursor?: string } = {}) => {
    const r = obj(await request('GET', `/api/rounds${query({ ...q, limit: 100 })}`));
    return { rounds: arr(r.rounds ?? r.items).map(round), next: str(r.next ?? r.cursor ?? r.nextCursor) };
  },
  create: async (body: NewRound) => round(await request('POST', '/api/rounds', body)),
  /** The round, with each revision's amendment (subject, reason) from the round's amendments. */
  get: async (id: string) => {
    const [raw, amendments] = await Promise.all([
      request('GET', `/api/rounds/${enc(id)}`),
      request('GET', `/api/rounds/${enc(id)}/amendments`).then((x) => arr(obj(x).amendments)).catch(() => []),
    ]);
    const d = detail(raw);
    for (const v of d.revisions) {
      if (v.amendmentId === null) continue;
      const a = amendments.find((x) => numOrNull(obj(x).id) === v.amendmentId);
      if (a !== undefined) v.amendment = amendmentNote(a);
    }
    return d;
  },
  putRoster: (id: string, members: RosterMember[]) => request<RosterAnswer>('PUT', `/api/rounds/${enc(id)}/roster`, { members }),
  /** One part of the inputs; a fresh Idempotency-Key per upload (a retried request is not stored twice). */
  submitInputs: (id: string, subjects: InputSubject[], part?: string) =>
    request<unknown>('POST', `/api/rounds/${enc(id)}/inputs`, { ...(part ? { part } : {}), subjects }, { 'idempotency-key': key() }),
  /** The stored revision's number and result (the answer carries both: no second request for them). */
  evaluate: async (id: string) => {
    const o = obj(await request('POST', `/api/rounds/${enc(id)}/evaluate`));
    return { revision: numOrNull(o.revision) ?? round(o).revision, result: resultOf(o) };
  },
  /** `late`: a 公示 already held of a period that is over, recorded late (its first day and why). */
  publicize: (id: string, until: string, late?: { from: string; reason: string }) =>
    request<unknown>('POST', `/api/rounds/${enc(id)}/publicize`, { until, ...late }),
  /** 作废: a round not in 公示 yet, with the reason (issue 16, U6 M-3). */
  voidRound: (id: string, reason: string) => request<unknown>('POST', `/api/rounds/${enc(id)}/void`, { reason }),
  finalize: (id: string) => request<unknown>('POST', `/api/rounds/${enc(id)}/finalize`),
  amend: async (id: string, a: Amendment): Promise<AmendAnswer> => {
    const o = obj(await request('POST', `/api/rounds/${enc(id)}/amendments`, a));
    const said = obj(o.amendment);
    return {
      revision: numOrNull(o.revision) ?? numOrNull(obj(o.revision).n), changes: arr(o.changes).map(change), result: resultOf(o),
      account: str(said.account), token: str(said.by), name: str(said.byName), kind: str(said.byKind), at: str(said.at), notice: str(o.notice),
    };
  },
  /** `{refresh: true, reason}`: a source refresh (the server re-reads every roll-up value). */
  refresh: (id: string, reason: string): Promise<AmendAnswer> => roundsApi.amend(id, { refresh: true, reason }),
  /** The round's export document for one view of the round's page: fetched once, by whichever asks first (RoundExport). */
  exportOf: (id: string): RoundExport => {
    let doc: Promise<O> | undefined;
    const fetched = () => (doc ??= request('GET', `/api/rounds/${enc(id)}/export`).then(obj));
    return { result: async () => resultOf(await fetched()), inputs: async () => inputsOf(await fetched()) };
  },
  personResults: async (subject: string) => {
    const o = obj(await request('GET', `/api/subjects/${enc(subject)}/results`));
    return arr(o.results ?? o.items).map(personResult);
  },
};
