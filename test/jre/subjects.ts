// A fast-check arbitrary of VALID subject inputs derived from a scheme's compiled input contract
// (engine/contract.ts): enum members, numbers within their bounds with 0, 1, 2 or 3 decimals,
// integers (small counts near rule thresholds and large ones for `linear` ranges), values of a set or
// scale, bools, lists within their length limits, records, ratings per panel category (ballots when
// the panel has criteria). Optional fields are left out at
// random, so defaults are exercised too. Text fields come from a few values so cohorts form.

import fc from 'fast-check';
import type { FieldSpec, TypeSpec } from '../../engine/contract.js';
import type { Plan } from '../../engine/plan.js';
import { Rational } from '../../dsl/rational.js';
import { parsePeriod, type Period } from '../../dsl/dates.js';
import { periodsBefore, subPeriods } from '../../engine/periods/calendar.js';

const TEXTS = ['一处', '二处', '三处'];

/** Scaled-integer bounds of a number field at `scale` (10^decimals), honouring exclusive bounds. */
function scaledRange(t: Extract<TypeSpec, { kind: 'number' }>, scale: number, spread: number): [number, number] | undefined {
  const s = Rational.int(scale);
  const lo = t.lo?.value ?? (t.hi ? t.hi.value.sub(Rational.int(spread)) : Rational.ZERO);
  const hi = t.hi?.value ?? lo.add(Rational.int(spread));
  let min = Number(lo.mul(s).ceil().num), max = Number(hi.mul(s).floor().num);
  if (t.lo && !t.lo.inclusive && lo.mul(s).isInteger()) min += 1;
  if (t.hi && !t.hi.inclusive && hi.mul(s).isInteger()) max -= 1;
  return min <= max ? [min, max] : undefined;
}

function numberArb(t: Extract<TypeSpec, { kind: 'number' }>): fc.Arbitrary<number> {
  if (t.oneOf) return fc.constantFrom(...t.oneOf.values.map((r) => r.toNumber())); // `in {…}` / `in SCALE`
  const at = (scale: number, spread: number) => {
    const r = scaledRange(t, scale, spread);
    return r && fc.integer({ min: r[0], max: r[1] }).map((k) => k / scale);
  };
  const options = t.integer
    ? [at(1, 12), at(1, 12), at(1, 3000)] // mostly small counts: rule thresholds are small numbers
    : [at(1, 100), at(10, 100), at(100, 100), at(1000, 100)];
  const ok = options.filter((x): x is fc.Arbitrary<number> => x !== undefined);
  return ok.length ? fc.oneof(...ok) : fc.constant(Number(t.lo?.value.toNumber() ?? 0));
}

export function typeArb(t: TypeSpec): fc.Arbitrary<unknown> {
  switch (t.kind) {
    case 'number': return numberArb(t);
    case 'bool': return fc.boolean();
    case 'text': return fc.constantFrom(...TEXTS);
    case 'date': return fc.constantFrom('2025-12-31', '2026-01-01', '2026-02-28', '2026-03-31', '2024-02-29');
    case 'enum': return fc.constantFrom(...t.members.keys());
    case 'list': {
      const min = t.min ?? 0;
      return fc.array(typeArb(t.element), { minLength: min, maxLength: Math.max(min, Math.min(t.max ?? min + 6, min + 6)) });
    }
    case 'record': return recordArb(t.fields);
    case 'ratings': {
      // Categories present or absent at random, with 1–8 ratings (trim rules start at 5 or 7).
      const plain = t.rating ? numberArb(t.rating) : fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1000 }).map((k) => k / 10));
      // With criteria (issue 12) a rating is a ballot: complete (every criterion rated) so that it is
      // valid under `per ballot` trimming and no criterion goes missing in every category.
      const rating: fc.Arbitrary<unknown> = t.criteria
        ? fc.record(Object.fromEntries(t.criteria.map((e) => [e, plain])))
        : plain;
      const cats = Object.fromEntries(t.panel.categories.map((c) => [c.name.name, fc.array(rating, { minLength: 1, maxLength: 8 })]));
      // At least one category counts (has its `min` ratings): an all-missing panel is an evaluation
      // error, which would fail the whole cohort batch and hide every other difference.
      const mins = new Map(t.panel.categories.map((c) => [c.name.name, c.min ? Number(c.min.text) : 1]));
      return fc.record(cats, { requiredKeys: [] })
        .filter((o) => Object.entries(o).some(([k, v]) => (v as unknown[]).length >= (mins.get(k) ?? 1)));
    }
    case 'unknown': return fc.constant(null);
    case 'periodResults': { // issue 14: the periods of 2026, the year the result-schema test evaluates such (annual) schemes in
      const y2026 = parsePeriod('2026', 'annual') as Period;
      const grade = t.spec.members ? fc.constantFrom(...t.spec.members.keys()) : fc.constantFrom('好', '较好');
      // a related subject's result (issue 14 part 2): one record of the period, or none
      if (t.spec.form === 'related') { // none only where that is not an error (`missing zero`)
        const rec = fc.record({ period: fc.constant('2026'), score: fc.integer({ min: 60, max: 100 }), grade });
        return t.spec.missing === 'zero' ? fc.option(rec) : rec;
      }
      const periods = t.spec.form === 'past' ? periodsBefore(y2026, t.spec.unit!, t.spec.n ?? 1) : subPeriods(y2026, t.spec.unit!) ?? [];
      return fc.tuple(...periods.map((period) => fc.record({ period: fc.constant(period), score: fc.integer({ min: 60, max: 100 }), grade })));
    }
  }
}

export function recordArb(fields: FieldSpec[]): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(fields.map((f) => [f.name, typeArb(f.type)]));
  return fc.record(model, { requiredKeys: fields.filter((f) => !f.hasDefault).map((f) => f.name) }) as fc.Arbitrary<Record<string, unknown>>;
}

/** A quota table (issue 13) looks its share up by an input that must be the same for every subject of
 * the quota's scope (else KH-E043): a batch of random subjects gets the first one's value for each
 * such input, so the batch evaluates. A table keyed by a let is left alone. */
export function sameQuotaKeys(plan: Pick<Plan, 'grades' | 'contract'>, inputs: Record<string, unknown>[]): Record<string, unknown>[] {
  const tables = [...new Set(plan.grades.flatMap((g) => g.quotas.flatMap((q) => (q.table ? [q.table.name] : []))))];
  const keys = tables.filter((k) => plan.contract.some((f) => f.name === k));
  // a key that is a let (`班子档次 = 班子结果.grade`, issue 14 part 2) may read a related subject's
  // result: the same record for everyone keeps it the same
  if (tables.length > keys.length) {
    keys.push(...plan.contract.filter((f) => f.type.kind === 'periodResults' && f.type.spec.form === 'related').map((f) => f.name));
  }
  if (!keys.length || !inputs.length) return inputs;
  const first = inputs[0];
  return inputs.map((x) => ({ ...x, ...Object.fromEntries(keys.map((k) => [k, first[k]])) }));
}
