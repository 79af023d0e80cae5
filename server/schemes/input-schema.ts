// GET /api/schemes/:id/versions/:n/input-schema (user trial U7-20): the machine-readable input
// contract of a version — a JSON Schema (draft 2020-12) of one subject's `input`, what the evaluate
// routes check it against (engine/input-schema.ts) — so an HR system can validate its rows before a
// big run or generate types. Read as the version's document is (document.ts): published versions for
// every role, `draft` (the newest draft) and other unpublished versions for authors; a version with
// errors has no schema (422 with its diagnostics). Titles and descriptions are in the reader's
// language (`?lang=`, else Accept-Language, else English). Made in a language worker
// (lang-pool/scheme-jobs.ts runInputSchema: the version prepared in the worker's measured cache, as a
// big cohort's evaluation is, so the event loop never parses a long draft).

import { createRoute, z } from '@hono/zod-openapi';
import { defineMessages } from '../../dsl/i18n/index.js';
import type { ServerCtx } from '../context.js';
import { commonErrors, json, notFoundError, newRouter, security, unprocessableError } from '../openapi.js';
import { VersionOrDraftParams } from './schemas.js';
import { readableVersion } from './service.js';
import { DM } from './document-messages.js';
import { versionRefused } from '../version-errors.js';
import { langParamSchema } from '../query-params.js';

const IM = defineMessages('schemeInputSchemaRoute', {
  en: {
    forAuthors: 'a draft’s input schema is for authors: version {n} of `{id}` is not published',
  },
  zh: {
    forAuthors: '草稿的输入架构仅供编写人查看：方案“{id}”第 {n} 版尚未发布',
  },
});

const InputSchemaSchema = z.record(z.string(), z.unknown()).openapi('InputSchema', {
  description: 'a JSON Schema (draft 2020-12) of one subject’s `input`: `properties` by input field with `type`, `enum` (`$defs` per enum and panel), '
    + '`minimum`/`maximum`, `minItems`/`maxItems`, `required`, `default`, `title` (the scheme’s label) and `description` (the contract’s words)',
});

/** `?lang=`, declared so that clients see it (user trial U8). A value the API does not take is 400
 * `invalid_request` at `lang` before the route runs, as on every route (query-params.ts): here it
 * once was the only route to say so, since `fr` answered English as if it were French (U8 trial). */
const InputSchemaQuery = z.object({
  lang: langParamSchema('the language of the titles and descriptions, without it Accept-Language decides, else English'),
});

export const getInputSchema = createRoute({
  method: 'get', path: '/schemes/{id}/versions/{n}/input-schema', tags: ['schemes'], security,
  summary: 'The input contract of a version as a JSON Schema: validate rows before evaluating them, or generate types',
  description: 'What the evaluate routes check each subject’s `input` against, as JSON Schema draft 2020-12. Beyond it the engine also refuses numbers beyond 10^±100, '
    + 'a ballot rating a criterion twice, and result records of periods a `results of`/`past` input does not read in the evaluation period (the top `description` says so). '
    + '`n` = `draft` (the newest draft) and unpublished versions need the author role. Words in the reader’s language (`?lang=`, Accept-Language).',
  request: { params: VersionOrDraftParams, query: InputSchemaQuery },
  responses: { 200: json(InputSchemaSchema, 'the schema'), ...commonErrors, ...notFoundError, ...unprocessableError },
});

export function schemeInputSchemaRouter(ctx: ServerCtx) {
  const app = newRouter();
  app.openapi(getInputSchema, async (c) => {
    const { id, n } = c.req.valid('param');
    const p = c.get('principal');
    const row = await readableVersion(ctx, p, id, n, { noDraft: DM.noDraft, forAuthors: IM.forAuthors });
    const made = await ctx.language({ kind: 'input-schema', source: row.source, hash: row.hash, owner: p.orgId, lang: c.get('locale') });
    if ('unprepared' in made) throw versionRefused(row.n, made.errors);
    return c.json(made.schema, 200);
  });
  return app;
}
