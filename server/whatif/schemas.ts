// The request and answer of POST /api/whatif as OpenAPI schemas: the answer mirrors simulate/types.ts
// `WhatIf` (a test validates a real answer against it, test/server/whatif-api.test.ts).

import { z } from '@hono/zod-openapi';
import { EffectSchema, QuotaNoteSchema, RankSchema } from '../../engine/result-schema.js';
import { MAX_LIMIT } from '../../simulate/index.js';
import { ownWords } from '../zod-issues.js';
import { WA } from './messages.js';

export const WhatIfBody = z.object({
  round: z.string().min(1).max(200).openapi({ description: 'the round whose current revision\'s inputs are run (of the caller\'s organization; evaluated at least once)', example: 'r-2026' }),
  version: z.union([z.number().int().min(1), z.literal('draft')]).optional()
    .openapi({ description: 'a version of the round\'s scheme to simulate: its number, or `draft` (the open draft). Exactly one of `version` and `source`' }),
  source: z.string().optional().openapi({ description: 'a scheme text to simulate (the editor\'s text); checked like a draft at publish: no errors, every example passing' }),
  lang: z.enum(['zh', 'en']).optional().openapi({ description: 'the language of the words (default: the request\'s, `?lang=` or Accept-Language)' }),
  limit: z.number().int().min(1).max(MAX_LIMIT).optional().openapi({ description: `changed people per page (default 100, at most ${MAX_LIMIT})` }),
  // Its form is checked here, before anything runs (hostile F10); a number past the end of the list
  // is found only by the comparison (422 `invalid_cursor`).
  cursor: z.string().regex(/^[0-9]{1,9}$/, ownWords(WA.cursorForm())).optional().openapi({ description: 'from a previous page: `next` (a whole number)' }),
  subject: z.string().min(1).max(200).optional().openapi({ description: 'only this person\'s change (the detail of one row)' }),
}).strict().superRefine((b, ctx) => {
  if ((b.version === undefined) === (b.source === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['version'], message: ownWords(WA.versionOrSource()) });
  }
}).openapi('WhatIfRequest');

const RuleKindSchema = z.enum(['indicator', 'group', 'let', 'adjust', 'function', 'table', 'enum', 'panel', 'scale', 'input', 'list', 'item', 'grade', 'grades', 'action', 'bonus', 'improve', 'setting'])
  .openapi({ description: '`item`: a negative or reward item, named `LIST.ITEM`; `list`: the list\'s own line (its `max`); `grade`: one grade line with its conditions and quotas; `grades`: the block\'s tiebreak and committee; `setting`: precision, total, cohort by… by key' });

const RuleSide = z.object({
  line: z.number().int(), endLine: z.number().int(),
  text: z.string().openapi({ description: 'the declaration as canonical text (dsl/format), in the source\'s keyword language' }),
});

export const RuleChangeSchema = z.object({
  kind: RuleKindSchema, name: z.string(), change: z.enum(['changed', 'added', 'removed']),
  before: RuleSide.optional().openapi({ description: 'in the round\'s version (absent when added)' }),
  after: RuleSide.optional().openapi({ description: 'in the version simulated (absent when removed)' }),
  title: z.string().optional().openapi({ description: 'the declaration in words by its labels, in the request\'s language: “纪律和作风负面清单”中的“迟到早退”事项, “优秀”等次条件' }),
}).openapi('WhatIfRuleChange');

const Standing = z.object({ score: z.number(), grade: z.string().nullable(), rank: RankSchema, bonus: z.number().nullable(), actions: z.array(z.string()) });
const NodeSide = z.object({ label: z.string(), weight: z.number(), score: z.number(), points: z.number() });
const NodeRow = z.object({ name: z.string(), before: NodeSide.optional(), after: NodeSide.optional() });
const ItemSide = z.object({
  at: z.string().optional(), line: z.number().int().optional(), label: z.string().optional(),
  effects: z.array(EffectSchema).optional(), add: z.number().optional(),
});
const ItemRow = z.object({ kind: z.enum(['negative', 'reward']), list: z.string(), item: z.string(), before: ItemSide.optional(), after: ItemSide.optional() });

