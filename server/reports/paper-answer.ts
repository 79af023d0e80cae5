// Answers a paper from the data gathered on the main thread: the 'paper' job (job.ts) builds and
// renders it in a language worker, within the budget below; this only sets the headers. HTML under
// the papers' policy (html-answer.ts), the document's JSON for `Accept: application/json` (or the
// 公示名单's `?format=json`), the 公示名单's workbook as an attachment.

import type { Context } from 'hono';
import type { ServerCtx } from '../context.js';
import { docJsonHeaders, paperHeaders, wantsJson } from './html-answer.js';
import type { PaperData, PaperFormat } from './job.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A paper's budget: the language budget for building and rendering, plus the round's cohort
 * budget for the feedback sheets' re-evaluation (the pool stops the worker beyond it). */
export const paperBudgetMs = (ctx: ServerCtx) => ctx.limits.langBudgetMs + ctx.limits.cohortMaxMs;

/** An attachment name: ASCII fallback, and the real name in UTF-8 (RFC 6266). */
const attachment = (name: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export async function paperAnswer(c: Context, ctx: ServerCtx, data: PaperData, format?: PaperFormat): Promise<Response> {
  const as: PaperFormat = format ?? (wantsJson(c) ? 'json' : 'html');
  const paper = await ctx.language({ kind: 'paper', format: as, ...data, owner: c.get('principal').orgId }, paperBudgetMs(ctx));
  if (paper.explainSkipped) ctx.log({ level: 'warn', msg: 'feedback explanations skipped', round: data.ctx.round.id, error: paper.explainSkipped });
  if (as === 'xlsx') return c.body(paper.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': attachment(`${paper.title}.xlsx`, `${data.which}.xlsx`) });
  if (as === 'json') return c.body(paper.body as string, 200, docJsonHeaders(paper));
  return c.body(paper.body as string, 200, paperHeaders(paper));
}
