// Pass `periods-input` (issue 14): the `results of` / `past` input fields and `streak`.
//
// - KH-C160: no `missing` policy — what a period without a result means is declared, never guessed
//   (fix: insert `missing skip`).
// - KH-C161: a `results of` unit that does not make up the scheme's period (annual ⊇ annual, quarterly,
//   monthly; quarterly ⊇ quarterly, monthly; monthly ⊇ monthly), or a scheme without such a period.
// - KH-C162: a `past` unit other than the scheme's own period kind. KH-C163: N not whole in 1…50.
// - KH-C164: the type anywhere but a top-level input field (a list element, a record field, a
//   function's parameter or result). KH-C166 (`grades X`, X no enum) is reported while typing.
// - KH-C165: `streak(r in L …)` where L is not a `past` input by name.
// - KH-C167: `missing breaks` on `results of`, `missing zero|error` on `past`. KH-C168: an option twice.
// - Issue 14 part 2, a related subject's result (`results of 领导班子考核 for 班子`): takes `missing zero`
//   or `missing error` (KH-C160's fix inserts `missing error`, KH-C167 otherwise); has no unit (no
//   KH-C161/C162); KH-C169 when 班子 is no top-level text/enum input (related-subject.ts).
// Also here: the `given` of such an input in an example (called by the examples pass) and whether
// the scheme needs its examples' `period` (KH-C103, periods.ts).

import type { Expr, ObjectLit, PeriodResultsType, TypeExpr } from '../../ast.js';
import { fixOf } from '../../diagnostics.js';
import type { Msg } from '../../i18n/index.js';
import { BUILTINS, canonicalIn, keywordText, PERIOD_RESULT_FIELDS, type KeywordId } from '../../keywords.js';
import { GRADE_ENUM } from '../../symbols.js';
import { Rational } from '../../rational.js';
import { constValue, type CheckContext, type Pass } from '../context.js';
import { KW, M } from '../messages.js';
import { PR } from '../messages/periods.js';
import { RS } from '../messages/related.js';
import { checkRelatedSubject } from './related-subject.js';
import { BOOL, NUMBER, TEXT, type Type } from '../types.js';

type Kind = NonNullable<PeriodResultsType['unit']>;
const RANK: Record<Kind, number> = { annual: 0, quarterly: 1, monthly: 2 };
const FIFTY = Rational.int(50);
const KINDS: Kind[] = ['annual', 'quarterly', 'monthly'];
const PAST_WORD: Record<Kind, KeywordId> = { annual: 'years', quarterly: 'quarters', monthly: 'months' };
type Mode = NonNullable<PeriodResultsType['missing']>['mode'];
/** The `missing` policies each form takes. */
const TAKES: Record<PeriodResultsType['form'], Mode[]> = {
  resultsOf: ['skip', 'zero', 'error'], past: ['skip', 'breaks'], related: ['zero', 'error'],
};
const OPTION: Record<'grades' | 'missing' | 'values', () => Msg> = { grades: PR.oGrades, missing: PR.oMissing, values: PR.oValues };

/** The scheme's `period` kind, or 'special', or undefined without a `period` line. */
export function schemePeriod(ctx: CheckContext): Kind | 'special' | undefined {
  const s = ctx.symbols.settings.get('period');
  return s?.key === 'period' ? s.value : undefined;
}

/** KH-C103 (periods.ts) for example `name` without a period when the scheme has a `results of` /
 * `past` / related input (the first one names why), else undefined. */
export function periodInputMissing(ctx: CheckContext, name: string, form: string): Msg | undefined {
  for (const d of ctx.scheme.decls) {
    if (d.kind !== 'Input') continue;
    for (const f of d.fields) {
      if (f.type.kind !== 'PeriodResults') continue;
      const input = f.name.name;
      return f.type.form === 'related' ? RS.periodMissing({ name, form, input }) : PR.periodMissingInput({ name, form, input });
    }
  }
  return undefined;
}

