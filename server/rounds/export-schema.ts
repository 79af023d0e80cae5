// The document `GET /api/rounds/:id/export` answers (issue 14 item 7): one round as a self-contained
// JSON file — what it is (scheme version and hash, period, status, revision), who is in it, the
// inputs the current revision ran on (merged, filled by the server, and committee decisions), its
// result, and the parts submitted since (`pending`). `kaohe whatif --against ROUND.json` (issue 15)
// reads this form, so it is plain zod (no server imports): the CLI can validate a file with `RoundExportSchema.parse` without loading
// the server. The OpenAPI document shows the same schema (component `RoundExport`).

import { z } from 'zod';
import { CohortResultSchema } from '../../engine/result-schema.js';
import { ROUND_STATUSES } from './status.js';

export const ROUND_EXPORT_FORMAT = 'kaohe.round-export/1';

const Json = z.unknown();

export const RoundExportMemberSchema = z.object({
  id: z.string(),
  unit: z.string().nullable(),
  status: z.enum(['take', 'absent', 'ungraded']).meta({ description: '`take` (参加), `absent` (不参加: not evaluated), `ungraded` (不定等次: evaluated, no grade)' }),
  countsInBase: z.boolean().meta({ description: 'whether the member counts toward quota bases' }),
  display: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
}).strict().meta({ id: 'RoundExportMember' });

export const RoundExportInputSchema = z.object({
  subject: z.string(),
  input: z.record(z.string(), Json).meta({ description: 'per top-level field, the value: in `inputs` what the current revision ran on (with the values the server filled — `results of`, `past`, the `cohort by` unit from the roster); in `pending` the newest parts submitted since' }),
  decision: z.object({ grade: z.string().optional(), order: z.number().optional(), reason: z.string() }).nullable()
    .meta({ description: 'the committee decision (in `inputs`: the one the revision ran on; in `pending`: one submitted since), or null' }),
}).strict().meta({ id: 'RoundExportInput' });

export const RoundExportSchema = z.object({
  format: z.literal(ROUND_EXPORT_FORMAT),
  exportedAt: z.string(),
  round: z.object({
    id: z.string(),
    name: z.string().nullable(),
    status: z.enum(ROUND_STATUSES),
    period: z.string(),
    unit: z.string().nullable(),
    revision: z.number().int().meta({ description: 'the current revision (0: never evaluated)' }),
    outOfDate: z.boolean(),
    publicityUntil: z.string().nullable(),
    finalizedAt: z.string().nullable(),
  }).strict(),
  scheme: z.object({ id: z.string(), version: z.number().int(), hash: z.string() }).strict(),
  members: z.array(RoundExportMemberSchema).meta({ description: 'the roster, in roster order' }),
  inputs: z.array(RoundExportInputSchema).meta({ description: "the inputs the current revision ran on (its `inputs`), one entry per person it evaluated, in its order; empty before the first evaluation — so `inputs` and `result` always agree" }),
  pending: z.array(RoundExportInputSchema).meta({ description: 'per member in roster order, the newest parts submitted after the current revision (all before the first): not in `result` until the round is evaluated again' }),
  result: CohortResultSchema.nullable().meta({ description: "the current revision's cohort result as stored (null before the first evaluation)" }),
  exact: z.record(z.string(), z.object({ score: z.string(), base: z.string(), rewards: z.string(), deductions: z.string() }).partial().passthrough()).nullable()
    .meta({ description: "the current revision's exact values per subject, as fraction text (`1769/20`)" }),
  scopedTo: z.array(z.string()).optional().meta({ description: "present when the caller's account covers only these units: members, inputs and results of other units are left out" }),
}).strict().meta({ id: 'RoundExport', description: 'a round as one document (the form `kaohe whatif --against` reads)' });

export type RoundExport = z.infer<typeof RoundExportSchema>;
