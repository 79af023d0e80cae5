// The result of an evaluation (LANGUAGE.md §12) as a schema. The engine's result types are declared
// in result-types.ts and must be exactly the `z.infer` of these schemas (asserted at the end of this
// file: a compile error otherwise); the server's OpenAPI document shows the same schemas
// (server/evaluations/schemas.ts), and a test validates real engine output against them
// (test/engine/result-schema.test.ts), so a field added, renamed or dropped on one side fails on the other. Objects are strict: an unknown
// field is an error, not a pass-through. `.meta({ id })` names a component of the OpenAPI document
// (@hono/zod-openapi reads zod's own metadata).
//
// Words in a result (grade and quota reasons, a `linear` segment, the score formula) are in the
// language the caller asked for (`EvalOptions.lang`, default English); names are the scheme's own.

import { z } from 'zod';
import type * as R from './result-types.js';
import type { TraceValue } from './result-types.js';

const name = z.string();
const int = z.number().int();

/** Which scheme version produced the result. */
export const SchemeRefSchema = z.object({
  id: name,
  version: z.string().nullable().meta({ description: "the scheme's `version`, null when it has none" }),
  hash: z.string().meta({ description: 'sha256 of the source text, `sha256:…`' }),
}).strict().meta({ id: 'SchemeRef', description: 'the scheme version that produced the result' });

/** Display fields (姓名, 科室, 职务): carried from the input untouched, never evaluated. */
export const DisplaySchema = z.record(z.string(), z.string()).meta({
  id: 'Display',
  description: 'fields that only name the person (a roster\'s extra columns: 姓名, 科室…), as sent; never evaluated',
});

/** A committee decision (`grades by committee`, issue 13): in a request, and echoed in the result. */
export const DecisionSchema = z.object({
  grade: z.string().optional().meta({ description: 'the grade the committee decided: replaces the grade conditions (never a cap, veto or quota)' }),
  order: z.number().int().min(1).optional().meta({ description: "the subject's place in the committee's order (1 = first): a quota race key after the ranking key" }),
  reason: z.string().meta({ description: 'why, as the committee recorded it (required, 1 to 1,000 characters)' }),
}).strict().meta({ id: 'Decision', description: 'a committee decision: a grade and/or an order, with the reason' });

// ---- explanation values

const TRACE_ITEM = { anyOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }, { type: 'array', items: {} }], nullable: true };
/** A value in an explanation: numbers rounded to 6 digits, enum members and records as text. */
export const TraceValueSchema: z.ZodType<TraceValue> = z.lazy(() =>
  z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(TraceValueSchema)]),
).meta({
  id: 'TraceValue', description: 'a value: number (6 digits), text, true/false, null, or a list',
  // For the OpenAPI document. OpenAPI 3.0 has no null type: generated from the union, null became a
  // member `{nullable: true}` with no type, which client generators read as "anything"
  // (openapi-typescript: `unknown`, and the whole union with it). And a union that names itself
  // cannot be a TypeScript type (TS2502 in every generated client: openapi-typescript 7.13 still writes
  // `TraceValue: (… | components["schemas"]["TraceValue"][]) | null`, openapi-ts/openapi-typescript#1603;
  // test/package/trace-value-recursion.test.ts fails once it no longer does). So: one of four types or
  // null, a list's items described one level deep (their own lists' items left open): a client's type
  // is the library's TraceValue two levels deep and `unknown[]` below (user trial U7-7, README).
  anyOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }, { type: 'array', items: TRACE_ITEM }],
  nullable: true,
});

const values = z.record(z.string(), TraceValueSchema);

