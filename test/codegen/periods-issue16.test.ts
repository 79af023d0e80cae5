// Results by period on the compiled engine (issue 16): `results of` (missing skip, zero,
// error), `past` with `streak` (missing breaks, skip) and a related subject's result — the reference
// schemes annual-review and leader-members, the rounds fixtures and test/codegen/schemes/results-text.kaohe
// (text grades, a projection of the periods). Property tests: every subject's
// result JSON equals the closures engine's byte for byte, for records with keys in English or
// Chinese, in any order, with periods missing, twice or outside the window, scores as JSON numbers
// (integers, hundredths, exact halves x.xx5, near 2^53, 0.1 + 0.2) or text ("1055/12", "87.92",
// "87.9200000000000001": no double holds it),
// grades absent, null or not a member; the counters prove both paths were taken (compiled, bails on
// invalid records and past 2^53).

import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, planOf, prepare } from '../../engine/index.js';
import { codegenCounters, compileJs, resetCounters } from '../../engine/codegen/index.js';
import { readerFor, validatorFor } from '../../engine/codegen/validate.js';
import type { FieldSpec, TypeSpec } from '../../engine/contract.js';
import { expectedPeriods } from '../../engine/periods/results.js';
import { validateInput } from '../../engine/validate.js';
import { parsePeriod, type Period } from '../../dsl/dates.js';

const MAX = Number.MAX_SAFE_INTEGER;
const FILES = ['schemes/annual-review.kaohe', 'schemes/leader-members.kaohe', 'test/fixtures/rounds/past-skip.kaohe',
  'test/fixtures/rounds/quarters-error.kaohe', 'test/fixtures/rounds/quarters-zero.kaohe', 'test/fixtures/rounds/related-zero.kaohe',
  'test/codegen/schemes/results-text.kaohe'];
const PERIODS = ['2026', '2025'];

/** Numbers of a field in [0, 100]: integers, hundredths, exact halves of hundredths, now and then out of range. */
const inRange = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 100 }) },
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 10000 }).map((k) => k / 100) },
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 9999 }).map((k) => (2 * k + 1) / 200) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 100.5) },
);
const score = fc.oneof(
  { weight: 40, arbitrary: inRange },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 1200 }).map((k) => `${k}/12`) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 10000 }).map((k) => (k / 100).toFixed(2)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 10000 }).map((k) => `${(k / 100).toFixed(2)}00000000000001`) }, // a double reads it as k/100
  { weight: 2, arbitrary: fc.integer({ min: MAX - 50, max: MAX }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, 0.1 + 0.2, 1e-7, 'x', true) },
  { weight: 4, arbitrary: fc.integer({ min: 85, max: 100 }) }, // high: 优秀 years for streak
);

type ResultsType = Extract<TypeSpec, { kind: 'periodResults' }>;
const KEYS = { period: '考核期', score: '得分', grade: '考核等次', imported: '导入' } as const;

/** One record of period `p` (or a wrong one), keys in English or Chinese. */
function recordArb(t: ResultsType, p: fc.Arbitrary<string>): fc.Arbitrary<Record<string, unknown>> {
  const members = t.spec.members ? [...t.spec.members.keys()] : ['好', '较好'];
  const grade = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...members) }, { weight: 4, arbitrary: fc.constantFrom(null, undefined) }, { weight: 1, arbitrary: fc.constant('不存在') });
  const imported = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(undefined, true, false) }, { weight: 1, arbitrary: fc.constant('yes') });
  return fc.record({ period: p, score, grade, imported, zh: fc.boolean(), extra: fc.integer({ min: 0, max: 60 }) }).map((r) => {
    const out: Record<string, unknown> = {};
    for (const k of ['period', 'score', 'grade', 'imported'] as const) if (r[k] !== undefined) out[r.zh ? KEYS[k] : k] = r[k];
    if (r.extra === 0) out.未知 = 1;
    return out;
  });
}

/** A value of a results-by-period input for period `period`: a subset of its periods in any order,
 * now and then one twice or one outside; related: the record, or none. */