export const PersonChangeSchema = z.object({
  subject: z.string(), name: z.string().optional().openapi({ description: '`姓名`/`name` from the roster' }), unit: z.string(),
  before: Standing, after: Standing,
  direction: z.enum(['up', 'down', 'same']).openapi({ description: 'by the grade order: `up` = a better grade after' }),
  why: z.array(z.enum(['rules', 'quota', 'rank', 'cohort'])).openapi({
    description: '`rules`: their own rows came out differently under the changed rules; `quota`: they crossed a quota line; `rank`: only their rank moved; `cohort`: their score moved although none of their rows did (a cohort aggregate)',
  }),
  reason: z.string().openapi({ description: 'the why in words (the request\'s language); scores at the scheme\'s precision (87.50), ranks said as 组内名次 (in the cohort) or 总名次 (overall), rules by their labels' }),
  indicators: z.array(NodeRow).openapi({ description: 'indicators whose label, weight, score or points differ' }),
  groups: z.array(NodeRow),
  items: z.array(ItemRow).openapi({ description: 'negative and reward items that fired on either side where the two differ; `line` in that side\'s source' }),
  gradeReasons: z.object({ before: z.array(z.string()), after: z.array(z.string()) })
    .openapi({ description: 'before: as stored (the language the round was evaluated in); after: in the request\'s language' }),
  quota: z.object({ before: QuotaNoteSchema.optional(), after: QuotaNoteSchema.optional(), note: z.string().nullable() }),
  rules: z.array(z.object({ kind: RuleKindSchema, name: z.string(), title: z.string().optional().openapi({ description: 'in words, short: “迟到早退”事项' }) }))
    .openapi({ description: 'the changed declarations that touched them (entries of `rules`)' }),
}).openapi('WhatIfChange');

const QuotaSide = z.object({ limit: z.number().int(), base: z.number().int(), admitted: z.number().int() });
const DistributionRow = z.object({
  unit: z.string().openapi({ description: 'the roster unit (else the cohort key); `""` overall' }),
  size: z.number().int(),
  before: z.record(z.string(), z.number().int()).openapi({ description: 'head count per grade and `none`' }),
  after: z.record(z.string(), z.number().int()),
  quotas: z.array(z.object({ grade: z.string(), scope: z.enum(['cohort', 'overall']), before: QuotaSide.optional(), after: QuotaSide.optional() }))
    .openapi({ description: 'each quota\'s limit, base and admitted count, summed over the cohorts of the row' }),
}).openapi('WhatIfDistribution');

export const WhatIfSchema = z.object({
  round: z.object({ id: z.string(), name: z.string().nullable(), period: z.string(), status: z.string(), revision: z.number().int() }),
  scheme: z.object({
    before: z.object({ id: z.string(), version: z.number().int(), label: z.string().nullable(), hash: z.string() }),
    after: z.object({ id: z.string(), version: z.number().int().nullable(), label: z.string().nullable(), hash: z.string() }),
  }).openapi({ description: '`version`: the version\'s number in the system (第 n 版; null after for a `source` text); `label`: the scheme\'s own `version` text (版本 "2026"), null without one' }),
  precision: z.number().int().openapi({ description: 'decimal places of scores (the simulated version\'s `precision`): show 87.50, not 87.5' }),
  grades: z.array(z.string()).openapi({ description: 'grade names best first, then `none`' }),
  summary: z.object({
    subjects: z.number().int(), changed: z.number().int(), scoreChanged: z.number().int(), gradeChanged: z.number().int(),
    rankOnly: z.number().int(), actionsChanged: z.number().int(), up: z.number().int(), down: z.number().int(),
  }).openapi({ description: 'over everyone (not paginated)' }),
  overall: DistributionRow,
  units: z.array(DistributionRow),
  rules: z.array(RuleChangeSchema).nullable().openapi({ description: 'the declarations that differ between the round\'s version and the one simulated' }),
  changes: z.array(PersonChangeSchema).openapi({ description: 'everyone whose score, rank, grade, bonus or actions differ (this page), in the round\'s order' }),
  next: z.string().optional().openapi({ description: 'the cursor of the next page; absent on the last' }),
}).openapi('WhatIf');