const RatingCategorySchema = z.object({
  name,
  ratings: int.meta({ description: 'how many ratings were given' }),
  used: z.array(TraceValueSchema).optional().meta({ description: 'the ratings averaged (after trimming)' }),
  trimmed: z.array(TraceValueSchema).optional().meta({ description: 'the ratings dropped: highest first, then lowest' }),
  mean: TraceValueSchema.optional(),
  weight: TraceValueSchema.optional().meta({ description: "the category's weight after renormalizing" }),
  missing: z.literal(true).optional(),
  // ---- panels with criteria (issue 12): `ratings` counts ballots, `mean` is the category's ballot mean
  criteria: z.array(z.object({
    name,
    ratings: int.meta({ description: 'how many ballots rate this criterion' }),
    used: z.array(TraceValueSchema).optional(), trimmed: z.array(TraceValueSchema).optional(), mean: TraceValueSchema.optional(),
    weight: TraceValueSchema.optional().meta({ description: "the category's share of this criterion's score" }),
    missing: z.literal(true).optional(),
  }).strict()).optional().meta({ description: 'with criteria: each criterion in this category' }),
  trimmedBallots: z.array(int).optional().meta({ description: 'with `per ballot`: the ballots dropped (positions from 1), highest first, then lowest' }),
}).strict().meta({ id: 'RatingCategory' });

/** What one scoring form did: the step records of §11's explanation. */
const formSteps = {
  bands: z.object({
    form: z.literal('bands'), value: TraceValueSchema,
    matched: z.string().meta({ description: 'the band that matched, as written, or `else`' }),
    band: int.optional().meta({ description: 'its position, from 1' }),
    score: TraceValueSchema,
  }),
  levels: z.object({
    form: z.literal('levels'), value: TraceValueSchema, matched: z.string().meta({ description: 'the member, or `else`' }), score: TraceValueSchema,
  }),
  linear: z.object({
    form: z.literal('linear'), value: TraceValueSchema,
    segment: z.string().meta({ description: 'the segment interpolated on, or the end clamped at (in the result\'s language)' }),
    score: TraceValueSchema,
  }),
  rate: z.object({
    form: z.literal('rate'), input: z.string().meta({ description: 'the ratings read (a data path)' }), panel: name,
    missing: z.enum(['renormalize', 'zero', 'error']), categories: z.array(RatingCategorySchema), score: TraceValueSchema,
    trim: z.enum(['criterion', 'ballot']).optional().meta({ description: 'with criteria: what trimming drops' }),
    criteria: z.array(z.object({ name, weight: TraceValueSchema, score: TraceValueSchema }).strict()).optional()
      .meta({ description: "with criteria: each criterion's weight and score (the panel's score is Σ weight × score)" }),
  }),
  function: z.object({
    form: z.literal('function'), function: name.meta({ description: 'a function declared in the scheme' }),
    args: values.meta({ description: 'the arguments, by parameter' }), result: TraceValueSchema,
  }),
  cohort: z.object({
    form: z.literal('cohort'), aggregate: z.string().meta({ description: 'a cohort aggregate as written (`overall max(实绩原始分)`)' }),
    scope: z.enum(['overall', 'cohort']), fn: z.enum(['max', 'min', 'avg', 'percentile', 'rank']),
    of: int.meta({ description: 'how many subjects its scope has' }),
    value: TraceValueSchema.optional().meta({ description: "rank: this subject's value ranked" }),
    result: TraceValueSchema,
    text: z.string().meta({ description: "the same in words, in the result's language (`overall max(x) = 95 (over 100)`)" }),
  }),
  streak: z.object({
    form: z.literal('streak'), list: z.string().meta({ description: 'the `past` input counted over' }),
    items: int.meta({ description: 'how many periods the list has a result for' }),
    missing: z.enum(['skip', 'breaks']).meta({ description: "the input's policy for a missing or ungraded period" }),
    counted: z.array(z.string()).meta({ description: 'the periods counted, newest first' }),
    passed: z.array(z.string()).meta({ description: 'missing or ungraded periods passed over (`skip`)' }),
    stopped: z.object({ period: z.string(), why: z.enum(['missing', 'ungraded', 'condition']) }).strict().optional()
      .meta({ description: 'the period where the count stopped, and why' }),
    result: TraceValueSchema,
  }),
  aggregate: z.object({
    form: z.enum(['count', 'any', 'all', 'sum', 'avg', 'min', 'max']),
    list: z.string().meta({ description: 'the list aggregated (a data path or the source text)' }),
    items: int, weightSum: TraceValueSchema.optional(), result: TraceValueSchema,
  }),
};

