// GET /api/schemes/:id/versions/:n/document[?lang=zh|en] (issue 15): the scheme in plain words — a
// version (or `draft`, the newest draft) as the document the people assessed read (report/scheme/),
// printable HTML through report/render/html.ts under the papers' policy, or the document model as
// JSON when `Accept` asks for it (server/reports/html-answer.ts, shared with the papers). Published
// versions are for every role; a draft only for authors (its rules are not yet the rules). A version
// with errors has no document (422 with its diagnostics): it would describe rules that never run.
// The header names the stored version (第1版, or 草稿 for an unpublished one) beside the scheme's own
// `version` text. The language is `?lang=`, else Chinese (a 方案 is published in Chinese), whatever Accept-Language says;
// a `lang` the API does not take is 400 before this route runs (query-params.ts).
// The source is analysed and the document built in a language worker within the job budget
// (document-job.ts), as every analysis of a saved source is.

import { createRoute, z } from '@hono/zod-openapi';
import type { ServerCtx } from '../context.js';
import { withOmitted } from '../limits.js';
import { forReader } from '../localize.js';
import { commonErrors, notFoundError, newRouter, security, unprocessableError } from '../openapi.js';
import { docAnswer } from '../reports/html-answer.js';
import { DocSchema } from '../reports/schemas.js';
import { DM } from './document-messages.js';
import { VersionOrDraftParams } from './schemas.js';
import { readableVersion } from './service.js';
import { invalidScheme } from '../version-errors.js';
import { askedLocale } from '../locale.js';
import { langParamSchema } from '../query-params.js';


const DocQuery = z.object({
  lang: langParamSchema('the document\'s language, `zh` when absent (not Accept-Language: a 方案 is published in Chinese)'),
});

export const getDocument = createRoute({
  method: 'get', path: '/schemes/{id}/versions/{n}/document', tags: ['schemes'], security,
  summary: 'The scheme in plain words: who is assessed, indicators and weights, the negative list, grades and quotas',
  description: 'Printable HTML (A4 print CSS) by default; `Accept: application/json` gives the document model. '
    + '`n` = `draft` (the newest draft) and unpublished versions need the author role.',
  request: { params: VersionOrDraftParams, query: DocQuery },
  responses: {
    200: {
      description: 'the document',
      content: { 'text/html': { schema: z.string() }, 'application/json': { schema: DocSchema } },
    },
    ...commonErrors, ...notFoundError, ...unprocessableError,
  },
});

export function schemeDocumentRouter(ctx: ServerCtx) {
  const app = newRouter();
  app.openapi(getDocument, async (c) => {
    const { id, n } = c.req.valid('param');
    const p = c.get('principal');
    const row = await readableVersion(ctx, p, id, n, { noDraft: DM.noDraft, forAuthors: DM.draftForAuthors });
    const revision = row.status === 'published' ? row.n : 'draft';
    const made = await ctx.language({ kind: 'document', source: row.source, lang: askedLocale(c) ?? 'zh', revision, owner: p.orgId });
    if (!made.doc) throw invalidScheme(DM.hasErrors({ n: row.n, id }), withOmitted(await forReader(c, made.diagnostics), made.omitted));
    return docAnswer(c, made.doc) as never;
  });
  return app;
}
