// Routes of appeals and amendments (issue 14 item 4) and of a round's stored revisions: record an
// amendment (a new revision, with who changed and why), list a round's amendments, read one revision
// whole. A router of its own beside the rounds core's, mounted in app.ts.

import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/middleware.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { notFound } from '../errors.js';
import { localized } from '../locale.js';
import { commonErrors, conflictError, json, jsonBody, notFoundError, newRouter, security, unprocessableError } from '../openapi.js';
import { CohortResultSchema, DecisionSchema, RankSchema } from '../../engine/result-schema.js';
import { RawJson, stringifyWithRaw } from '../raw-json.js';
import { render } from '../../dsl/i18n/index.js';
import { A } from './amend-messages.js';
import { amend, listAmendments } from './amend.js';
import { refreshSources } from './amend-refresh.js';
import { roundOf } from './round-common.js';
import { ByKindSchema, MAX_REASON, RoundParams } from './schemas.js';
import { scopeExact, scopeResult, seesMember } from './scope-result.js';
import { parsedExactly } from './inexact-numbers.js';
import { parseSources } from './stale-imports.js';
import { ROUND_STATUSES } from './status.js';
import * as store from './store.js';

const tags = ['rounds'];

const AmendmentBody = z.object({
  subject: z.string().min(1).max(200).optional().openapi({ description: 'the person amended: a member of the round\'s roster (422 `not_in_roster` at `subject`); required unless `refresh`', example: 'A001' }),
  refresh: z.literal(true).optional().openapi({
    description: 'a source refresh instead of a correction: re-read the stored results every person\'s `results of` / `past` inputs read and make the next revision; alone with `reason` (no `subject`, `input`, `decision`); an account covering all units; 422 `nothing_amended` at `refresh` when the round is not `outOfDate`. Changes it causes carry why `source`',
  }),
  input: z.record(z.string(), z.unknown()).optional().openapi({ description: 'corrected top-level input fields (checked like input parts); they replace the submitted values' }),
  decision: z.object({ grade: z.string().optional(), order: z.number().optional(), reason: z.string() }).strict().optional()
    .openapi({ description: 'a committee decision (`grades by committee`)' }),
  reason: z.string().openapi({ description: `why (复核 / 申诉 conclusion): required, at most ${MAX_REASON} characters (422 \`reason_required\` / \`reason_too_long\` at \`reason\`)` }),
}).strict().superRefine((b, ctx) => {
  // A correction names its person; a source refresh concerns everyone and takes nothing else.
  if (b.refresh) {
    for (const k of ['subject', 'input', 'decision'] as const) {
      if (b[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: render(A.refreshAlone(), 'en') });
    }
  } else if (b.subject === undefined) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'Invalid input: expected string, received undefined' });
}).openapi('AmendmentBody');

const Amendment = z.object({
  id: z.number().int(), round: z.string(),
  subject: z.string().nullable().openapi({ description: 'the person amended; null for a source refresh (everyone)' }),
  kind: z.enum(['input', 'decision', 'refresh']).openapi({ description: '`input`: corrected inputs; `decision`: a committee decision; `refresh`: a source refresh' }),
  input: z.record(z.string(), z.unknown()).optional(), decision: DecisionSchema.optional(),
  reason: z.string(), revision: z.number().int().openapi({ description: 'the revision it made' }),
  by: z.string().openapi({ description: 'the token that recorded it' }),
  account: z.string().nullable().openapi({ description: 'the approving account' }),
  byName: z.string().nullable().openapi({ description: "the token's name (`kaohe token create --name`) when it is a bearer token; null for a browser session or an unnamed token" }),
  byKind: ByKindSchema.openapi({ description: 'the kind of token that recorded it' }),
  at: z.string(),
}).openapi('Amendment');

const Standing = z.object({ score: z.number(), grade: z.string().nullable(), rank: RankSchema });

const Change = z.object({
  subject: z.string(), before: Standing, after: Standing,
  actions: z.object({ gained: z.array(z.string()), lost: z.array(z.string()) })
    .openapi({ description: 'the actions (措施: 记三等功, 辞退…) they have now and had not, and had and have no longer' }),
  why: z.array(z.enum(['amended', 'source', 'quota', 'rank', 'cohort'])).openapi({
    description: '`amended`: their own input or decision changed; `source`: the stored results their `results of` / `past` inputs read were corrected (a source refresh re-read them); `quota`: they crossed a quota line (entered it, or left it); `rank`: only the rank moved; `cohort`: their score, grade or actions follow the cohort (a cohort aggregate)',
  }),
  reason: z.string().openapi({ description: "the reasons in words, in the reader's language" }),
}).openapi('ResultChange');

const Amended = z.object({
  round: z.object({ id: z.string(), status: z.enum(ROUND_STATUSES), revision: z.number().int() }),
  revision: z.number().int(),
  amendment: Amendment,
  changes: z.array(Change).openapi({ description: 'everyone whose score, grade, rank or actions differ from the previous revision' }),
  republish: z.boolean().optional().openapi({ description: 'true: the round is in 公示 and results changed — restart 公示 (publicize again with a new end date; the end date is not moved automatically)' }),
  notice: z.string().optional().openapi({ description: 'the republish advice in words' }),
}).openapi('Amended');

const RevisionParams = RoundParams.extend({
  n: z.string().regex(/^[1-9][0-9]{0,8}$/).openapi({ param: { name: 'n', in: 'path' }, example: '2' }),
});