function checkField(ctx: CheckContext, name: string, t: PeriodResultsType): void {
  const kw = (id: KeywordId) => keywordText(id, ctx.parsed.keywordLang);
  if (!t.missing) {
    const text = `${kw('missing')} ${kw(t.form === 'related' ? 'error' : 'skip')}`;
    const noMissing = t.form === 'related' ? RS.noMissing : PR.noMissing;
    ctx.sink.add('KH-C160', t.span, noMissing({ name, choices: TAKES[t.form].map((w) => PR.policy({ word: KW[w]() })) }),
      fixOf(PR.fixMissing({ text }), [{ span: { start: t.span.end, end: t.span.end }, text: ` ${text}` }]));
  } else if (!TAKES[t.form].includes(t.missing.mode)) {
    ctx.sink.add('KH-C167', t.missing.span, PR.policyNotTaken({
      word: KW[t.missing.mode](), form: t.form === 'past' ? PR.fPast() : t.form === 'related' ? RS.fRelated() : PR.fResultsOf(),
      allowed: TAKES[t.form].map((w) => PR.policy({ word: KW[w]() })),
    }));
  }
  for (const r of t.repeated ?? []) ctx.sink.add('KH-C168', r.span, PR.optionTwice({ option: OPTION[r.option]() }));
  if (t.form === 'related') { checkRelatedSubject(ctx, name, t); return; }
  if (!t.unit || !t.unitAt) return;
  const period = schemePeriod(ctx);
  if (t.form === 'resultsOf') {
    if (period === undefined) ctx.sink.add('KH-C161', t.unitAt.span, PR.unitNoPeriod({ name }));
    else if (period === 'special') ctx.sink.add('KH-C161', t.unitAt.span, PR.unitSpecial({ name }));
    else if (RANK[t.unit] < RANK[period]) {
      const allowed = KINDS.filter((k) => RANK[k] >= RANK[period]).map((k) => PR.word({ word: KW[k]() }));
      ctx.sink.add('KH-C161', t.unitAt.span, PR.unitNotDivide({ name, unit: KW[t.unit](), kind: KW[period](), allowed }));
    }
    return;
  }
  const n = t.count && constValue(t.count);
  if (t.count && (!n || !n.isInteger() || n.lt(Rational.ONE) || n.gt(FIFTY))) {
    ctx.sink.add('KH-C163', t.count.span, PR.pastCount({ name, n: t.count.text + (t.count.percent ? '%' : '') }));
  }
  if (period === undefined || period === 'special') ctx.sink.add('KH-C162', t.unitAt.span, PR.pastNoPeriod({ name }));
  else if (t.unit !== period) {
    ctx.sink.add('KH-C162', t.unitAt.span, PR.pastUnit({ name, kind: KW[period](), n: t.count?.text ?? 'N', want: KW[PAST_WORD[period]]() }));
  }
}

/** KH-C164 for every `results of` / `past` type below `t` (`t` itself is allowed only when top-level). */
function nestedTypes(ctx: CheckContext, t: TypeExpr | undefined, top: boolean): void {
  if (!t) return;
  if (t.kind === 'PeriodResults' && !top) {
    ctx.sink.add('KH-C164', t.span, PR.notTopLevel({ word: KW[t.form === 'related' ? 'resultsOf' : t.form]() }));
  } else if (t.kind === 'ListType') nestedTypes(ctx, t.element, false);
  else if (t.kind === 'RecordType') for (const f of t.fields) nestedTypes(ctx, f.type, false);
}

/** KH-C165: `streak` over something other than a `past` input (by name). */
function checkStreaks(ctx: CheckContext): void {
  // A `streak` aggregate's callee is written `streak` or `连续` (never quoted): a text without either
  // has none, and the walk over every typed expression is skipped (83,000 on the 10k benchmark).
  if (!ctx.file.text.includes('streak') && !ctx.file.text.includes(BUILTINS.streak)) return;
  for (const e of ctx.types.keys()) {
    if (e.kind !== 'Aggregate' || e.fn !== 'streak') continue;
    const l = e.list;
    const r = l.kind === 'Name' ? ctx.refs.get(l) : undefined;
    const ok = r?.kind === 'input' && r.decl.type.kind === 'PeriodResults' && r.decl.type.form === 'past';
    if (!ok) ctx.sink.add('KH-C165', l.span, PR.streakNotPast({ fn: M.code({ text: e.callee.name }), code: M.code({ text: ctx.file.slice(l.span) }) }));
  }
}

export const periodsInputPass: Pass = {
  name: 'periods-input',
  run(ctx) {
    for (const d of ctx.scheme.decls) {
      if (d.kind === 'Input') {
        for (const f of d.fields) {
          if (f.type.kind === 'PeriodResults') checkField(ctx, f.name.name, f.type);
          nestedTypes(ctx, f.type, true);
        }
      } else if (d.kind === 'Function') {
        for (const p of d.params) nestedTypes(ctx, p.type, false);
        nestedTypes(ctx, d.result, false);
      }
    }
    checkStreaks(ctx);
  },
};

// ---------------------------------------------------------------- examples' `given`