const stepSchemas = Object.values(formSteps).map((s) => s.strict());
/** A form evaluated inside an indicator or let (nested under its trace's `steps`). */
export const TraceStepSchema = z.discriminatedUnion('form', [
  stepSchemas[0], ...stepSchemas.slice(1),
]).meta({ id: 'TraceStep', description: 'what one scoring form or aggregate did' });

/** Around the form at the root: nested forms, the lets, inputs and other results it read, its value. */
const frame = {
  steps: z.array(TraceStepSchema).optional(),
  lets: values.optional().meta({ description: 'lets read, with their values' }),
  inputs: values.optional().meta({ description: 'scalar inputs read, with their values' }),
  uses: values.optional().meta({ description: 'indicators and groups read, with their values' }),
  result: TraceValueSchema.optional().meta({ description: 'the value before clamping to the range' }),
  clamp: z.object({ range: z.tuple([z.number(), z.number()]), from: z.number(), to: z.number() }).strict().optional(),
};

const traceSchemas = [
  ...Object.values(formSteps).map((s) => s.extend(frame).strict()),
  z.object({ form: z.literal('expression'), ...frame }).strict(),
];
/** How an indicator's score (or a let's value) was computed (§11). */
export const TraceSchema = z.discriminatedUnion('form', [traceSchemas[0], ...traceSchemas.slice(1)])
  .meta({ id: 'Trace', description: 'with `explain`: how an indicator score or a let was computed — the form at its root, then what it read' });

// ---- rule lists

/** One effect of a matched item, amounts rounded to the scheme's precision. */
export const EffectSchema = z.union([
  z.object({ deduct: z.number() }).strict(),
  z.object({ add: z.number() }).strict(),
  z.object({ veto: z.literal(true) }).strict(),
  z.object({ cap: name.meta({ description: 'the grade capped at' }) }).strict(),
  z.object({ nograde: z.literal(true) }).strict(),
  z.object({ action: name }).strict(),
]).meta({ id: 'Effect', description: 'one effect of a matched item' });

const at = z.string().meta({ description: 'where the item is declared: `line 84`' });

/** `for X` (issue 12): the indicator whose subtotal took the item's amount. */
const forIndicator = name.optional().meta({ description: 'the indicator the item is attached to (`for`): its amount went into that indicator\'s subtotal' });

export const NegativeItemSchema = z.object({
  list: name, item: name, label: z.string().optional(), effects: z.array(EffectSchema), at, for: forIndicator,
}).strict().meta({ id: 'NegativeItem', description: 'a matched item of a negative list' });

export const RewardItemSchema = z.object({
  list: name, item: name, label: z.string().optional(), add: z.number().meta({ description: 'its additions, before the list\'s `max`' }),
  for: forIndicator,
}).strict().meta({ id: 'RewardItem', description: 'a matched reward item' });

// ---- indicator tree

/** An item attached to the indicator (issue 12): the amount it gave after its list's `max`. */
export const AttachedItemSchema = z.object({
  list: name, item: name, label: z.string().optional(),
  add: z.number().optional(), deduct: z.number().optional(),
  asked: z.number().optional().meta({ description: 'the item\'s own amount, present when the list\'s `max` cut it to add/deduct' }),
  at,
}).strict().meta({ id: 'AttachedItem', description: 'a matched item attached to this indicator (`for`)' });

const node = {
  id: name,
  label: z.string().meta({ description: 'the label, or the name when there is none' }),
  score: z.number().meta({ description: 'rounded to the scheme\'s precision' }),
  weight: z.number().meta({ description: 'effective weight in the whole scheme (6 digits)' }),
  points: z.number().meta({ description: 'score × weight × total/100, rounded' }),
};

export const GroupResultSchema = z.object({
  ...node, group: name.optional().meta({ description: 'the parent group, absent at the top level' }),
}).strict().meta({ id: 'GroupResult', description: 'an applicable group' });