function resultsArb(t: ResultsType, period: Period): fc.Arbitrary<unknown> {
  const expected = expectedPeriods(t.spec, period) ?? [];
  const wrong = ['2019', '2026-Q5', '2025-Q4', period.text];
  const p = fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...expected) }, { weight: 1, arbitrary: fc.constantFrom(...wrong) });
  if (t.spec.form === 'related') return fc.oneof({ weight: 19, arbitrary: recordArb(t, p) }, { weight: 1, arbitrary: fc.constantFrom(null, undefined) });
  const all = fc.shuffledSubarray(expected, { minLength: expected.length }); // every period, in any order
  return fc.tuple(fc.oneof(all, fc.shuffledSubarray(expected)), fc.oneof({ weight: 12, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(p, { minLength: 1, maxLength: 1 }) }))
    .chain(([ps, more]) => fc.tuple(...[...ps, ...more].map((x) => recordArb(t, fc.constant(x)))));
}

function fieldArb(f: FieldSpec, period: Period): fc.Arbitrary<unknown> {
  const t = f.type;
  switch (t.kind) {
    case 'number': return inRange;
    case 'bool': return fc.boolean();
    case 'text': return fc.constantFrom('办公室', '综合科', '发改局', '教育局');
    case 'enum': return fc.constantFrom(...t.members.keys());
    case 'periodResults': return resultsArb(t, period);
    default: throw new Error(`no arbitrary for ${t.kind}`);
  }
}

function inputArb(fields: FieldSpec[], period: Period): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(fields.map((f) => [f.name, fieldArb(f, period)])), { requiredKeys: fields.filter((f) => !f.hasDefault).map((f) => f.name) });
}

describe.each(FILES)('%s on the compiled engine', (file) => {
  const scheme = prepare(readFileSync(file, 'utf8'), file).value!;
  const plan = planOf(scheme);

  it('compiles; its validator gives up only without a period', () => {
    expect(compileJs(plan).unsupported).toEqual([]);
    const example = fc.sample(inputArb(plan.contract, parsePeriod('2026', 'annual') as Period), { numRuns: 1, seed: 1 })[0];
    expect(validatorFor(plan.contract)(example)).toBe(false); // validity depends on the period
    expect(readerFor(plan.contract)(example)).toBeUndefined();
  });

  it('the reader with a period ≡ validateInput: sound, and accepts (nearly) every valid input', () => {
    let valid = 0, accepted = 0;
    fc.assert(fc.property(fc.constantFrom(...PERIODS), fc.integer({ min: 0, max: 2 ** 30 }), (text, seed) => {
      const period = parsePeriod(text, 'annual') as Period;
      const x = fc.sample(inputArb(plan.contract, period), { numRuns: 1, seed })[0];
      const ok = validateInput(x, plan.contract, '', Infinity, period).errors.length === 0;
      const read = readerFor(plan.contract)(x, text);
      if (read) expect(ok, JSON.stringify(x)).toBe(true); // never valid where the reference is not
      if (ok) valid++;
      if (read) accepted++;
    }), { numRuns: 600, seed: 160 });
    expect(valid).toBeGreaterThan(120);
    expect(accepted).toBeGreaterThan(valid * 0.9); // out-of-range or unreadable top-level numbers aside
  });

  it('every subject equals the closures (records of every shape, 2^53, exact halves, zh/en)', async () => {
    resetCounters();
    const subjects = fc.constantFrom(...PERIODS).chain((text) => fc.tuple(fc.constant(text), inputArb(plan.contract, parsePeriod(text, 'annual') as Period)));
    let streaks = 0;
    await fc.assert(fc.asyncProperty(subjects, fc.constantFrom('zh', 'en'), fc.boolean(), async ([period, inp], lang, exactValues) => {
      const subject = { id: 's', input: inp };
      const opts = { period, lang: lang as 'zh' | 'en', exactValues };
      const ref = await evaluate(scheme, subject, { ...opts, backend: 'closures' });
      const got = await evaluate(scheme, subject, { ...opts, backend: 'compiled' });
      expect(JSON.stringify(got)).toBe(JSON.stringify(ref));
      if (ref.ok && ref.value.actions.length > 0) streaks++;
    }), { numRuns: 1200, seed: 1616 });
    const overflow = Object.entries(codegenCounters.reasons).reduce((n, [k, v]) => n + (k.startsWith('overflow') ? v : 0), 0);
    expect(codegenCounters.compiled).toBeGreaterThan(120); // the compiled path ran …
    expect(codegenCounters.reasons.input ?? 0).toBeGreaterThan(50); // … left invalid records to the reference …
    if (/annual-review|quarters|results-text/.test(file)) expect(overflow).toBeGreaterThan(5); // … and sums past 2^53
    if (/annual-review|past-skip|results-text/.test(file)) expect(streaks).toBeGreaterThan(3); // streak actions took part
  });
});
