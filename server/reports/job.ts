// The worker half of the papers of a round (issue 15, hostile F1): build the document from the data
// the handler gathered (report/feedback, report/papers), re-evaluate for the feedback sheets'
// explanations, and render it — printable HTML, the document as JSON text, or the 公示名单's
// workbook — as a plain-data job of the language workers (server/lang-pool/). In-process a
// 10,000-person 公示名单 workbook took 3–7 s of the event loop's time: sixteen at once kept /healthz
// waiting 28–44 s and every request 34–50 s. In a worker it occupies only that worker, the pool's
// bounded queue refuses what it cannot take (503 `busy`, Retry-After), and the budget stops a
// paper that runs away (503 `budget_exceeded`). Reading the round (server/reports/gather.ts) stays
// on the main thread: it needs the database.

import type { Locale } from '../../dsl/i18n/index.js';
import type { EngineApi, Explain, SubjectInput } from '../../engine/api.js';
import { feedbackDoc } from '../../report/feedback/sheet.js';
import type { FeedbackContext, FeedbackPerson } from '../../report/feedback/types.js';
import type { Doc } from '../../report/model.js';
import { noticeDoc } from '../../report/papers/notice.js';
import { publicityDoc, publicityWorkbook } from '../../report/papers/publicity.js';
import { registerDoc } from '../../report/papers/register.js';
import type { PaperContext, PaperPerson } from '../../report/papers/types.js';
import { renderHtml } from '../../report/render/html.js';
import { writeXlsx } from '../../sheets/xlsx.js';
import { resultsBook, resultsFileName, type ResultsBookData } from '../rounds/results-book.js';
import { evaluateCohortWithin } from '../evaluations/budget.js';
import type { Limits } from '../limits.js';
import { agrees } from './explain.js';

/** What the feedback sheets' explanations are made from: the round's scheme text and the people's
 * stored inputs, re-evaluated with `explain` within the round's cohort budget (explain.ts). */
export interface ExplainData {
  source: string;
  subjects: SubjectInput[];
  period: string;
  limits: Pick<Limits, 'cohortMsPerSubject' | 'cohortMaxMs'>;
}

export type PaperData =
  | { which: 'feedback'; ctx: FeedbackContext; sheets: FeedbackPerson[]; unit?: string; explain?: ExplainData }
  | { which: 'publicity'; ctx: PaperContext; people: PaperPerson[]; unit?: string }
  | { which: 'register' | 'notice'; ctx: PaperContext; people: PaperPerson[] }
  /** A round's per-person results workbook (issue 16, U6 M-9: server/rounds/results-book.ts), xlsx only. */
  | { which: 'results'; ctx: PaperContext; book: ResultsBookData };

/** `xlsx` only for the 公示名单 and the results workbook. */
export type PaperFormat = 'html' | 'json' | 'xlsx';

export type PaperJob = { kind: 'paper'; format: PaperFormat } & PaperData;

export interface Paper {
  /** The HTML page or the document's JSON text; the workbook's bytes for `xlsx`. */
  body: string | Uint8Array;
  lang: Locale;
  title: string;
  /** Why the feedback sheets have no explanations, when the re-evaluation failed (logged). */
  explainSkipped?: string;
}

export async function runPaperJob(job: PaperJob, engine: () => Promise<EngineApi>): Promise<Paper> {
  if (job.which === 'results') {
    return { body: await writeXlsx(resultsBook(job.book), job.book.lang), lang: job.book.lang, title: resultsFileName(job.ctx.round, job.book.lang) };
  }
  const out: Partial<Paper> = {};
  const doc = await docOf(job, engine, out);
  let body: string | Uint8Array;
  if (job.format === 'xlsx' && job.which === 'publicity') body = await writeXlsx(publicityWorkbook(job.ctx, job.people, job.unit), job.ctx.lang);
  else body = job.format === 'json' ? JSON.stringify(doc) : renderHtml(doc);
  return { ...out, body, lang: doc.lang, title: doc.title };
}

async function docOf(job: Exclude<PaperJob, { which: 'results' }>, engine: () => Promise<EngineApi>, out: Partial<Paper>): Promise<Doc> {
  switch (job.which) {
    case 'feedback': {
      const explained = job.explain ? await explanations(job.explain, job.sheets, job.ctx.lang, engine, out) : new Map<string, Explain>();
      const sheets = job.sheets.map((s) => (explained.has(s.result.subject) ? { ...s, explain: explained.get(s.result.subject) } : s));
      return feedbackDoc(job.ctx, sheets, job.unit);
    }
    case 'publicity': return publicityDoc(job.ctx, job.people, job.unit);
    case 'register': return registerDoc(job.ctx, job.people);
    case 'notice': return noticeDoc(job.ctx, job.people);
  }
}

/** explain.ts's explanations, here: the sheets' people re-evaluated, kept where they agree. */
async function explanations(data: ExplainData, sheets: readonly FeedbackPerson[], lang: Locale, engine: () => Promise<EngineApi>, out: Partial<Paper>): Promise<Map<string, Explain>> {
  const found = new Map<string, Explain>();
  if (data.subjects.length === 0) return found;
  try {
    const e = await engine();
    const prepared = e.prepare(data.source, '<source>');
    if (!prepared.value) throw new Error('the round\'s version does not prepare');
    const again = await evaluateCohortWithin(e, prepared.value, data.subjects, { explain: true, lang, period: data.period }, data.limits);
    if (!again.ok) return found;
    const stored = new Map(sheets.map((s) => [s.result.subject, s.result]));
    for (const r of again.value.results) {
      const s = stored.get(r.subject);
      if (s && r.explain && agrees(s, r)) found.set(r.subject, r.explain);
    }
  } catch (e) {
    out.explainSkipped = e instanceof Error ? e.message : String(e);
  }
  return found;
}