export const IndicatorResultSchema = z.object({
  ...node, group: name.nullable().meta({ description: 'the parent group, null at the top level' }),
  subtotal: z.number().optional().meta({ description: 'points + attached adds − attached deducts, at least 0 (only with attached items)' }),
  attached: z.array(AttachedItemSchema).optional(),
  trace: TraceSchema.optional(),
}).strict().meta({ id: 'IndicatorResult', description: 'an applicable indicator' });

// ---- grades, quotas, explanation

/** Where a quota applies (issue 13): each subject's cohort (`cohort by`; the whole batch without one) or the whole batch. */
const QuotaScopeSchema = z.enum(['cohort', 'overall']).meta({ id: 'QuotaScope', description: '`cohort`: within each cohort; `overall`: over the whole batch' });

export const QuotaNoteSchema = z.object({
  grade: name.meta({ description: 'the grade whose quota was applied' }),
  scope: QuotaScopeSchema,
  demotedTo: name.nullable().meta({ description: 'null when the subject kept the grade' }),
  rank: int, limit: int,
  reason: z.string().meta({ description: 'the decision in words (the result\'s language)' }),
}).strict().meta({ id: 'QuotaNote', description: 'in a cohort, where a quota acted on the subject: the last decision' });

/** A soft quota (`normally 15%`) exceeded: the subject holds the grade but is ranked past the normal share. */
export const QuotaFlagSchema = z.object({
  grade: name, scope: QuotaScopeSchema,
  rank: int.meta({ description: 'its rank among the holders of the grade in the scope' }),
  normal: int.meta({ description: 'how many the normal share allows' }),
  reason: z.string().meta({ description: 'why, in words (the result\'s language)' }),
}).strict().meta({ id: 'QuotaFlag', description: 'above a soft quota: flagged, not demoted' });

/** Competition ranking (1, 1, 3) by the ranking key (`rank by`, default the reported score, best first);
 * both null for a member the roster leaves ungraded (不定等次, issue 14), who is not ranked. */
export const RankSchema = z.object({
  overall: int.nullable().meta({ description: 'rank in the whole batch (null: ungraded by the roster, not ranked)' }),
  cohort: int.nullable().meta({ description: 'rank in its cohort (the whole batch without `cohort by`; null: ungraded by the roster)' }),
}).strict().meta({ id: 'Rank', description: 'the subject\'s rank: ties share a rank and the next rank skips; members ungraded by the roster (不定等次) are not ranked (null) and take no rank from others' });

const RuleTraceSchema = z.union([
  z.object({ list: name, item: name, at, matched: z.boolean(), condition: z.array(z.string()), effects: z.array(EffectSchema).optional() }).strict(),
  z.object({ outcome: name, at, matched: z.boolean(), condition: z.array(z.string()) }).strict(),
]).meta({ id: 'RuleTrace', description: 'a negative, reward or outcome rule: whether it matched, and the values of its condition' });

const PeriodInputTraceSchema = z.object({
  input: name, form: z.enum(['resultsOf', 'past', 'related']), scheme: z.string().optional(),
  unit: z.enum(['annual', 'quarterly', 'monthly']).optional().meta({ description: 'absent for a related subject\'s result (the same period)' }),
  subjectField: name.optional().meta({ description: 'related (`results of S for FIELD`): the input field naming the related subject' }),
  subject: z.string().optional().meta({ description: "related: the related subject's id (FIELD's value)" }),
  values: z.enum(['reported', 'exact']).meta({ description: "which scores were filled in: the earlier rounds' reported ones or their exact values" }),
  missing: z.enum(['skip', 'zero', 'error', 'breaks']),
  periods: z.array(z.string()).meta({ description: 'the periods the input covers, oldest first' }),
  present: z.array(z.string()).meta({ description: 'those with a result' }),
  absent: z.array(z.string()).meta({ description: 'those without one (skip: left out; zero: filled in; past: what streak does)' }),
  filledIn: z.array(z.string()).optional().meta({ description: '`missing zero`: the periods given score 0 and no grade' }),
  imported: z.array(z.string()).meta({ description: 'results imported from before kaohe' }),
}).strict().meta({ id: 'PeriodInputTrace', description: 'a `results of` / `past` / related-subject input' });

