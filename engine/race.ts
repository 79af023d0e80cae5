// The keys of a quota race (issue 13): who keeps a grade whose quota binds. First the ranking key
// (`rank by`, default the reported score, best first), then the committee's order (`grades by
// committee`: lower first, subjects without an order after those with one), then each tiebreak key
// with its direction (exact values). A key's value may be null ("no value"): it sorts after every
// value whatever the direction. Kept apart from cohort.ts so the committee's key is one line here.

import type { Msg } from '../dsl/i18n/index.js';
import { orderKeyName, orderValue } from './decision.js';
import { M } from './messages.js';
import type { Contender } from './cohort.js';
import type { GradePlan, Plan } from './plan.js';
import type { SubjectState } from './evaluate.js';
import { compareValues, type Value } from './values.js';

export interface RaceKey {
  /** How the key is named in a quota reason (`score`, `个性指标 (desc)`). */
  name: Msg;
  dir: 'asc' | 'desc';
  value: (m: Contender) => Value | null;
}

/** The ranking key of a subject: `rank by E` over reported values, or its reported score. */
export function rankingValue(plan: Plan, st: SubjectState): Value {
  return plan.rankBy ? plan.rankBy.key(st.subject) /* a number: compile-grades.ts checks */ : st.score.round(plan.precision);
}

/** The keys of every quota race of the plan, in order. */
export function raceKeys(plan: Plan): RaceKey[] {
  const keys: RaceKey[] = [{
    name: plan.rankBy ? M.rankingKey({ key: plan.rankBy.text, dir: plan.rankBy.dir === 'asc' ? M.asc() : M.desc() }) : M.scoreKey(),
    dir: plan.rankBy?.dir ?? 'desc',
    value: (m) => m.rankValue,
  }];
  // committee order (C): after the ranking key, before the tiebreaks
  if (plan.committee) keys.push({ name: orderKeyName(), dir: 'asc', value: (m) => m.probe.order() });
  plan.tiebreak.forEach((t, j) => {
    keys.push({ name: M.tiebreakKey({ key: t.text, dir: t.dir === 'asc' ? M.asc() : M.desc() }), dir: t.dir, value: (m) => m.probe.tiebreak(j) });
  });
  return keys;
}

/** What a race reads of a competitor beyond its ranking value, only when its quota binds: the
 * committee's order, the j-th tiebreak key (plan.tiebreak), whether a lower grade's condition holds
 * (demotion). A competitor's live state answers by evaluating (StateProbe); the streaming cohort's
 * compact record by what it computed before its state was dropped (engine/stream/probe.ts). */
export interface Probe {
  order(): Value | null;
  tiebreak(j: number): Value | null;
  holds(lower: GradePlan): boolean;
}

/** A probe over a subject's evaluation state. */
export class StateProbe implements Probe {
  constructor(private readonly st: SubjectState) {}
  order(): Value | null { return orderValue(this.st.subject.decision); }
  tiebreak(j: number): Value | null { return this.st.subject.plan.tiebreak[j].key(this.st.subject); }
  holds(lower: GradePlan): boolean { return !lower.when || lower.when(this.st.subject) === true; }
}

/** Compares two values of one key, better first (negative when `a` is better); null last. */
export function compareKey(dir: 'asc' | 'desc', a: Value | null, b: Value | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const d = compareValues(a, b);
  return dir === 'desc' ? -d : d;
}
