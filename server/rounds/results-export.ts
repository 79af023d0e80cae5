// GET /api/rounds/:id/export?format=xlsx (or `Accept:` the xlsx type): the round's current results,
// one row per person, as a workbook for whoever asked for "the Excel" (issue 16, U6 M-9: a county
// officer's boss). Read as the papers read a round (server/reports/gather.ts: the latest revision,
// so after appeals and amendments; a unit officer gets only their units' people, as in the JSON
// export) and built in a language worker as the 公示名单's workbook is (server/reports/job.ts →
// results-book.ts). Headings in Chinese unless `lang=en` (a paper, like the 公示名单).

import type { Context } from 'hono';
import { parseLocale } from '../../dsl/i18n/index.js';
import { seesAllUnits } from '../accounts/scope.js';
import type { ServerCtx } from '../context.js';
import { paperContext, roundPapers, somePeople } from '../reports/gather.js';
import { paperAnswer, XLSX_TYPE } from '../reports/paper-answer.js';
import * as schemes from '../schemes/store.js';
import { scopeResult } from './scope-result.js';

/** Whether GET export asks for the workbook: `?format=xlsx`, or no format and an Accept naming it. */
export const wantsResultsXlsx = (c: Context, format: string | undefined): boolean =>
  format === 'xlsx' || (format === undefined && (c.req.header('accept') ?? '').includes(XLSX_TYPE));

export async function resultsXlsx(c: Context, ctx: ServerCtx, id: string, langParam: string | undefined): Promise<Response> {
  const p = c.get('principal');
  const lang = parseLocale(langParam) ?? 'zh';
  const papers = await roundPapers(ctx, p, id);
  somePeople(papers, p, undefined); // a unit officer whose units have nobody in the round: 403, as the papers
  const result = seesAllUnits(p) ? papers.result : scopeResult(papers.result, papers.sees);
  const subjects = result.results.map((r) => papers.inputs.get(r.subject) ?? { id: r.subject, input: {} });
  const units = Object.fromEntries(result.results.map((r) => [r.subject, papers.unitOf.get(r.subject) ?? papers.round.unit]));
  const source = await schemes.versionSource(ctx.store, papers.round.versionId);
  return paperAnswer(c, ctx, { which: 'results', ctx: paperContext(papers, lang), book: { source, result, subjects, units, lang } }, 'xlsx');
}