/** `{ period, score, grade, imported }`: what each result record of a `given` should be. */
const resultRecord = (): Msg => M.tRecord({ fields: Object.keys(PERIOD_RESULT_FIELDS) });

export type GivenProblem = (code: 'KH-C050' | 'KH-C052', e: { span: { start: number; end: number } }, msg: Msg) => void;

/** `[{ period: "2026-Q1", score: 88.5, grade: 好 }, …]` for a `results of` / `past` input (one such
 * record, not a list, for a related subject's result): keys in
 * English or Chinese; period text and score required; grade a member of the grades' enum (this
 * scheme's grades for `past`; text without `grades`), left out for an ungraded period (the language
 * has no null); imported yes/no, optional. Each record and value is typed; grades resolved (refs). */
export function periodGiven(ctx: CheckContext, e: Expr, t: PeriodResultsType, path: string, want: Type, bad: GivenProblem,
  describe: (e: Expr) => Msg): void {
  ctx.types.set(e, want);
  if (t.form === 'related') { // ONE record `{ period: "2026", score: 91, grade: 好 }`
    if (e.kind !== 'Object') { bad('KH-C052', e, M.shouldBe({ path, want: resultRecord(), found: describe(e) })); return; }
    entries(ctx, e, path, want.kind === 'record' ? want.fields.get('grade') : undefined, t, bad, describe);
    return;
  }
  if (e.kind !== 'List') { bad('KH-C052', e, M.shouldBe({ path, want: M.tList({ element: resultRecord() }), found: describe(e) })); return; }
  const record = want.kind === 'list' ? want.element : undefined;
  const grade = record?.kind === 'record' ? record.fields.get('grade') : undefined;
  e.items.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (item.kind !== 'Object') { bad('KH-C052', item, M.shouldBe({ path: at, want: resultRecord(), found: describe(item) })); return; }
    if (record) ctx.types.set(item, record);
    entries(ctx, item, at, grade, t, bad, describe);
  });
}

function entries(ctx: CheckContext, o: ObjectLit, at: string, grade: Type | undefined, t: PeriodResultsType, bad: GivenProblem,
  describe: (e: Expr) => Msg): void {
  const seen = new Set<string>();
  for (const en of o.entries) {
    const key = canonicalIn(PERIOD_RESULT_FIELDS, en.key.name);
    const p = `${at}.${en.key.name}`;
    if (!key) { bad('KH-C050', en.key, M.noField({ what: M.theRecord({ path: at }), name: en.key.name })); continue; }
    seen.add(key);
    const v = en.value;
    const wrong = (want: Type) => bad('KH-C052', v, M.shouldBe({ path: p, want: typeMsgOf(want), found: describe(v) }));
    if (key === 'period') { ctx.types.set(v, TEXT); if (v.kind !== 'String') wrong(TEXT); }
    else if (key === 'score') { ctx.types.set(v, NUMBER); if (!constValue(v)) wrong(NUMBER); }
    else if (key === 'imported') { ctx.types.set(v, BOOL); if (v.kind !== 'Bool') wrong(BOOL); }
    else gradeValue(ctx, v, p, grade, t, bad, describe);
  }
  for (const k of ['period', 'score']) if (!seen.has(k)) bad('KH-C052', o, M.requiredMissing({ path: `${at}.${k}` }));
}

function gradeValue(ctx: CheckContext, v: Expr, p: string, grade: Type | undefined, t: PeriodResultsType, bad: GivenProblem,
  describe: (e: Expr) => Msg): void {
  if (!grade || grade.kind === 'error') return;
  ctx.types.set(v, grade);
  if (grade.kind === 'text') { if (v.kind !== 'String') bad('KH-C052', v, M.shouldBe({ path: p, want: M.tText(), found: describe(v) })); return; }
  if (grade.kind !== 'enum') return;
  const enumName = grade.name;
  if (v.kind !== 'Name') { bad('KH-C052', v, M.shouldBe({ path: p, want: enumName === GRADE_ENUM ? M.tGrade() : M.tEnum({ name: enumName }), found: describe(v) })); return; }
  const m = ctx.symbols.members.get(v.name)?.find((x) => x.enumName === enumName);
  if (m) { ctx.refs.set(v, m); return; }
  bad('KH-C052', v, M.givenNotMember({ path: p, name: v.name, enum: enumName === GRADE_ENUM ? keywordText('grades', ctx.parsed.keywordLang) : (t.grades?.name ?? enumName) }));
}

function typeMsgOf(t: Type): Msg {
  return t.kind === 'number' ? M.tNumber() : t.kind === 'bool' ? M.tBool() : M.tText();
}
