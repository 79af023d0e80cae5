// GET /api/rounds/:id/export (issue 14 item 7): the round as one JSON document (export-schema.ts).
// Read in one read transaction, so the roster, the parts and the revision belong together
// even while a write to the round commits. Stored JSON (input values, the result, the exact values)
// is spliced in as it was stored (raw-json.ts): a number beyond a double's precision stays as sent,
// and a 10,000-member result is not parsed and re-serialized — except for a unit officer, whose
// export leaves out other units' people (`scopedTo`; the cohort summaries, head counts only, stay).
// `?format=xlsx`: the current results as a workbook instead (results-export.ts, issue 16 U6 M-9).

import { createRoute, z } from '@hono/zod-openapi';
import { seesAllUnits, seesUnit } from '../accounts/scope.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { now } from '../store/types.js';
import type { Store } from '../store/types.js';
import { notFound } from '../errors.js';
import { commonErrors, conflictError, newRouter, notFoundError, security } from '../openapi.js';
import { XLSX_TYPE } from '../reports/paper-answer.js';
import { RawJson, stringifyWithRaw } from '../raw-json.js';
import { langParamSchema } from '../query-params.js';
import { ROUND_EXPORT_FORMAT, RoundExportSchema } from './export-schema.js';
import { R } from './messages.js';
import { RoundParams } from './schemas.js';
import { scopeExact, scopeResult } from './scope-result.js';
import { DECISION_FIELD } from './store.js';
import { resultsXlsx, wantsResultsXlsx } from './results-export.js';
import type { CohortResult } from '../../engine/api.js';

const ExportQuery = z.object({
  format: z.enum(['json', 'xlsx']).optional().openapi({ param: { name: 'format', in: 'query' }, description: '`xlsx`: the current results as a workbook (as `Accept: ' + XLSX_TYPE + '`)' }),
  lang: langParamSchema('the workbook\'s language, `zh` when absent'),
});

export const exportRoundRoute = createRoute({
  method: 'get', path: '/rounds/{id}/export', tags: ['rounds'], security,
  summary: 'The round as one JSON document: round, scheme version, roster, the inputs and decisions the current revision ran on, its result, parts submitted since',
  description: 'The form `kaohe whatif --against ROUND.json` reads (server/README.md "Round export"). With `?format=xlsx` (or `Accept: ' + XLSX_TYPE + '`) the current results as a workbook instead: one row per person — 序号, 编号, the roster\'s display fields, 单位, the inputs, each indicator and group, 总分, 等次, 等次依据… (the sheet `kaohe eval --out x.xlsx` writes) — and the grade distribution; headings in zh, `lang=en` for en. 409 `round_not_evaluated` before the first evaluation; a unit officer gets their units\' people only (403 `unit_not_allowed` when none is in the round).',
  request: { params: RoundParams, query: ExportQuery },
  responses: {
    200: {
      description: 'the round',
      content: { 'application/json': { schema: RoundExportSchema }, [XLSX_TYPE]: { schema: { type: 'string' as const, format: 'binary' } } },
    },
    ...commonErrors, ...notFoundError, ...conflictError,
  },
});

interface RoundRow {
  id: string; name: string | null; status: 'open' | 'evaluated' | 'publicity' | 'final'; period: string; unit: string | null;
  revision: number; outOfDate: number; publicityUntil: string | null; finalizedAt: string | null;
  scheme: string; version: number; hash: string;
}
interface MemberRow { id: string; unit: string | null; status: 'take' | 'absent' | 'ungraded'; countsInBase: number; display: string | null }
interface PartRow { subject: string; field: string; value: string }

const EXPORT_ROUND = `select r.id, r.name, r.status, r.period, r.unit, r.revision, r.out_of_date as "outOfDate", r.publicity_until as "publicityUntil",
    r.finalized_at as "finalizedAt", s.name as scheme, v.n as version, v.hash
  from rounds r join schemes s on s.id = r.scheme_id join scheme_versions v on v.id = r.version_id
  where r.id = ? and r.org_id = ?`;
const EXPORT_MEMBERS = `select subject_id as id, unit, status, counts_in_base as "countsInBase", display
  from round_members where round_id = ? order by position`;
const EXPORT_REVISION = 'select inputs, result, exact, created_at as "createdAt" from revisions where round_id = ? and n = ?';
// The newest row per (subject, field) — the highest id (input_parts ids only grow) — submitted after
// the current revision (every one before the first): not in its result yet (`pending`). An
// amendment's part is written in its revision's transaction, before the revision's time.
const EXPORT_PARTS = `select subject_id as subject, field, value from input_parts
  where id in (select max(id) from input_parts where round_id = ? group by subject_id, field) and at > ?
  order by id`;

