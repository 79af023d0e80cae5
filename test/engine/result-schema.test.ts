// The result schema (engine/result-schema.ts) against real engine output: every reference scheme
// (../shared/spec/examples and schemes/), its hand-computed cases and random valid subjects, alone
// and as a cohort, with and without `explain`, in both languages. The schemas are strict, so a
// field the engine adds, renames or drops fails here; the mutation tests below prove that they
// would. The engine itself never loads zod (only `import type` of the schema module).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { CohortResult, EvalOptions, SubjectInput, SubjectResult } from '../../engine/api.js';
import { evaluate, evaluateCohort, planOf, prepare } from '../../engine/index.js';
import { comparesWithCohort } from '../../engine/cohort-values.js';
import { CohortResultSchema, SubjectResultSchema } from '../../engine/result-schema.js';
import { recordArb, sameQuotaKeys } from '../jre/subjects.js';
import { FULL_TIER } from '../tier.js';
import { EXAMPLES } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIRS = [EXAMPLES, join(ROOT, 'schemes')];

function schemes(): { name: string; source: string; dir: string }[] {
  return DIRS.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.kaohe')).sort()
    .map((f) => ({ name: `${dir === EXAMPLES ? 'examples' : 'schemes'}/${f}`, source: readFileSync(join(dir, f), 'utf8'), dir })));
}

/** The hand-written subjects of a scheme's cases file, when it has one. */
function caseSubjects(dir: string, name: string): { singles: SubjectInput[]; cohorts: SubjectInput[][] } {
  const file = join(dir, name.replace(/^.*\//, '').replace(/\.kaohe$/, '.cases.json'));
  let cases: { subject?: SubjectInput; subjects?: SubjectInput[]; expectErrors?: unknown }[] = [];
  try { cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: typeof cases }).cases; } catch { /* no cases file */ }
  return {
    singles: cases.filter((c) => c.subject && !c.expectErrors).map((c) => c.subject!),
    cohorts: cases.filter((c) => c.subjects).map((c) => c.subjects!),
  };
}

/** The issues of a failed parse, readable in a test failure. */
function problems(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
}

/** What the validated results held, so the test cannot pass on output that never had a part. */
const seen = { forms: new Set<string>(), quota: 0, negative: 0, rewards: 0, explain: 0, zh: 0, cohorts: 0, display: 0 };

function note(r: SubjectResult | CohortResult['results'][number]): void {
  for (const i of r.indicators) if (i.trace) seen.forms.add(i.trace.form);
  if (r.quota) seen.quota++;
  seen.negative += r.negative.length;
  seen.rewards += r.rewardItems.length;
  if (r.explain) seen.explain++;
  if (r.display) seen.display++;
}

/** Random subjects a scheme: `npm test` 10 (fixed seed: the first 10 of the 60), `npm run test:differential` 60 (KAOHE_FULL). */
const RANDOM = FULL_TIER ? 60 : 10;

const OPTIONS: EvalOptions[] = [{}, { explain: true }, { lang: 'zh' }, { explain: true, lang: 'zh' }];

