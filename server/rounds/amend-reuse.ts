// What an amendment re-reads (issue 14 part 2, audit finding 1): nothing but what it changes. Everyone
// — the amended person too — keeps the values the previous revision filled (roll-ups, history,
// related subjects' records), so an amendment never evaluates old and new sources side by side (a
// 丙局 member amended after 丙局's grade was re-imported got the new grade while the others kept the
// old one: KH-E043, "every member of the cohort must have the same 班子档次"). Only when the
// amendment changes the person's related FIELD (moves them to another 班子) is that field's record
// read again — of the new related subject. A source refresh re-reads everything (amend-refresh.ts).

import type { RevisionRow } from '../db/schema.js';
import type { Filled } from './fill.js';
import { relatedSpec } from './fill-related.js';
import type { SchemeInfo } from './scheme-info.js';
import type { NewPart } from './store.js';

/** The related fields whose FIELD `parts` (the amendment's) set to another value than `subject` had
 * in the previous revision. */
export function refillOf(info: SchemeInfo, previous: RevisionRow, subject: string, parts: readonly NewPart[]): string[] {
  const specs = info.fields.map(relatedSpec).filter((s) => s !== undefined);
  if (specs.length === 0) return [];
  const mine = parts.filter((p) => p.subjectId === subject);
  if (!specs.some((s) => mine.some((p) => p.field === s.subjectField))) return [];
  const inputs = JSON.parse(previous.inputs) as { subjects: { id: string; input: Record<string, unknown> }[] };
  const before = inputs.subjects.find((s) => s.id === subject)?.input ?? {};
  return specs
    .filter((s) => mine.some((p) => p.field === s.subjectField && p.value !== JSON.stringify(before[s.subjectField] ?? null)))
    .map((s) => s.field);
}

/** After a fresh fill of `subject` (whose FIELD changed): every filled value but the `refill` fields
 * back to the previous revision's (`kept`). */
export function keepAllBut(filled: Filled, subject: string, kept: Readonly<Record<string, unknown>>, refill: readonly string[]): void {
  const again = new Set(refill);
  const values = { ...filled.values.get(subject) } as Record<string, unknown>;
  const related = { ...filled.related.get(subject) };
  for (const [field, v] of Object.entries(kept)) {
    if (again.has(field)) continue;
    values[field] = v;
    delete related[field];
  }
  filled.values.set(subject, values as Filled['values'] extends Map<string, infer V> ? V : never);
  filled.related.set(subject, related);
}
