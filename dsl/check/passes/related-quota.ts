// Pass `related-quota` (issue 14 part 2, KH-C170, warnings): a quota table keyed by a related
// subject's grade (`定义 班子档次 = 班子结果.考核等次` … `比例 班子档次 { 好: 30%, … }`), where
// `班子结果: 引用结果 领导班子考核 对象 班子 …`. Two ways it fails only at run time, said here once:
// - the related input is `missing zero`: a team without a result gives a record with no grade, so
//   the share cannot be looked up (KH-E058 for every member of that team) — `missing error` stops at
//   the missing result with a message naming the team and the period (fix offered);
// - the quota's scope is not grouped by FIELD (no `cohort by`, another one, or `overall`): members
//   of teams graded differently would share one quota, and the table's key must be the same for
//   every subject of the scope (KH-E043 whenever two teams differ).
// The key is followed through lets that are plain names (`定义 a = b`) to `INPUT.grade`/`.考核等次`.

import type { Expr, Field, PeriodResultsType, Quota } from '../../ast.js';
import { fixOf } from '../../diagnostics.js';
import { keywordText, PERIOD_RESULT_FIELDS } from '../../keywords.js';
import type { CheckContext, Pass } from '../context.js';
import { RQ } from '../messages/related-quota.js';

export const relatedQuotaPass: Pass = {
  name: 'related-quota',
  run(ctx) {
    for (const g of ctx.symbols.gradesDecl?.grades ?? []) {
      for (const q of g.quotas) if (q.table) check(ctx, g.name.name, q, q.table);
    }
  },
};

const GRADE = new Set(['grade', PERIOD_RESULT_FIELDS.grade]);

/** The related input whose grade `e` is (through lets that are names), if any. */
function relatedGradeOf(ctx: CheckContext, e: Expr, depth = 0): { input: Field; type: PeriodResultsType } | undefined {
  if (depth > 16) return undefined; // a cycle: KH-C-cycles says so
  if (e.kind === 'Name') {
    const s = ctx.symbols.names.get(e.name);
    return s?.kind === 'let' ? relatedGradeOf(ctx, s.decl.value, depth + 1) : undefined;
  }
  if (e.kind !== 'Field' || !GRADE.has(e.field.name) || e.object.kind !== 'Name') return undefined;
  const s = ctx.symbols.names.get(e.object.name);
  const t = s?.kind === 'input' ? s.decl.type : undefined;
  return t?.kind === 'PeriodResults' && t.form === 'related' && s?.kind === 'input' ? { input: s.decl, type: t } : undefined;
}

function check(ctx: CheckContext, grade: string, q: Quota, table: NonNullable<Quota['table']>): void {
  const key = table.key;
  const s = ctx.symbols.names.get(key.name);
  if (s?.kind !== 'let') return;
  const r = relatedGradeOf(ctx, s.decl.value);
  if (!r || !r.type.subject) return;
  const field = r.type.subject.name;
  const args = { grade, key: key.name, input: r.input.name.name, scheme: r.type.scheme?.name ?? '', field };
  const missing = r.type.missing;
  if (missing?.mode === 'zero') {
    const lang = ctx.parsed.keywordLang;
    const text = `${keywordText('missing', lang)} ${keywordText('error', lang)}`;
    ctx.sink.add('KH-C170', key.span, RQ.missingZero(args), fixOf(RQ.fixError({ text }), [{ span: missing.span, text }]));
  }
  const by = ctx.symbols.settings.get('cohortBy');
  const byExpr = by?.key === 'cohortBy' ? by.value : undefined;
  const where = q.scope === 'overall' ? RQ.overall()
    : !byExpr ? RQ.noCohort()
    : byExpr.kind === 'Name' && byExpr.name === field ? undefined
    : RQ.otherCohort({ by: ctx.file.slice(byExpr.span), field });
  const advice = q.scope === 'overall' ? RQ.adviseOverall({ field }) : RQ.adviseCohort({ field });
  if (where) ctx.sink.add('KH-C170', key.span, RQ.notCohort({ ...args, where, advice }));
}