/** The export of round `id` of the caller's organization, as JSON text. */
export async function exportRound(store: Store, p: Principal, id: string): Promise<string> {
  // Only the reads in the transaction; the document is made after it ended.
  const read = await store.tx(async (tx) => {
    const round = await tx.get<RoundRow>(EXPORT_ROUND, [id, p.orgId]);
    if (!round) throw notFound(R.roundNotFound({ id }));
    const all = await tx.all<MemberRow>(EXPORT_MEMBERS, [id]);
    const revision = round.revision > 0
      ? await tx.get<{ inputs: string; result: string; exact: string; createdAt: string }>(EXPORT_REVISION, [id, round.revision])
      : undefined;
    const parts = await tx.all<PartRow>(EXPORT_PARTS, [id, revision?.createdAt ?? '']);
    return { round, all, revision, parts };
  }, { write: false });
  return exportDocument(p, read);
}

/** The document of what exportRound read. */
function exportDocument(p: Principal, { round, all, revision, parts }: {
  round: RoundRow; all: MemberRow[]; revision?: { inputs: string; result: string; exact: string }; parts: PartRow[];
}): string {
  // A member without a unit belongs to the round's unit (as GET /api/rounds/:id and the revisions).
  const members = all.filter((m) => seesUnit(p, m.unit ?? round.unit));
  const scoped = !seesAllUnits(p);
  const visible = new Set(members.map((m) => m.id));
  const doc = {
    format: ROUND_EXPORT_FORMAT,
    exportedAt: now(),
    round: {
      id: round.id, name: round.name, status: round.status, period: round.period, unit: round.unit, revision: round.revision,
      outOfDate: round.outOfDate === 1, publicityUntil: round.publicityUntil, finalizedAt: round.finalizedAt,
    },
    scheme: { id: round.scheme, version: round.version, hash: round.hash },
    members: members.map((m) => ({
      id: m.id, unit: m.unit, status: m.status, countsInBase: m.countsInBase === 1, display: m.display === null ? null : new RawJson(m.display),
    })),
    inputs: revision ? revisionInputs(revision.inputs, scoped ? visible : undefined) : [],
    pending: mergedInputs(members.map((m) => m.id), parts.filter((x) => visible.has(x.subject))),
    result: revision ? (scoped ? scopedResult(revision.result, visible) : new RawJson(revision.result)) : null,
    exact: revision ? (scoped ? scopedExact(revision.exact, visible) : new RawJson(revision.exact)) : null,
    ...(scoped && { scopedTo: [...(p.units ?? [])] }),
  };
  return stringifyWithRaw(doc);
}

/** What the current revision ran on, per person in its order: the merged input with the values the
 * server filled (roll-ups, history, the `cohort by` unit), and the decision. */
function revisionInputs(text: string, visible?: Set<string>) {
  const stored = JSON.parse(text) as { subjects: { id: string; input: Record<string, unknown>; decision?: unknown }[] };
  return stored.subjects.filter((x) => !visible || visible.has(x.id)).map((x) => ({ subject: x.id, input: x.input, decision: x.decision ?? null }));
}

/** Per member in roster order: the newest value of each field, and the newest decision. */
function mergedInputs(order: string[], parts: PartRow[]) {
  const by = new Map<string, { input: Record<string, RawJson>; decision: RawJson | null }>();
  for (const x of parts) {
    let entry = by.get(x.subject);
    if (!entry) by.set(x.subject, (entry = { input: {}, decision: null }));
    if (x.field === DECISION_FIELD) entry.decision = new RawJson(x.value);
    else entry.input[x.field] = new RawJson(x.value);
  }
  return order.filter((s) => by.has(s)).map((s) => ({ subject: s, ...by.get(s)! }));
}

const scopedResult = (text: string, visible: Set<string>): unknown => scopeResult(JSON.parse(text) as CohortResult, (s) => visible.has(s));

const scopedExact = (text: string, visible: Set<string>): unknown => scopeExact(JSON.parse(text) as Record<string, unknown>, (s) => visible.has(s));

export function roundExportRouter(ctx: ServerCtx) {
  const app = newRouter();
  app.openapi(exportRoundRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { format, lang } = c.req.valid('query');
    if (wantsResultsXlsx(c, format)) {
      return (await resultsXlsx(c, ctx, id, lang)) as unknown as ReturnType<typeof c.json<z.infer<typeof RoundExportSchema>, 200>>;
    }
    const text = await exportRound(ctx.store, c.get('principal'), id);
    return c.body(text, 200, { 'Content-Type': 'application/json' }) as unknown as ReturnType<typeof c.json<z.infer<typeof RoundExportSchema>, 200>>;
  });
  return app;
}
