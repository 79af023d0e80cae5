// Subjects for the backend matrix: valid ones from the scheme's input contract (test/jre/subjects.ts
// `recordArb`) and invalid MUTATIONS of valid ones — a required field dropped, an unknown key, a
// wrong value at a field or inside a list or record (wrong type, out of range, NaN, ±Infinity,
// past 2^53, a fraction for an integer), an input that is not an object — so every backend's
// errors (code, path, message) are compared too. Cohorts: a few hundred valid subjects in the
// units the texts form (一处/二处/三处), quota keys made equal per batch, some with display fields,
// a few left ungraded by the roster, and now and then one invalid member or a duplicate id.

import fc from 'fast-check';
import type { SubjectInput } from '../../engine/api.js';
import type { FieldSpec } from '../../engine/contract.js';
import type { Plan } from '../../engine/plan.js';
import { recordArb, sameQuotaKeys } from '../jre/subjects.js';
import { nearElite } from './elite.js';

type Input = Record<string, unknown>;

/** Values wrong for most fields; each is wrong for some. */
const BAD: unknown[] = ['x', '90', true, null, {}, [], [1], { a: 1 }, -1, -0.5, 0.5, 1e9, 2 ** 53, 9007199254740991, 1e21, -1e-7, NaN, Infinity, -Infinity];

type Mutation = 'drop' | 'unknown' | 'bad' | 'deep' | 'notObject';
const MUTATIONS: Mutation[] = ['drop', 'unknown', 'bad', 'bad', 'deep', 'deep', 'notObject'];

/** One mutation of a valid input at field `at` (an index into the contract). */
export function mutate(fields: FieldSpec[], input: Input, how: Mutation, at: number, bad: unknown): unknown {
  const out: Input = { ...input };
  const f = fields[at % Math.max(1, fields.length)];
  switch (how) {
    case 'notObject': return bad === null || typeof bad !== 'object' || Array.isArray(bad) ? bad : 'x';
    case 'unknown': out['未知字段'] = bad; return out;
    case 'drop': {
      const required = fields.filter((x) => !x.hasDefault);
      if (!required.length) { out['未知字段'] = 1; return out; }
      delete out[required[at % required.length].name];
      return out;
    }
    case 'bad': if (f) out[f.name] = bad; else out['未知字段'] = bad; return out;
    case 'deep': {
      const v = f && out[f.name];
      if (Array.isArray(v) && v.length) out[f.name] = [...v.slice(0, -1), deepBad(v[v.length - 1], bad)];
      else if (v && typeof v === 'object') out[f.name] = deepBad(v, bad);
      else if (f) out[f.name] = bad;
      return out;
    }
  }
}

/** A list's last item or a record's first field made wrong (a record: a whole category or field). */
function deepBad(v: unknown, bad: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [...v.slice(0, -1), bad] : [bad];
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    return keys.length ? { ...v, [keys[0]]: bad } : { 未知字段: bad };
  }
  return bad;
}

export function invalidArb(plan: Plan): fc.Arbitrary<unknown> {
  const fields = plan.contract;
  return fc.tuple(recordArb(fields), fc.constantFrom(...MUTATIONS), fc.nat(), fc.constantFrom(...BAD))
    .map(([input, how, at, bad]) => mutate(fields, input, how, at, bad));
}

export interface Single { subject: SubjectInput; valid: boolean }

/** One subject alone: 7 in 8 valid, the rest invalid; display fields now and then. */
export function singleArb(plan: Plan): fc.Arbitrary<Single> {
  const valid = recordArb(plan.contract).map((input) => ({ input, valid: true }));
  const invalid = invalidArb(plan).map((input) => ({ input, valid: false }));
  return fc.tuple(fc.oneof({ weight: 7, arbitrary: valid }, { weight: 1, arbitrary: invalid }), fc.nat(99), fc.integer({ min: 1, max: 999 }))
    .map(([{ input, valid: ok }, roll, k]) => {
      const subject: SubjectInput = { id: `S${k}`, input: input as Input };
      if (roll < 30) subject.display = { 姓名: `张${k}`, 科室: roll % 2 ? '一处' : '二处' };
      return { subject, valid: ok };
    });
}

export interface Cohort { subjects: SubjectInput[]; valid: boolean }

/** A cohort of `size` subjects, half of them near the `elite` ones (elite.ts) so that quotas act:
 * 3 in 4 all valid; otherwise one member invalid or a duplicate id. */
export function cohortArb(plan: Plan, size: number, elite: Input[] = []): fc.Arbitrary<Cohort> {
  const member = elite.length ? fc.oneof(recordArb(plan.contract), nearElite(plan, elite)) : recordArb(plan.contract);
  const members = fc.array(member, { minLength: size, maxLength: size });
  return fc.tuple(members, fc.nat(99), invalidArb(plan), fc.nat(size - 1)).map(([inputs, roll, bad, at]) => {
    const subjects: SubjectInput[] = sameQuotaKeys(plan, inputs).map((input, i) => {
      const s: SubjectInput = { id: `S${i}`, input };
      if ((i + roll) % 3 === 0) s.display = { 姓名: `李${i}` };
      if ((i * 7 + roll) % 37 === 0) s.standing = { ungraded: true }; // 不定等次, ≈3%
      return s;
    });
    if (roll % 4 !== 3) return { subjects, valid: true };
    if (roll % 8 === 3) subjects[at] = { ...subjects[at], input: bad as Input };
    else subjects[at] = { ...subjects[at], id: subjects[(at + 1) % size].id };
    return { subjects, valid: false };
  });
}