export const ExplainSchema = z.object({
  lets: z.record(z.string(), TraceSchema),
  periodInputs: z.array(PeriodInputTraceSchema).optional().meta({ description: 'with roll-up or history inputs: one entry each' }),
  rules: z.array(RuleTraceSchema),
  grade: z.object({
    candidate: name.nullable(),
    reasons: z.array(z.string()),
    restrictions: z.array(z.object({
      kind: z.enum(['nograde', 'veto', 'cap']), item: name, list: name, grade: name.optional(), acted: z.boolean(),
    }).strict()),
    allowed: name.nullable().meta({ description: 'after veto, cap and nograde' }),
    final: name.nullable().meta({ description: 'after quotas' }),
  }).strict(),
  score: z.object({
    base: z.number(), adjust: z.number(), rewards: z.number(), deductions: z.number(),
    exact: z.string().meta({ description: 'the unrounded score, 10 digits' }),
    formula: z.string(),
  }).strict(),
}).strict().meta({ id: 'Explain', description: 'with `explain` only: lets, every rule, the grade decision and the score formula' });

// ---- the results

const subjectFields = {
  scheme: SchemeRefSchema,
  subject: z.string().meta({ description: 'the subject id' }),
  display: DisplaySchema.optional(),
  period: z.string().optional().meta({ description: 'the evaluation period as given (`2026-Q1`), when there was one' }),
  score: z.number(), base: z.number(),
  adjust: z.number().meta({ description: '6 digits' }),
  rewards: z.number(), deductions: z.number(),
  exact: z.object({ score: z.string(), base: z.string(), rewards: z.string(), deductions: z.string() }).strict().optional()
    .meta({ description: 'with `exactValues`: the unrounded values as exact fraction text ("1769/20"; an integer "88")' }),
  grade: name.nullable().meta({ description: 'null for a subject without a grade (`nograde`)' }),
  provisional: z.boolean().meta({ description: 'alone, and the grade has a quota: a cohort may still demote it' }),
  gradeReasons: z.array(z.string()).meta({ description: 'why the grade: conditions with their values, restrictions, quota decisions' }),
  decision: DecisionSchema.optional(),
  groups: z.array(GroupResultSchema),
  indicators: z.array(IndicatorResultSchema),
  negative: z.array(NegativeItemSchema),
  rewardItems: z.array(RewardItemSchema),
  actions: z.array(name),
  bonus: z.number().nullable(),
  improve: z.array(name).meta({ description: 'indicators below the `improve` threshold, lowest first' }),
  quota: QuotaNoteSchema.optional(),
  explain: ExplainSchema.optional(),
};

/** One subject evaluated alone (§12). */
export const SubjectResultSchema = z.object(subjectFields)
  .strict().meta({ id: 'SubjectResult', description: 'one subject evaluated alone (LANGUAGE.md §12)' });

/** One subject of a cohort: `cohort` names its cohort (`''` without `cohort by`). */
export const CohortMemberResultSchema = z.object({
  ...subjectFields,
  cohort: z.string().meta({ description: 'its cohort key (empty when the scheme has no `cohort by`)' }),
  rank: RankSchema,
  flags: z.array(QuotaFlagSchema).optional().meta({ description: 'soft quotas it is above (present only when flagged)' }),
}).strict().meta({ id: 'CohortMemberResult', description: 'one subject of a cohort' });

export const QuotaSummarySchema = z.object({
  grade: name, scope: QuotaScopeSchema,
  limit: int.meta({ description: 'the hard limit (a soft-only quota: the base, nobody is demoted)' }),
  base: int.meta({ description: 'the head count the percentage is of' }),
  admitted: z.array(z.string()), ties: z.array(z.string()).meta({ description: 'tied across the boundary, all demoted' }),
  normal: int.optional().meta({ description: 'with `normally P`: how many the normal share allows' }),
  over: z.array(z.string()).optional().meta({ description: 'the holders flagged above the normal share (only when exceeded)' }),
  flag: z.string().optional().meta({ description: 'the soft quota exceeded, in words (only when exceeded)' }),
}).strict().meta({ id: 'QuotaSummary' });

