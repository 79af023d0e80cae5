// The papers of a round (issue 15): feedback sheets, the 公示名单, 年度考核登记表 and result notices,
// each for one person or one file of many. The builders (report/feedback, report/papers) take plain
// data gathered here (gather.ts) and return the document model; html-answer.ts answers it as a
// printable page or, for `Accept: application/json`, as the document itself. Reads only: the audit
// log records each as a read of the round (audit/actions.ts), like the round's export.

import type { Context, MiddlewareHandler, TypedResponse } from 'hono';
import type { z } from '@hono/zod-openapi';
import { localeFromAcceptLanguage, type Locale } from '../../dsl/i18n/index.js';
import type { CohortMemberResult } from '../../engine/api.js';
import { displayName, postOf } from '../../report/feedback/sheet.js';
import type { FeedbackContext, FeedbackPerson } from '../../report/feedback/types.js';
import type { PaperPerson } from '../../report/papers/types.js';
import type { AppEnv, ServerCtx } from '../context.js';
import { langParam, queryLocale } from '../locale.js';
import { newRouter } from '../openapi.js';
import * as schemes from '../schemes/store.js';
import { cohortSizes, earlierResults, MAX_PAGES, meansByUnit, onePerson, paperContext, roundPapers, somePeople, unitOfResult, type RoundPapers } from './gather.js';
import type { PaperData, PaperFormat } from './job.js';
import { paperAnswer, XLSX_TYPE } from './paper-answer.js';
import * as routes from './routes.js';
import type { DocSchema } from './schemas.js';

/** The paper's language: `?lang=zh|en`, else Chinese (papers are Chinese documents). Any other
 * `?lang=` never reaches here: 400 `invalid_request` on every route (query-params.ts), no longer a zh
 * paper the caller did not ask for (S10; it was hostile F10's answer). */
const paperLang = (lang: string | undefined): Locale => queryLocale(lang ?? '') ?? 'zh';

/** The language of the papers' refusals (404 person not in the round, 403, 409, 422, 400): the
 * papers are Chinese by default, so their errors are too — English only for `?lang=en` or an
 * Accept-Language that names English over Chinese. (The API's own default, English, is for programs;
 * a paper's link is opened by a person who reads the paper.) */
export function papersLocale(): MiddlewareHandler<AppEnv> {
  return async function papersLocale(c, next) {
    c.set('locale', langParam(c.req.url) ?? localeFromAcceptLanguage(c.req.header('accept-language')) ?? 'zh');
    await next();
  };
}

/** The paths of the papers (the routes below): where papersLocale decides the language. */
export const PAPER_PATHS = ['/rounds/:id/feedback', '/rounds/:id/feedback/*', '/rounds/:id/papers/*'] as const;

/** What the routes' typed 200 is: the document (DocSchema); its HTML page carries the same content. */
type DocAnswer = TypedResponse<z.infer<typeof DocSchema>, 200, 'json'>;
/** The paper built and rendered in a language worker (job.ts, paper-answer.ts), off the event loop. */
const answer = async (c: Context, ctx: ServerCtx, data: PaperData, format?: PaperFormat): Promise<DocAnswer> =>
  (await paperAnswer(c, ctx, data, format)) as unknown as DocAnswer;

async function feedbackOf(ctx: ServerCtx, papers: RoundPapers, people: CohortMemberResult[], lang: Locale, unit?: string): Promise<PaperData> {
  const terms = papers.terms[lang];
  const fctx: FeedbackContext = {
    lang, scheme: papers.scheme, round: { id: papers.round.id, name: papers.round.name, period: papers.round.period }, ...(terms && { terms }),
  };
  const means = meansByUnit(papers);
  const sizes = cohortSizes(papers.result);
  const history = await earlierResults(ctx.store, papers.round, people.map((r) => r.subject));
  const sheets: FeedbackPerson[] = people.map((r) => {
    const u = unitOfResult(papers, r);
    return {
      result: r, unit: u, cohortSize: sizes.get(r.cohort), unitMeans: means.get(u) ?? null,
      history: history.get(r.subject) ?? [],
      ...(papers.inputs.has(r.subject) && { input: papers.inputs.get(r.subject)!.input as Record<string, unknown> }),
    };
  });
  // The explanations (explain.ts) are made in the worker, from the version's text and these inputs.
  const subjects = people.flatMap((r) => (papers.inputs.has(r.subject) ? [papers.inputs.get(r.subject)!] : []));
  const explain = { source: await schemes.versionSource(ctx.store, papers.round.versionId), subjects, period: papers.round.period, limits: ctx.limits };
  return { which: 'feedback', ctx: fctx, sheets, explain, ...(unit !== undefined && { unit }) };
}

