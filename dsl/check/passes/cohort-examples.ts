// Pass `cohort-examples` (issue 13): examples of several subjects (`given A1 { … } decision { … }`).
// - KH-C150: a single-subject example in a scheme with cohort aggregates (it cannot be evaluated
//   alone: the engine's KH-E040), pointing at the first aggregate;
// - KH-C151: `given { … }` and `given ID { … }` in one example; KH-C153: an id given twice;
// - KH-C155: a subject's own value (an input, let, indicator, group or result name) in an
//   expectation without `ID.` — whose would it be? (`ID.X` itself is typed in infer/cohort-example.ts,
//   with KH-C152 for an unknown id and KH-C154 for an unknown X);
// - KH-C156: a malformed decision (keys grade/等次, order/排序, reason/理由 as the API's
//   SubjectInput.decision: a grade of the scheme, a whole order ≥ 1, a non-empty reason ≤ 1,000
//   characters, at least a grade or an order); KH-C157: a decision where grades are not `by committee`.
// Each subject's `given` is checked against the input contract by the `examples` pass.

import type { ExampleDecl, ExampleSubject, Expr, ObjectLit } from '../../ast.js';
import { canonicalIn, DECISION_FIELDS, DECISION_REASON_MAX } from '../../keywords.js';
import { fixOf } from '../../diagnostics.js';
import { quoteName } from '../../quote-name.js';
import { Rational } from '../../rational.js';
import { allAggregates } from '../cohort-deps.js';
import { GRADE_ENUM } from '../../symbols.js';
import { constValue, lineOf, type CheckContext, type Pass } from '../context.js';
import { M } from '../messages/cohort-examples.js';
import { ERROR, INTEGER, TEXT, type Type } from '../types.js';
import { eachChild } from '../walk.js';

/** Subject values that need a subject: bare, they are nobody's in a cohort example. */
const PER_SUBJECT = new Set(['input', 'let', 'adjust', 'indicator', 'group', 'result']);

/** KH-C155 for the bare subject values of the expectations. A cohort aggregate's argument is not
 * looked into: the aggregate itself is KH-C123 there (passes/cohort-aggregates.ts), one report a spot. */
function bareValues(ctx: CheckContext, d: ExampleDecl, id: string): void {
  const lists = new Set<Expr>(); // `actions` of `约谈 in A1.actions` is A1's
  const walk = (e: Expr): void => {
    if (e.kind === 'CohortAgg') return;
    if (e.kind === 'In' && e.ofSubject && e.of) lists.add(e.of);
    if (e.kind === 'Name' && !lists.has(e)) {
      const r = ctx.refs.get(e);
      if (r && PER_SUBJECT.has(r.kind)) ctx.sink.add('KH-C155', e.span, M.needsId({ name: e.name, id }));
    }
    eachChild(e, walk, undefined);
  };
  d.expects.forEach(walk);
}

const canonicalKey = (k: string): string | undefined => canonicalIn(DECISION_FIELDS, k);
/** The largest committee order, as the engine takes it (engine/decision.ts): a safe integer. */
const MAX_ORDER = Rational.int(Number.MAX_SAFE_INTEGER);
/** Its text, made only when reported: the first toLocaleString of a process loads ICU's locale data
 * (≈ 20–60 ms, a third of `kaohe check`'s start-up when it ran at module load). */
const maxOrderText = (): string => Number.MAX_SAFE_INTEGER.toLocaleString('en-US');