const StoredRevision = z.object({
  round: z.string(), n: z.number().int(), createdAt: z.string(),
  by: z.string(), account: z.string().nullable(),
  why: z.enum(['evaluate', 'amendment', 'refresh']), amendment: Amendment.nullable(),
  sources: z.array(z.object({ roundId: z.string(), revision: z.number().int() })).openapi({ description: 'the rounds and revisions it rolled up' }),
  inputs: z.object({ subjects: z.array(z.record(z.string(), z.unknown())) }).openapi({ description: 'what was evaluated: each person\'s merged input, decision, display and status' }),
  result: CohortResultSchema,
  exact: z.record(z.string(), z.unknown()).openapi({ description: 'per person: score, base, rewards, deductions as exact fractions ("1769/20")' }),
}).openapi('StoredRevision');

export const postAmendment = createRoute({
  method: 'post', path: '/rounds/{id}/amendments', tags, security, middleware: [requireRole('author')],
  summary: 'Record an amendment (复核, 申诉): a corrected input or a committee decision, re-evaluated as a new revision',
  description: 'While the round is `evaluated` or in 公示, or `final` within `appealDays` of finalizing (else 409 `round_not_evaluated` / `appeal_closed`). A final round stays final; its results follow the new revision, and rounds that rolled it up are flagged `outOfDate`. Values identical to the person\'s current ones are refused (422 `nothing_amended` at `input.FIELD` / `decision`). `{refresh: true, reason}` instead makes a source refresh of an out-of-date round: every person\'s `results of` / `past` values are read again (an amendment re-reads only the amended person\'s). Nothing is stored on any error.',
  request: { params: RoundParams, body: jsonBody(AmendmentBody) },
  responses: { 201: json(Amended, 'the new revision and who changed'), ...commonErrors, ...notFoundError, ...conflictError, ...unprocessableError },
});

export const getAmendments = createRoute({
  method: 'get', path: '/rounds/{id}/amendments', tags, security,
  summary: "A round's amendments, oldest first",
  request: { params: RoundParams },
  responses: { 200: json(z.object({ amendments: z.array(Amendment) }), 'the amendments'), ...commonErrors, ...notFoundError },
});

export const getRevision = createRoute({
  method: 'get', path: '/rounds/{id}/revisions/{n}', tags, security,
  summary: 'One stored revision of a round: what it evaluated, its result and exact values, who made it and why',
  request: { params: RevisionParams },
  responses: { 200: json(StoredRevision, 'the revision (a unit officer sees only their units\' people)'), ...commonErrors, ...notFoundError },
});

async function revisionView(ctx: ServerCtx, p: Principal, id: string, n: number) {
  const round = await roundOf(ctx, p, id);
  const rev = await store.getRevision(ctx.store, id, n);
  if (!rev) throw notFound(A.revisionNotFound({ id, n }));
  const info = (await store.revisionList(ctx.store, id)).find((r) => r.n === n)!;
  const amendment = rev.amendmentId === null ? null : (await listAmendments(ctx, p, id)).find((a) => a.id === rev.amendmentId) ?? null;
  // Three blobs of tens of MB for a large round: spliced in as stored (raw-json.ts), parsed only to
  // leave out people — a unit officer sees only their units' (the roster's unit, else the round's).
  let inputs: unknown = new RawJson(rev.inputs), result: unknown = new RawJson(rev.result), exact: unknown = new RawJson(rev.exact);
  if (p.units !== null) {
    const sees = seesMember(p, await store.members(ctx.store, id), round.unit);
    const all = JSON.parse(rev.inputs) as { subjects: { id: string }[] };
    inputs = { ...all, subjects: all.subjects.filter((s) => sees(s.id)) };
    result = scopeResult(JSON.parse(rev.result) as z.infer<typeof CohortResultSchema>, sees);
    exact = scopeExact(JSON.parse(rev.exact) as Record<string, unknown>, sees);
  }
  return {
    round: id, n, createdAt: rev.createdAt, by: info.by, account: info.account,
    why: rev.amendmentId === null ? 'evaluate' as const : amendment?.kind === 'refresh' ? 'refresh' as const : 'amendment' as const, amendment,
    sources: parseSources(rev.sources).rounds, inputs, result, exact,
  };
}

export function amendRouter(ctx: ServerCtx) {
  const app = newRouter();

  app.openapi(postAmendment, async (c) => {
    const lang = localized(c);
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    // A number a double does not carry is refused, never rounded (inexact-numbers.ts).
    parsedExactly<{ input?: unknown }>(await c.req.text(), (b) => [['input', b.input]]);
    const done = body.refresh
      ? await refreshSources(ctx, c.get('principal'), id, { refresh: true, reason: body.reason }, lang)
      : await amend(ctx, c.get('principal'), id, { ...body, subject: body.subject! }, lang);
    return c.json(done, 201);
  });

  app.openapi(getAmendments, async (c) => c.json({ amendments: await listAmendments(ctx, c.get('principal'), c.req.valid('param').id) }, 200));

  app.openapi(getRevision, async (c) => {
    const { id, n } = c.req.valid('param');
    const text = stringifyWithRaw(await revisionView(ctx, c.get('principal'), id, Number(n)));
    return c.body(text, 200, { 'Content-Type': 'application/json' }) as unknown as ReturnType<typeof c.json<z.infer<typeof StoredRevision>, 200>>;
  });

  return app;
}
