// Request and response shapes of GET /api/statistics (zod, with OpenAPI names). The answer mirrors
// analytics/types.ts `Statistics` field for field (a compile-time check below keeps them in step);
// numbers that are not counts are decimal text (`"87.3425"`), never floats.

import { z } from '@hono/zod-openapi';
import { MOVES_LIMIT } from '../../analytics/tables.js';
import type { Statistics } from '../../analytics/types.js';
import { limitParam, queryParam as q } from '../pagination.js';
import { langParamSchema } from '../query-params.js';

const text = (name: string, description: string) => z.string().trim().min(1).max(200).optional().openapi(q(name, description));

export const StatisticsQuery = z.object({
  scheme: text('scheme', 'the scheme (its id, the name in its source); optional with `round`'),
  period: text('period', 'one period in the scheme\'s form (`2026`, `2026-Q1`, `2026-03`): its final rounds'),
  from: text('from', 'a span\'s first period (with `to`; at most 12 periods): the final rounds of each'),
  to: text('to', 'a span\'s last period (with `from`)'),
  round: text('round', 'one round of any status that has been evaluated (its newest revision)'),
  unit: text('unit', 'only this unit: every table covers its people only'),
  by: z.enum(['unit', 'indicator']).optional().openapi(q('by', '`unit`: per-unit rows for the score, indicators and groups, and per-unit trend lines; `indicator` (default): overall rows (distributions, items and actions are always per unit)')),
  format: z.enum(['json', 'xlsx']).optional().openapi(q('format', '`xlsx`: the tables as a workbook (as `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`)')),
  cursor: z.string().max(400).optional().openapi(q('cursor', 'the next page of grade moves: a period\'s `change.moves.next`, as it was given')),
  limit: limitParam(MOVES_LIMIT.default, 'grade moves'),
  lang: langParamSchema('the language of error messages and of the words in the answer (the total score\'s label), without it Accept-Language decides, else English, as everywhere in the API; the workbook\'s headings are zh unless `lang=en`'),
});

const Dec = z.string().openapi({ description: 'a decimal number as text', example: '87.3425' });
const ShareSchema = z.object({ count: z.number().int(), base: z.number().int(), percent: Dec }).openapi('Share');
const NodeFactSchema = z.object({ name: z.string(), label: z.string(), group: z.string().nullable() }).openapi('NodeFact');
const ItemFactSchema = z.object({ kind: z.enum(['negative', 'reward']), list: z.string(), item: z.string(), label: z.string().nullable() }).openapi('ItemFact');
const ActionFactSchema = z.object({ name: z.string(), label: z.string() }).openapi('ActionFact');
const QuotaRowSchema = z.object({
  grade: z.string(),
  scope: z.enum(['cohort', 'overall']).openapi({ description: '`cohort`: the quota applies within each cohort (the groups of the scheme\'s `cohort by` field, usually the unit); `overall`: once over everyone of the round' }),
  limit: z.number().int(), base: z.number().int(), admitted: z.number().int(),
  normal: z.number().int().nullable(),
  cohorts: z.number().int().openapi({ description: 'how many cohorts\' quota decisions are summed into this row (1 for a unit that is one cohort)' }),
}).openapi('QuotaRow');
const DistributionRowSchema = z.object({
  unit: z.string().nullable().openapi({ description: 'null: everyone in scope' }), size: z.number().int(),
  grades: z.array(ShareSchema.extend({ grade: z.string() })), none: ShareSchema, quotas: z.array(QuotaRowSchema),
}).openapi('DistributionRow');
const StatRowSchema = z.object({
  unit: z.string().nullable(), n: z.number().int(),
  mean: z.object({ text: Dec, exact: z.string().openapi({ example: '1747/20' }) }),
  min: Dec, q1: Dec, median: Dec, q3: Dec, max: Dec,
  below: ShareSchema.optional().openapi({ description: 'indicators of a scheme with `improve`: the people whose `improve` lists it' }),
}).openapi('StatRow');
const NodeStatsSchema = z.object({
  kind: z.enum(['score', 'indicator', 'group']), name: z.string(), label: z.string(), group: z.string().nullable(),
  overall: StatRowSchema.nullable(), units: z.array(StatRowSchema),
}).openapi('NodeStats');
const unitShares = z.array(ShareSchema.extend({ unit: z.string() }));
const ItemStatsSchema = ItemFactSchema.extend({ overall: ShareSchema, units: unitShares }).openapi('ItemStats');
const ActionStatsSchema = ActionFactSchema.extend({ overall: ShareSchema, units: unitShares }).openapi('ActionStats');
const MoveSchema = z.object({
  subject: z.string(), name: z.string().nullable(), unit: z.string(), before: z.string(), after: z.string(), direction: z.enum(['up', 'down']),
}).openapi('GradeMove');
const ChangeSchema = z.object({
  from: z.string(), to: z.string(), top: z.string(),
  people: z.object({
    up: z.number().int(), down: z.number().int(), same: z.number().int(), lostGrade: z.number().int(), gainedGrade: z.number().int(),
    new: z.number().int(), gone: z.number().int(),
  }),
  units: z.array(z.object({ unit: z.string(), before: ShareSchema.nullable(), after: ShareSchema.nullable(), delta: Dec.nullable() })),
  moves: z.object({ total: z.number().int(), items: z.array(MoveSchema), next: z.string().nullable().openapi({ description: 'the `cursor` of the next page of moves' }) }),
}).openapi('PeriodChange');
const RoundRefSchema = z.object({ id: z.string(), name: z.string(), status: z.string(), revision: z.number().int() }).openapi('StatisticsRound');
const PeriodStatsSchema = z.object({
  period: z.string(), rounds: z.array(RoundRefSchema), units: z.array(z.string()),
  precision: z.number().int().openapi({ description: 'decimal places of this period\'s reported scores' }),
  distribution: z.object({ overall: DistributionRowSchema, units: z.array(DistributionRowSchema) }),
  score: NodeStatsSchema, indicators: z.array(NodeStatsSchema), groups: z.array(NodeStatsSchema),
  items: z.array(ItemStatsSchema), actions: z.array(ActionStatsSchema), change: ChangeSchema.nullable(),
}).openapi('PeriodStatistics');
const TrendSchema = z.object({
  unit: z.string().nullable(),
  points: z.array(z.object({ period: z.string(), n: z.number().int(), mean: Dec.nullable(), top: ShareSchema.nullable() })),
}).openapi('TrendLine');

export const StatisticsSchema = z.object({
  scheme: z.object({ id: z.string(), label: z.string().nullable() }), precision: z.number().int(), grades: z.array(z.string()),
  indicators: z.array(NodeFactSchema), groups: z.array(NodeFactSchema), items: z.array(ItemFactSchema), actions: z.array(ActionFactSchema),
  unit: z.string().nullable(), by: z.enum(['unit', 'indicator']), periods: z.array(PeriodStatsSchema), trend: z.array(TrendSchema),
  scopedTo: z.array(z.string()).optional().openapi({ description: 'a unit officer\'s units: every table covers only their people' }),
}).openapi('Statistics');

// The OpenAPI shape says what the analytics core answers (a mismatch is a compile error here).
type Answer = z.infer<typeof StatisticsSchema>;
export const sameShape = (s: Statistics): Answer => s;