describe('the result schema holds for real engine output', () => {
  for (const { name, source, dir } of schemes()) {
    it(name, async () => {
      const p = prepare(source, name);
      if (!p.value) throw new Error(`${name} has errors`);
      const scheme = p.value;
      const random = sameQuotaKeys(planOf(scheme), fc.sample(recordArb(planOf(scheme).contract), { numRuns: RANDOM, seed: 20261124 }))
        .map((input, i): SubjectInput => ({ id: `R${i}`, input, ...(i % 3 === 0 ? { display: { 姓名: `某${i}`, 工号: i } } : {}) }));
      const { singles, cohorts } = caseSubjects(dir, name);
      // A scheme that names periodStart/periodEnd needs a period (issue 12): one of its kind's form.
      const plan = planOf(scheme);
      const period: EvalOptions = plan.usesPeriod
        ? { period: ({ annual: '2026', monthly: '2026-03', special: '2026-01-01..2026-03-31' } as Record<string, string>)[plan.period ?? ''] ?? '2026-Q1' } : {};
      for (const base of OPTIONS) {
        const opts = { ...base, ...period };
        const valid: SubjectInput[] = [];
        const alone = !comparesWithCohort(plan); // issue 13: cohort aggregates evaluate only in a cohort (KH-E040)
        for (const s of alone ? [...singles, ...random] : []) {
          const r = await evaluate(scheme, s, opts);
          if (!r.ok) continue; // a random subject may divide by zero: the error is not a result
          expect(problems(SubjectResultSchema, r.value), `${s.id} ${JSON.stringify(opts)}`).toEqual([]);
          note(r.value);
          valid.push(s);
        }
        if (alone) expect(valid.length, 'most subjects evaluate').toBeGreaterThan(random.length / 2);
        for (const subjects of [...cohorts, alone ? valid.filter((s) => s.id.startsWith('R')) : random]) {
          const c = await evaluateCohort(scheme, subjects, opts);
          if (!c.ok) throw new Error(JSON.stringify(c.errors.slice(0, 3)));
          expect(problems(CohortResultSchema, c.value), `cohort ${JSON.stringify(opts)}`).toEqual([]);
          c.value.results.forEach(note);
          seen.cohorts++;
          if (opts.lang === 'zh') seen.zh++;
        }
      }
    }, 60_000);
  }

  it('saw every part of a result (the validation above is not vacuous)', () => {
    expect([...seen.forms].sort()).toEqual(expect.arrayContaining(['avg', 'bands', 'expression', 'linear', 'rate']));
    expect(seen.quota).toBeGreaterThan(0);
    expect(seen.negative).toBeGreaterThan(0);
    expect(seen.rewards).toBeGreaterThan(0);
    expect(seen.explain).toBeGreaterThan(0);
    expect(seen.display).toBeGreaterThan(0);
    expect(seen.zh).toBeGreaterThan(0);
  });
});

describe('the result schema is strict', () => {
  async function sample(): Promise<{ single: SubjectResult; cohort: CohortResult }> {
    const { source } = schemes().find((s) => s.name === 'examples/quarterly-routine.kaohe')!;
    const scheme = prepare(source).value!;
    const { cohorts } = caseSubjects(EXAMPLES, 'quarterly-routine.kaohe');
    const c = await evaluateCohort(scheme, cohorts[0], { explain: true });
    const s = await evaluate(scheme, cohorts[0][0], { explain: true });
    if (!c.ok || !s.ok) throw new Error('the sample does not evaluate');
    return { single: s.value, cohort: c.value };
  }
  const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

  it('fails on a missing, renamed or unknown field of a subject result', async () => {
    const { single } = await sample();
    expect(problems(SubjectResultSchema, single)).toEqual([]);
    const { gradeReasons: _, ...missing } = copy(single);
    expect(problems(SubjectResultSchema, missing)).not.toEqual([]);
    const { score, ...rest } = copy(single);
    expect(problems(SubjectResultSchema, { ...rest, total: score })).not.toEqual([]);
    expect(problems(SubjectResultSchema, { ...copy(single), extra: 1 })).not.toEqual([]);
    expect(problems(SubjectResultSchema, { ...copy(single), grade: 3 })).not.toEqual([]);
  });

  it('fails on a renamed field deep inside: an indicator, its trace, a rule, a cohort summary', async () => {
    const { single, cohort } = await sample();
    const a = copy(single);
    (a.indicators[0] as Record<string, unknown>).weigth = a.indicators[0].weight;
    delete (a.indicators[0] as Partial<typeof a.indicators[0]>).weight;
    expect(problems(SubjectResultSchema, a)).not.toEqual([]);
    const b = copy(single);
    const trace = b.indicators.find((i) => i.trace?.form === 'rate')!.trace as Record<string, unknown>;
    trace.category = trace.categories;
    delete trace.categories;
    expect(problems(SubjectResultSchema, b)).not.toEqual([]);
    const c = copy(single);
    (c.explain!.rules[0] as Record<string, unknown>).hit = true;
    expect(problems(SubjectResultSchema, c)).not.toEqual([]);
    const d = copy(cohort);
    delete (d.cohorts[0] as Partial<typeof d.cohorts[0]>).distribution;
    expect(problems(CohortResultSchema, d)).not.toEqual([]);
    const e = copy(cohort);
    delete (e.results[0] as Partial<typeof e.results[0]>).cohort;
    expect(problems(CohortResultSchema, e), 'a cohort member names its cohort').not.toEqual([]);
  });
});

describe('the engine does not load zod', () => {
  it('imports the result schema as types only', () => {
    const dir = join(ROOT, 'engine');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && f !== 'result-schema.ts');
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      return /^import\s+(?!type\b)[^;]*from\s+'zod'/m.test(text)
        || /^(import|export)\s+(?!type\b)[^;]*from\s+'\.\/result-schema\.js'/m.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
