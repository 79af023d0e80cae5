// POST /api/whatif (issue 15, design §2): a round's current inputs under another version of its
// scheme — a published version, the open draft, or a text from the editor — compared with the stored
// result (simulate/). Who may: authors of the round's organization (another organization's round is
// 404), not unit officers (403: a what-if re-evaluates and shows everyone). What is simulated must
// prepare without errors and pass its examples, as at publish (422 with the localized diagnostics or
// the failing examples); a text naming another scheme is refused (422 `scheme_mismatch`, naming
// both); a round never evaluated has nothing to compare with (409). The evaluation
// runs within the same CPU budget as a round's (evaluations/budget.ts, 503 `budget_exceeded`), in a
// language worker (job.ts): never on the event loop.
// Nothing is stored.

import type { Locale, Msg } from '../../dsl/i18n/index.js';
import type { WhatIf } from '../../simulate/index.js';
import { W } from '../../simulate/messages.js';
import { seesAllUnits } from '../accounts/scope.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { ApiError, conflict, MAX_DETAILS, notFound, said } from '../errors.js';
import { uncarried } from '../lang-pool/carried.js';
import { diagnosticDetails, isError } from '../lang-pool/jobs.js';
import { limitSource, withOmitted } from '../limits.js';
import { M } from '../messages.js';
import { sourceHash } from '../prepared.js';
import { label, roundOf } from '../rounds/round-common.js';
import { invalidScheme } from '../version-errors.js';
import * as schemes from '../schemes/store.js';
import { againstParts } from './against.js';
import { whatIfBudgetMs } from './job.js';
import { WA } from './messages.js';

export interface WhatIfRequest {
  round: string; version?: number | 'draft'; source?: string; limit?: number; cursor?: string; subject?: string;
}

/** The text to simulate and what it is called in messages and line references. */
interface Simulated { text: string; hash: string; published: boolean; n?: number }

async function simulated(ctx: ServerCtx, schemeId: number, schemeName: string, req: WhatIfRequest): Promise<Simulated> {
  if (req.source !== undefined) {
    limitSource(req.source, ctx.limits.maxSourceBytes);
    return { text: req.source, hash: sourceHash(req.source), published: false };
  }
  const row = req.version === 'draft' ? await schemes.latestVersion(ctx.store, schemeId, 'draft') : await schemes.getVersion(ctx.store, schemeId, req.version!);
  if (!row) throw notFound(req.version === 'draft' ? WA.noDraft({ id: schemeName }) : M.versionNotFound({ n: req.version as number, id: schemeName }));
  return { text: row.source, hash: row.hash, published: row.status === 'published', n: row.n };
}

/** The publish gate's checks of a version not published; what its errors are called. */
async function gated(ctx: ServerCtx, s: Simulated, owner: number): Promise<Msg> {
  const title = s.n === undefined ? WA.sourceHasErrors() : s.published ? M.versionHasErrors({ n: s.n }) : M.draftHasErrors({ n: s.n });
  if (!s.published) {
    // In a language worker within its budget, like the publish gate: the text may be anything.
    const ran = await ctx.language({ kind: 'examples', source: s.text, owner });
    if (!ran.examples) throw invalidScheme(title, withOmitted(ran.diagnostics.filter(isError), ran.omitted));
    if (ran.failing > 0) {
      const listed = ran.examples.filter((e) => !e.passed);
      const total = ran.examples.length + ran.examplesOmitted;
      throw new ApiError(422, 'failing_examples', M.failingExamples({ failing: ran.failing, total }), withOmitted(listed, ran.failing - listed.length));
    }
  }
  return title;
}

const ON_ROSTER = 'SELECT 1 AS one FROM round_members WHERE round_id = ? AND subject_id = ?';

export async function runWhatIf(ctx: ServerCtx, p: Principal, req: WhatIfRequest, lang: Locale): Promise<WhatIf> {
  const round = await roundOf(ctx, p, req.round);
  if (!seesAllUnits(p)) throw new ApiError(403, 'unit_not_allowed', WA.allUnitsOnly());
  if (round.revision === 0) throw conflict('round_not_evaluated', W.notEvaluated({ id: label(round) }));
  // One person's change of someone not on the roster would be an empty list, as of someone unchanged.
  if (req.subject !== undefined && !(await ctx.store.get(ON_ROSTER, [round.id, req.subject]))) {
    throw notFound(WA.notOnRoster({ subject: req.subject, id: label(round) }));
  }
  const name = await schemes.schemeNameOf(ctx.store, round.schemeId);
  const s = await simulated(ctx, round.schemeId, name, req);
  const title = await gated(ctx, s, p.orgId);
  // Prepared, run on the round's inputs (as its export shows them: what the current revision ran
  // on, and its result) and compared in a language worker, off the event loop (job.ts, against.ts).
  const against = await againstParts(ctx.store, round);
  const before = await schemes.versionSource(ctx.store, round.versionId);
  const ran = await ctx.language({
    kind: 'whatif', owner: p.orgId, source: s.text, against, before, scheme: name,
    lang, maxErrors: MAX_DETAILS - 1, limits: ctx.limits,
    ...(req.limit !== undefined && { limit: req.limit }), ...(req.cursor !== undefined && { cursor: req.cursor }),
    ...(req.subject !== undefined && { subject: req.subject }), ...(s.n !== undefined && { version: s.n }),
  }, whatIfBudgetMs(ctx));
  if ('invalid' in ran) throw invalidScheme(title, diagnosticDetails(ran.invalid));
  // A text naming another scheme is not a version of this one (saving it would be refused as
  // `scheme_renamed`): its indicators and inputs need not match the round's at all.
  if ('mismatch' in ran) throw new ApiError(422, 'scheme_mismatch', WA.otherScheme({ round: name, given: ran.mismatch }));
  const out = uncarried('error' in ran ? ran : { value: ran.outcome });
  if (out.ok) return out.value;
  if (out.reason === 'not_evaluated') throw conflict('round_not_evaluated', W.notEvaluated({ id: label(round) }));
  if (out.reason === 'bad_cursor') {
    const msg = W.badCursor({ cursor: req.cursor ?? '', max: out.max });
    throw new ApiError(422, 'invalid_cursor', msg, [{ path: 'cursor', code: 'invalid_cursor', ...said(msg) }]);
  }
  throw new ApiError(422, 'invalid_input', WA.invalidInputs(), out.errors.map((e) => ({
    code: e.code, ...(e.subject !== undefined && { subject: e.subject }), path: e.path ?? '', message: e.message, ...(e.msg && { msg: e.msg }),
    ...(e.expected !== undefined && { expected: e.expected }), ...(e.found !== undefined && { found: e.found }),
  })));
}
