// A related subject's result (issue 14 part 2): `results of SCHEME for FIELD` — the result of SCHEME
// for the subject whose id is this person's FIELD value (the 班子 of a 班子成员), in this evaluation's
// own period. Its value is ONE result record { period, score, grade, imported }, checked by
// results.ts's record checks (its period must be this evaluation's: KH-E050 at `班子结果.period`;
// KH-E052 grade, KH-E053 score), or nothing: absent or null means "no result", and the scheme's
// missing policy says what that is. `zero`: a record with score 0 and no grade, remembered as filled
// in for the explanation (its grade is null, so a quota table keyed by it cannot be read: KH-E058 in
// cohort.ts). `error`: the subject fails with KH-E057 naming the related subject and the period. That
// message needs FIELD's value, a sibling of the field, so the walk leaves a missing result to
// `relatedMissing`, which validate.ts runs after the walk over the whole input.

import type { Period } from '../../dsl/dates.js';
import type { FieldSpec, TypeSpec } from '../contract.js';
import { isEnum, type Value } from '../values.js';
import { P } from './messages.js';
import { record, zeroRecord, type PeriodResultsSpec, type Reporter } from './results.js';

/** Whether a contract type is a related subject's result (absent is allowed: no result). */
export const isRelated = (t: TypeSpec): boolean => t.kind === 'periodResults' && t.spec.form === 'related';

const noResult = (x: unknown): boolean => x === undefined || x === null;

/** Validates the value `x` at `path`. No result: the zero record under `missing zero`; otherwise
 * undefined, reported by `relatedMissing` (KH-E057). */
export function validateRelated(w: Reporter, x: unknown, path: string, spec: PeriodResultsSpec, period?: Period): Value | undefined {
  if (noResult(x)) return spec.missing === 'zero' ? zeroRecord(period?.text ?? null) : undefined;
  const order = period && new Map([[period.text, 0]]);
  return record(w, x, path, spec, order, period && [period.text], period, new Map());
}

/** After the walk: KH-E057 for each related field without a result whose policy is not `zero`,
 * naming the related subject (FIELD's value as given, else its default) and the period. When FIELD
 * itself has no usable value, its own error (KH-E002/E003/E004) says what is wrong: no KH-E057. */
export function relatedMissing(w: Reporter, raw: Record<string, unknown>, contract: FieldSpec[], period?: Period): void {
  for (const f of contract) {
    if (f.type.kind !== 'periodResults' || f.type.spec.form !== 'related' || f.type.spec.missing === 'zero') continue;
    if (!noResult(raw[f.name])) continue;
    const spec = f.type.spec, field = spec.subjectField ?? '';
    const given = Object.hasOwn(raw, field) && raw[field] !== undefined ? raw[field] : contract.find((g) => g.name === field)?.default;
    const subject = subjectId(given);
    if (subject === undefined) continue;
    const args = { scheme: spec.scheme ?? '', field, subject };
    const msg = period ? P.relatedMissing({ ...args, period: period.text }) : P.relatedMissingNoPeriod(args);
    w.err('KH-E057', f.name, msg, `a result of ${spec.scheme} for ${field} "${subject}"${period ? ` in ${period.text}` : ''}`, raw[f.name]);
  }
}

/** The related subject's id: FIELD's value (text, or an enum member's name), if it has one. */
function subjectId(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  return isEnum(v as Value) ? (v as { name: string }).name : undefined;
}

/** The same for the explanation (an evaluated subject always has one). */
export const subjectText = (v: unknown): string => subjectId(v) ?? '?';