const paperPerson = (papers: RoundPapers, r: CohortMemberResult): PaperPerson => {
  const post = postOf(r);
  return { subject: r.subject, name: displayName(r), unit: unitOfResult(papers, r), ...(post !== undefined && { post }), grade: r.grade };
};

/** A 登记表 or notice file: one page per person, in the paper's language. */
const plainPaper = (which: 'register' | 'notice', papers: RoundPapers, lang: string | undefined, people: CohortMemberResult[]): PaperData =>
  ({ which, ctx: paperContext(papers, paperLang(lang)), people: people.map((r) => paperPerson(papers, r)) });

function wantsXlsx(c: Context, format: string | undefined): boolean {
  return format === 'xlsx' || (format === undefined && (c.req.header('accept') ?? '').includes(XLSX_TYPE));
}

export function reportsRouter(ctx: ServerCtx) {
  const app = newRouter();
  for (const path of PAPER_PATHS) app.use(path, papersLocale());

  app.openapi(routes.feedbackOne, async (c) => {
    const { id, subject } = c.req.valid('param');
    const p = c.get('principal');
    const papers = await roundPapers(ctx, p, id);
    const r = onePerson(papers, p, subject);
    const { lang, format } = c.req.valid('query');
    return answer(c, ctx, await feedbackOf(ctx, papers, [r], paperLang(lang)), format);
  });

  app.openapi(routes.feedbackFile, async (c) => {
    const { id } = c.req.valid('param');
    const { lang, unit, format } = c.req.valid('query');
    const p = c.get('principal');
    const papers = await roundPapers(ctx, p, id);
    return answer(c, ctx, await feedbackOf(ctx, papers, somePeople(papers, p, unit, MAX_PAGES), paperLang(lang), unit), format);
  });

  app.openapi(routes.registerOne, async (c) => {
    const { id, subject } = c.req.valid('param');
    const p = c.get('principal');
    const papers = await roundPapers(ctx, p, id);
    const r = onePerson(papers, p, subject);
    const { lang, format } = c.req.valid('query');
    return answer(c, ctx, plainPaper('register', papers, lang, [r]), format);
  });

  app.openapi(routes.registerFile, async (c) => {
    const { id } = c.req.valid('param');
    const { lang, unit, format } = c.req.valid('query');
    const p = c.get('principal');
    const papers = await roundPapers(ctx, p, id);
    return answer(c, ctx, plainPaper('register', papers, lang, somePeople(papers, p, unit, MAX_PAGES)), format);
  });

  app.openapi(routes.noticeOne, async (c) => {
    const { id, subject } = c.req.valid('param');
    const p = c.get('principal');
    const papers = await roundPapers(ctx, p, id);
    const r = onePerson(papers, p, subject);
    const { lang, format } = c.req.valid('query');
    return answer(c, ctx, plainPaper('notice', papers, lang, [r]), format);
  });

  app.openapi(routes.noticeFile, async (c) => {
    const { id } = c.req.valid('param');
    const { lang, unit, format } = c.req.valid('query');
    const p = c.get('principal');
    const papers = await roundPapers(ctx, p, id);
    return answer(c, ctx, plainPaper('notice', papers, lang, somePeople(papers, p, unit, MAX_PAGES)), format);
  });

  app.openapi(routes.publicity, async (c) => {
    const { id } = c.req.valid('param');
    const { lang, unit, format } = c.req.valid('query');
    const p = c.get('principal');
    const papers = await roundPapers(ctx, p, id);
    const people = somePeople(papers, p, unit).map((r) => paperPerson(papers, r));
    const pctx = paperContext(papers, paperLang(lang));
    const as = wantsXlsx(c, format) ? 'xlsx' : format;
    return answer(c, ctx, { which: 'publicity', ctx: pctx, people, ...(unit !== undefined && { unit }) }, as);
  });

  return app;
}
