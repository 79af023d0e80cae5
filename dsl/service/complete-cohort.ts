// Completion and hover for cohort aggregates (issue 13): after `overall `/`全体 ` or `cohort `/`本组 `
// the five functions (max, min, avg, percentile, rank) in the file's keyword language, each with its
// snippet-like shape; hovering the function word says what it computes over which subjects.

import { COHORT_FUNCTIONS, type KeywordId } from '../keywords.js';
import { defineMessages, render } from '../i18n/index.js';
import type { CompletionItem, Env } from './candidates.js';
import type { CursorContext } from './context.js';
import type { Tok } from './scan.js';
import type { UiLang } from './messages.js';

export const CF = defineMessages('serviceCohort', {
  en: {
    max: 'the largest value of its argument among the subjects of the scope',
    min: 'the smallest value of its argument among the subjects of the scope',
    avg: 'the exact mean of its argument over the subjects of the scope',
    percentile: 'the P-th percentile (0..100) of its argument over the scope, interpolated linearly as Excel PERCENTILE.INC',
    rank: "the subject's rank by its argument in the scope: 1 = largest (`asc`: smallest); ties share a rank, the next skips (1, 1, 3)",
    overall: 'over every subject of the batch',
    cohort: "over the subjects of the subject's cohort (`cohort by`; without it, the whole batch)",
    head: '{fn}: cohort aggregate, {scope}',
  },
  zh: {
    max: '范围内各人员该值的最大值',
    min: '范围内各人员该值的最小值',
    avg: '范围内各人员该值的精确平均值',
    percentile: '范围内各人员该值的第 P 百分位（0 至 100），按线性插值计算，与电子表格的百分位函数相同',
    rank: '本人按该值在范围内的名次：1 为最大（`升序`时 1 为最小）；并列同名次，其后名次顺延（1、1、3）',
    overall: '范围为全体人员',
    cohort: '范围为本人所在组（`分组`；未分组时为全体）',
    head: '{fn}：全体或本组汇总值，{scope}',
  },
});

type Fn = 'max' | 'min' | 'avg' | 'percentile' | 'rank';
const SHAPE: Record<Fn, string> = { max: '(x)', min: '(x)', avg: '(x)', percentile: '(x, 50)', rank: '(x)' };

/** The five functions after a scope keyword that starts a cohort aggregate, else undefined — not after
 * a quota's scope (`quota 25% overall`, `比例 本组 …`: a number, `%` or `}` before it). */
export function cohortFnItems(toks: readonly Tok[], ctx: CursorContext, env: Env): CompletionItem[] | undefined {
  const kw = ctx.prev?.kw;
  if (kw !== 'overall' && kw !== 'cohort') return undefined;
  const before = toks[ctx.prevIndex - 1];
  if (before && (before.kind === 'number' || before.p === '}' || isQuotaOption(before.kw))) return undefined;
  return (Object.keys(COHORT_FUNCTIONS) as Fn[]).map((fn, i) => {
    const label = env.lang === 'zh' ? COHORT_FUNCTIONS[fn] : fn;
    return {
      label, kind: 'function' as const, sortText: `0${i}`, detail: `${label}${SHAPE[fn]}`,
      documentation: render(CF[fn](), env.ui),
    };
  });
}

const QUOTA_OPTIONS: ReadonlySet<KeywordId | undefined> = new Set<KeywordId>(['quota', 'roundDown', 'roundUp', 'roundNearest', 'ofGraded', 'ofAll', 'normally']);
function isQuotaOption(kw: KeywordId | undefined): boolean { return QUOTA_OPTIONS.has(kw); }

/** Hover text of a cohort aggregate's function word. */
export function cohortFnDoc(fn: string, scope: 'overall' | 'cohort', written: string, ui: UiLang): string {
  return `${render(CF.head({ fn: written, scope: CF[scope]() }), ui)}\n\n${render(CF[fn as Fn](), ui)}`;
}