function decision(ctx: CheckContext, s: ExampleSubject, dec: ObjectLit, committee: boolean): void {
  const id = s.id;
  const type = (e: Expr, t: Type) => ctx.types.set(e, t);
  if (!committee) ctx.sink.add('KH-C157', dec.span, M.notCommittee({ id }));
  const seen = new Set<string>();
  for (const en of dec.entries) {
    const key = canonicalKey(en.key.name);
    type(en.value, ERROR);
    if (!key) {
      ctx.sink.add('KH-C156', en.key.span, M.decisionKey({ id, key: en.key.name }));
      continue;
    }
    if (seen.has(key)) { ctx.sink.add('KH-C156', en.key.span, M.decisionKeyTwice({ id, key: en.key.name })); continue; }
    seen.add(key);
    const v = en.value;
    if (key === 'grade') {
      const m = v.kind === 'Name' ? ctx.symbols.members.get(v.name)?.find((x) => x.enumName === GRADE_ENUM) : undefined;
      if (m && v.kind === 'Name') { ctx.refs.set(v, m); type(v, { kind: 'enum', name: GRADE_ENUM, ordered: true }); continue; }
      if (v.kind === 'String' && ctx.symbols.gradeNames.includes(v.value)) { // `grade: "优秀"`: the grade, quoted
        const grade = quoteName(v.value, en.key.name === key ? 'en' : 'zh');
        ctx.sink.add('KH-C156', v.span, M.decisionGradeQuoted({ id, key: en.key.name, grade }),
          fixOf(M.fixUnquoteGrade({ grade }), [{ span: v.span, text: grade }]));
        continue;
      }
      ctx.sink.add('KH-C156', v.span, M.decisionGrade({ id, value: ctx.file.slice(v.span), grades: ctx.symbols.gradeNames }));
    } else if (key === 'order') {
      const n = constValue(v);
      if (n && n.isInteger() && n.sign() > 0 && n.le(MAX_ORDER)) { type(v, INTEGER); continue; }
      // An order past 2^53 − 1 is no exact JSON number (the API and the engine refuse it: KH-E046).
      const big = n && n.isInteger() && n.sign() > 0;
      ctx.sink.add('KH-C156', v.span, big ? M.decisionOrderBig({ id, max: maxOrderText(), value: ctx.file.slice(v.span) })
        : M.decisionOrder({ id, value: ctx.file.slice(v.span) }));
    } else {
      if (v.kind !== 'String' || v.value.trim() === '') { ctx.sink.add('KH-C156', v.span, M.decisionReason({ id })); continue; }
      type(v, TEXT);
      const n = [...v.value].length;
      if (n > DECISION_REASON_MAX) ctx.sink.add('KH-C156', v.span, M.decisionReasonLong({ id, n: n.toLocaleString('en-US') }));
    }
  }
  if (!seen.has('reason') && dec.entries.every((en) => canonicalKey(en.key.name))) ctx.sink.add('KH-C156', dec.span, M.decisionReason({ id }));
  if (!seen.has('grade') && !seen.has('order') && seen.has('reason')) ctx.sink.add('KH-C156', dec.span, M.decisionEmpty({ id }));
}

export const cohortExamplesPass: Pass = {
  name: 'cohort-examples',
  run(ctx) {
    const examples = ctx.scheme.decls.filter((d): d is ExampleDecl => d.kind === 'Example');
    if (examples.length === 0) return;
    const committee = ctx.scheme.decls.some((d) => d.kind === 'Grades' && !!d.committee);
    const singles = examples.filter((d) => !d.subjects);
    const agg = singles.length > 0 ? allAggregates(ctx.scheme)[0] : undefined; // the first, in source order
    if (agg) {
      const line = lineOf(ctx, agg.span), code = ctx.file.slice(agg.span);
      const whom = agg.scope === 'overall' ? M.withOverall() : M.withCohort();
      for (const d of singles) ctx.sink.add('KH-C150', d.name.span, M.single({ example: d.name.name, whom, line, code }));
    }
    for (const d of examples) {
      if (!d.subjects) continue;
      if (d.given.span.end > d.given.span.start) ctx.sink.add('KH-C151', d.given.span, M.mixed({ example: d.name.name }));
      const first = new Map<string, ExampleSubject>();
      for (const s of d.subjects) {
        const before = first.get(s.id);
        if (before) ctx.sink.add('KH-C153', s.idSpan, M.duplicateSubject({ example: d.name.name, id: s.id, line: lineOf(ctx, before.idSpan) }));
        else first.set(s.id, s);
        if (s.decision) decision(ctx, s, s.decision, committee);
      }
      bareValues(ctx, d, d.subjects[0]?.id ?? 'A1');
    }
  },
};
