// Cohort examples (issue 13): an example of several subjects (`given A1 { … } decision { … }`) is
// evaluated as one cohort — evaluateCohortPlan, the subjects in the example's order, in its period —
// and each `expect` reads the subjects' results through `ID.X`: a result name (reported values, as
// in single examples), an indicator or group (its reported score), or a cohort result name (rank,
// cohortRank, demoted, flagged). The expectations run over a context that only answers `ID.X`
// (the checker has rejected every other subject value there: KH-C155).

import type { FieldExpr, Span } from '../dsl/ast.js';
import { subjectIdOf, subjectValueName, type SubjectValueName } from '../dsl/check/infer/cohort-example.js';
import { defineMessages } from '../dsl/i18n/index.js';
import { canonicalIn, DECISION_FIELDS } from '../dsl/keywords.js';
import { Rational } from '../dsl/rational.js';
import { GRADE_ENUM } from '../dsl/symbols.js';
import type { CohortMemberResult, DecisionInput, SubjectInput } from './api.js';
import { fail } from './errors.js';
import type { CompileEnv } from './expr.js';
import type { Compiled, Ctx, ExamplePlan, Plan } from './plan.js';
import type { Value } from './values.js';

export const CM = defineMessages('engineCohortExamples', {
  en: {
    ofSubject: 'subject {id}: {problem}',
    notApplicable: '{id}.{name}: {name} does not apply to {id}',
    noRank: '{id}.{name}: the cohort result has no rank',
  },
  zh: {
    ofSubject: '人员“{id}”：{problem}',
    notApplicable: '“{id}.{name}”：“{name}”不适用于“{id}”',
    noRank: '“{id}.{name}”：整批结果中没有名次',
  },
});

/** The context a cohort example's expectations run in: the subjects' results by id. */
interface ExampleCtx extends Ctx { subjectValue(id: string, v: SubjectValueName, e: FieldExpr): Value }

/** `ID.X` of a cohort example's expectation (the checker typed it), or undefined for any other Field. */
export function compileSubjectField(e: FieldExpr, env: CompileEnv): Compiled | undefined {
  const id = subjectIdOf(e);
  if (id === undefined || !env.subjects?.has(id)) return undefined;
  const v = subjectValueName(env.checked.symbols, e.field.name);
  if (!v) return undefined;
  return (ctx) => (ctx as ExampleCtx).subjectValue(id, v, e);
}

/** An exact number from a result's (rounded) JSON number. */
const exact = (n: number): Rational => Rational.parse(String(n), false) ?? Rational.ZERO;

function valueOf(plan: Plan, r: CohortMemberResult, v: SubjectValueName, e: FieldExpr, id: string): Value {
  const bad = (msg: Parameters<typeof fail>[1]): never => fail('KH-E049', msg, plan.file, e.span);
  switch (v.kind) {
    case 'cohort': {
      if (v.name === 'demoted') {
        const g = r.explain?.grade;
        return g ? g.allowed !== g.final : !!r.quota?.demotedTo;
      }
      if (v.name === 'flagged') return (r.flags?.length ?? 0) > 0;
      const rank = r.rank as { overall: number; cohort: number } | undefined;
      if (!rank) return bad(CM.noRank({ id, name: e.field.name }));
      return Rational.int(v.name === 'rank' ? rank.overall : rank.cohort);
    }
    case 'indicator': case 'group': {
      const node = (v.kind === 'indicator' ? r.indicators : r.groups).find((x) => x.id === v.name);
      return node ? exact(node.score) : bad(CM.notApplicable({ id, name: e.field.name }));
    }
    case 'result':
      switch (v.name) {
        case 'grade': return r.grade === null ? null : plan.env.enumValues.get(GRADE_ENUM)?.find((g) => g.name === r.grade) ?? r.grade;
        case 'bonus': return r.bonus === null ? null : exact(r.bonus);
        case 'actions': return [...r.actions];
        case 'provisional': return r.provisional;
        case 'items': return [...r.negative.map((n) => n.item), ...r.rewardItems.map((x) => x.item)];
        case 'score': return exact(r.score);
        case 'base': return exact(r.base);
        case 'rewards': return exact(r.rewards);
        case 'deductions': return exact(r.deductions);
        default: return bad(CM.notApplicable({ id, name: e.field.name }));
      }
  }
}

/** The expectations' context over a cohort result (results in the example's input order). */
export function exampleCtx(plan: Plan, results: readonly CohortMemberResult[]): Ctx {
  const byId = new Map(results.map((r) => [r.subject, r]));
  const none = (): never => { throw new Error('a cohort example reads subject values only through `ID.X`'); };
  const ctx: ExampleCtx = {
    plan, lang: 'en', binders: new Map(),
    input: none, let: none, indicator: none, group: none, result: none, cohort: none,
    subjectValue: (id, v, e) => {
      const r = byId.get(id);
      return r ? valueOf(plan, r, v, e, id) : fail('KH-E049', CM.notApplicable({ id, name: e.field.name }), plan.file, e.span as Span);
    },
  };
  return ctx;
}

/** A decision as written in the example (`等次`/`grade`, …; the grade as its name, the order as an
 * exact number) → the API's SubjectInput.decision. The checker has vetted it (KH-C156). */
function decisionOf(d: Record<string, unknown>): DecisionInput {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) {
    const key = canonicalIn(DECISION_FIELDS, k) ?? k;
    out[key] = v instanceof Rational ? Number(v.toDecimalString()) : v;
  }
  return out as unknown as DecisionInput;
}

/** The example's subjects as the cohort's input. */
export function exampleSubjects(ex: ExamplePlan): SubjectInput[] {
  return (ex.subjects ?? []).map((s) => ({ id: s.id, input: s.given, ...(s.decision ? { decision: decisionOf(s.decision) } : {}) }));
}
