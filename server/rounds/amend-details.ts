// What an amendment or a source refresh changed, in words, for the reasons of its answer (issue 14
// part 2, audit findings 1 and 9): `amended` names each corrected field with its old and new value
// (“考核组分” 75 → 95) or the decision; `source` names what changed in the records a person's roll-up,
// history or related field read (“丙局” 2025 等次 一般 → 好, or the score). Worded without “本人”: the
// subject may be a team. From the two revisions' stored inputs (revisions.inputs), parsed once.

import type { Msg } from '../../dsl/i18n/index.js';
import { A } from './amend-messages.js';
import type { SchemeInfo } from './scheme-info.js';

type Inputs = { subjects: { id: string; input: Record<string, unknown>; decision?: { grade?: string } }[] };
type Rec = { period?: string; score?: unknown; grade?: unknown };

/** A value as the reasons show it: numbers and texts as they are, null as “none”, a record as JSON. */
function shown(v: unknown): string | Msg {
  if (v === undefined) return A.notGiven();
  if (v === null) return A.noValue();
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

const asRecords = (v: unknown): Rec[] => (Array.isArray(v) ? v as Rec[] : v && typeof v === 'object' ? [v as Rec] : []);

/** What differs between two filled values of one field: per period, the grade, the score, or the record
 * appearing or going. `who`: the related subject (its id) or, for a list field, the field's name. */
function recordChanges(who: string, before: unknown, after: unknown): Msg[] {
  const out: Msg[] = [];
  const was = new Map(asRecords(before).map((r) => [String(r.period), r]));
  const is = new Map(asRecords(after).map((r) => [String(r.period), r]));
  for (const [period, b] of was) {
    const a = is.get(period);
    if (!a) { out.push(A.sourceRemoved({ who, period })); continue; }
    if ((b.grade ?? null) !== (a.grade ?? null)) out.push(A.sourceGrade({ who, period, from: shown(b.grade ?? null), to: shown(a.grade ?? null) }));
    if ((b.score ?? null) !== (a.score ?? null)) out.push(A.sourceScore({ who, period, from: shown(b.score ?? null), to: shown(a.score ?? null) }));
  }
  for (const period of is.keys()) if (!was.has(period)) out.push(A.sourceAdded({ who, period }));
  return out;
}

/** Per person of `amended` and of those whose filled values differ: the words of `amended` (the
 * corrected fields, old → new; the decision) and of `source` (what changed in the records read). */
export function changeDetails(
  previousInputs: string, nextInputs: string, info: SchemeInfo, amended: { subjects: readonly string[]; fields: readonly string[]; decision: boolean },
): { details: Map<string, { amended?: Msg; source?: Msg }>; sourced: string[] } {
  const out = new Map<string, { amended?: Msg; source?: Msg }>();
  // Whose filled values differ at all (diff.ts `changedSources`, in the same pass over the two revisions).
  const sourced: string[] = [];
  const fills = info.fields.filter((f) => f.fill);
  const before = new Map((JSON.parse(previousInputs) as Inputs).subjects.map((s) => [s.id, s]));
  for (const s of (JSON.parse(nextInputs) as Inputs).subjects) {
    const b = before.get(s.id);
    if (!b) continue;
    const entry: { amended?: Msg; source?: Msg } = {};
    if (amended.subjects.includes(s.id)) {
      // A field nobody submitted had the scheme's default (the engine used it).
      const was = (f: string) => (f in b.input ? b.input[f] : info.byName.get(f)?.default);
      const changes = amended.fields
        .filter((f) => JSON.stringify(was(f)) !== JSON.stringify(s.input[f]))
        .map((field) => A.valueChange({ field, from: shown(was(field)), to: shown(s.input[field]) }));
      const grade = s.decision?.grade;
      if (changes.length > 0) entry.amended = A.whyInputAmended({ changes });
      else if (amended.decision) entry.amended = grade ? A.whyDecisionGrade({ grade }) : A.whyDecisionAmended();
    }
    const source: Msg[] = [];
    if (fills.some((f) => JSON.stringify(b.input[f.name] ?? null) !== JSON.stringify(s.input[f.name] ?? null))) sourced.push(s.id);
    for (const f of fills) {
      const related = f.fill?.form === 'related' ? f.fill.subjectField : undefined;
      const who = related !== undefined ? String(s.input[related] ?? b.input[related] ?? f.name) : f.name;
      source.push(...recordChanges(who, b.input[f.name], s.input[f.name]));
    }
    if (source.length > 0) entry.source = A.whySourceWhat({ changes: source });
    if (entry.amended || entry.source) out.set(s.id, entry);
  }
  return { details: out, sourced };
}