export const CohortSummarySchema = z.object({
  key: z.string(), size: int, quotas: z.array(QuotaSummarySchema),
  distribution: z.record(z.string(), int).meta({ description: 'head count per grade, and `none`' }),
}).strict().meta({ id: 'CohortSummary', description: 'one cohort: its quotas and grade distribution' });

/** A cohort evaluated together (§8, §12): results in input order, then one summary per cohort. */
export const CohortResultSchema = z.object({
  scheme: SchemeRefSchema,
  period: z.string().optional().meta({ description: 'the evaluation period as given (`2026-Q1`), when there was one' }),
  results: z.array(CohortMemberResultSchema),
  cohorts: z.array(CohortSummarySchema),
  overall: z.object({
    size: int, quotas: z.array(QuotaSummarySchema),
    distribution: z.record(z.string(), int).meta({ description: 'head count per grade, and `none`' }),
  }).strict().optional().meta({ description: 'when the scheme has a quota over the whole batch (`overall`): its decisions and the batch\'s distribution' }),
}).strict().meta({ id: 'CohortResult', description: 'a cohort evaluated together (LANGUAGE.md §8, §12)' });

// The engine's result types are declared in result-types.ts (plain interfaces: the package's .d.ts
// stay small). Each schema's inferred type must be exactly its declaration, both ways and field for
// field (optional ones included): a mismatch is a compile error here (tsc; test/package/result-types.test.ts).
export type * from './result-types.js';

/** true when A and B are the same type (not merely assignable: an optional field on one side only,
 * or `string` against a literal, makes them differ). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
/** The same, field by field down the tree (a declared interface and zod's inferred object type are
 * never "the same" to Same itself, even when every field is). */
type Deep<T> = T extends readonly (infer E)[] ? Deep<E>[] : T extends object ? { [K in keyof T]: Deep<T[K]> } : T;
type Agrees<A, B> = Same<Deep<A>, Deep<B>>;

export const resultTypesAgree: [
  Agrees<z.infer<typeof SchemeRefSchema>, R.SchemeRef>,
  Agrees<z.infer<typeof DisplaySchema>, R.Display>,
  Agrees<z.infer<typeof DecisionSchema>, R.Decision>,
  Agrees<z.infer<typeof TraceStepSchema>, R.TraceStep>,
  Agrees<z.infer<typeof TraceSchema>, R.Trace>,
  Agrees<z.infer<typeof EffectSchema>, R.Effect>,
  Agrees<z.infer<typeof NegativeItemSchema>, R.NegativeItem>,
  Agrees<z.infer<typeof RewardItemSchema>, R.RewardItem>,
  Agrees<z.infer<typeof AttachedItemSchema>, R.AttachedItem>,
  Agrees<z.infer<typeof GroupResultSchema>, R.GroupResult>,
  Agrees<z.infer<typeof IndicatorResultSchema>, R.IndicatorResult>,
  Agrees<z.infer<typeof QuotaNoteSchema>, R.QuotaNote>,
  Agrees<z.infer<typeof QuotaFlagSchema>, R.QuotaFlag>,
  Agrees<z.infer<typeof RankSchema>, R.Rank>,
  Agrees<z.infer<typeof ExplainSchema>, R.Explain>,
  Agrees<z.infer<typeof SubjectResultSchema>, R.SubjectResult>,
  Agrees<z.infer<typeof CohortMemberResultSchema>, R.CohortMemberResult>,
  Agrees<z.infer<typeof QuotaSummarySchema>, R.QuotaSummary>,
  Agrees<z.infer<typeof CohortSummarySchema>, R.CohortSummary>,
  Agrees<z.infer<typeof CohortResultSchema>, R.CohortResult>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
