// Request and response shapes of the rounds core (issue 14). zod checks the envelope (400 at the
// exact path); what depends on the scheme or the round — the period's form, roster membership,
// declared fields, values — is checked by the handlers and answered 422 with every problem by path.

import { z } from '@hono/zod-openapi';
import { CohortResultSchema } from '../../engine/result-schema.js';
import { MAX_DISPLAY_FIELDS, MAX_DISPLAY_NAME, MAX_DISPLAY_TEXT } from '../../engine/display.js';
import { ROUND_STATUSES } from './status.js';
import { tokens } from '../db/schema.js';
import { cappedRecord, MAX_DISPLAY_KEYS, MAX_INPUT_KEYS } from '../record-keys.js';
import { isWellFormed } from '../evaluations/schemas.js';
import { subjectIdSchema } from '../subject-id.js';
import { ownWords } from '../zod-issues.js';
import { unitFlaw } from '../../engine/subject-id.js';
import { nearest } from '../../dsl/distance.js';
import { L } from './late-messages.js';
import { R } from './messages.js';

/** The longest reason kept on a round, in characters: an amendment's or a source refresh's (amend.ts),
 * a void's or a late 公示's (recordReason); the editor's reason boxes say the same (rounds/common.ts). */
export const MAX_REASON = 1000;

/** A reason kept in the round records (void, a late 公示): 1–MAX_REASON characters of well-formed text — a
 * lone surrogate would be stored as U+FFFD, not the text sent (hostile corpus, session 7). */
const recordReason = () => z.string().min(1).max(MAX_REASON).superRefine((s, ctx) => {
  if (!isWellFormed(s)) ctx.addIssue({ code: 'custom', message: ownWords(L.textNotWellFormed()) });
});

export const RoundParams = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: 'rd_…' }),
});

/** `?explain=1` on POST /api/rounds/:id/evaluate: as POST /api/evaluate's. */
export const EvaluateRoundQuery = z.object({
  explain: z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true').optional()
    .openapi({ param: { name: 'explain', in: 'query' }, description: "include each member's explanation (`explain`, indicator `trace`) in the answer; the stored revision never has them" }),
});

/** The round's own unit is a cohort key, held to the rule a member's is (roster-inputs.ts, V11b HIGH-1). */
function visibleUnit(unit: string, ctx: z.RefinementCtx): void {
  const flaw = unitFlaw(unit, R.unitWord());
  if (flaw) ctx.addIssue({ code: 'custom', message: ownWords(flaw) });
}

export const CreateRoundBody = z.object({
  scheme: z.string().min(1).max(200).openapi({ description: 'the scheme id (its name)', example: '平时考核' }),
  version: z.number().int().min(1).optional().openapi({ description: 'a published version; default the newest published. Fixed for the round\'s life' }),
  period: z.string().min(1).max(100).openapi({ description: "the round's period by the scheme's `period` kind (`2026`, `2026-Q1`, `2026-03`); another form is 422 KH-E031 at `period`", example: '2026-Q1' }),
  unit: z.string().min(1).max(200).superRefine(visibleUnit).optional().openapi({ description: 'set when the round covers one unit only: its members without a unit of their own belong to it; a control or invisible character or a space at either end is 400 at `unit` (it would be a cohort of its own)' }),
  name: z.string().min(1).max(200).optional(),
  appealDays: z.number().int().min(0).max(3650).optional().openapi({ description: 'days after finalizing in which an amendment (复核) may still be made; default 30' }),
}).strict().openapi('CreateRound');

/** Checked as evaluate checks a display (engine/display.ts: 422 KH-E008 at `members[i].display.…`), on
 * the body as sent so that a number keeps every digit; stored as its exact text. */
const DisplayValue = z.custom<string | number>(() => true).openapi({ type: 'string' });

/** A member's status is the handler's to judge, all of it (V11 trial: a missing one was zod's 400 and hid
 * the other members' unknown words, 422 only once it was fixed): missing, not text or an unknown word
 * is 422 at `members[i].status` with every other roster problem (roster-inputs.ts). Optional here
 * only so that zod lets an absent key through; documented as the required string it is (`required`
 * on the member below). */
const MemberStatus = z.custom<unknown>(() => true);

/** A roster member's keys (the object below): an unknown one is 400 at its path, naming the key one
 * slip away (`stat` → status: V11b MED-4) — zod's `.strict()` said only "unrecognized key". Checked
 * even when another field failed (`when`), as `.strict()` was. */
const MEMBER_KEYS = ['id', 'unit', 'status', 'countsInBase', 'display', 'input'];
function knownMemberKeys(m: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (typeof m !== 'object' || m === null) return; // `when` runs it on anything (the document's generator probes with undefined)
  for (const key of Object.keys(m)) {
    if (MEMBER_KEYS.includes(key)) continue;
    const near = nearest(key, MEMBER_KEYS, 1)[0];
    const msg = near === undefined ? R.unknownMemberKey({ key, keys: MEMBER_KEYS.map((k) => `“${k}”`) }) : R.unknownMemberKeyNear({ key, near });
    ctx.addIssue({ code: 'custom', path: [key], message: ownWords(msg) });
  }
}

export const RosterBody = z.object({
  members: z.array(z.object({
    id: subjectIdSchema().openapi({ example: 'A001' }),
    unit: z.string().min(1).max(200).nullable().optional().openapi({ description: "the person's unit: a cohort inside the round, and what a unit officer covers; a control or invisible character or a space at either end is 422 `unit_not_visible` at its path (it would be a cohort of its own)" }),
    status: MemberStatus.openapi({
      type: 'string', description: '`take` (参加), `absent` (不参加: not evaluated), `ungraded` (不定等次: evaluated, no grade — 试用期, 新录用); missing, not text or another word: 422 at its path (`missing_status`, `status_not_text`, `unknown_status`)', example: 'take',
    }).optional(),
    countsInBase: z.boolean().optional().openapi({ description: "whether the person counts toward quota bases (default true; an ungraded person who does not: false)" }),
    display: cappedRecord(z.record(z.string(), DisplayValue), MAX_DISPLAY_KEYS, {
      additionalProperties: { anyOf: [{ type: 'string', maxLength: MAX_DISPLAY_TEXT }, { type: 'number' }] }, maxProperties: MAX_DISPLAY_FIELDS,
      description: `fields that only name the person (姓名, 科室), as in evaluate: at most ${MAX_DISPLAY_FIELDS} fields, names of 1 to ${MAX_DISPLAY_NAME} characters, values of at most ${MAX_DISPLAY_TEXT}, otherwise 422 KH-E008 at the field's path; a number is kept as its exact decimal text; a \`__proto__\` key: 400 at its path`,
    }, { protoKey: true }).optional(),
    input: cappedRecord(z.record(z.string(), z.unknown()), MAX_INPUT_KEYS, { description: `the roster's columns that are scheme inputs (受党纪处分, 缺勤天数…), checked as an inputs part is (422 at \`members[i].input.FIELD\`, nothing stored) and stored as a part \`roster\` with the roster; a value the previous roster gave the same is not stored again, so a later inputs part keeps winning; a \`__proto__\` key: 400 at its path` }, { protoKey: true }).optional(),
  }).loose().superRefine(knownMemberKeys, { when: () => true }).openapi({ required: ['id', 'status'], additionalProperties: false })).min(1).max(10000).openapi({ description: 'the whole roster, replacing the last one: at least one person (an empty list would wipe an evaluated round: 400 at `members`)' }),
}).strict().openapi('Roster');

const DecisionBody = z.object({
  grade: z.string().optional(), order: z.number().optional(), reason: z.string(),
}).strict();

export const InputsBody = z.object({
  part: z.string().min(1).max(100).optional().openapi({ description: 'what sent this part (ratings, attendance, discipline…); stored with who sent it and when', example: 'attendance' }),
  subjects: z.array(z.object({
    id: subjectIdSchema(),
    input: cappedRecord(z.record(z.string(), z.unknown()), MAX_INPUT_KEYS, { description: `declared top-level input fields (at most ${MAX_INPUT_KEYS} keys); a later part replaces the same field, the older value is kept as history` }),
    decision: DecisionBody.optional().openapi({ description: 'a committee decision (`grades by committee`)' }),
  }).strict()).min(1).max(10000),
}).strict().openapi('InputParts');

export const InputsHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'visible ASCII characters only').optional()
    .openapi({ param: { name: 'idempotency-key', in: 'header' }, description: 'a retry with the same key returns the first answer and stores nothing' }),
});

export const PublicizeBody = z.object({
  until: z.string().min(1).max(40).openapi({ description: 'the last day of 公示 (`YYYY-MM-DD`), not in the past nor more than 90 days ahead (422 `date_too_far`) — except for a 公示 already held of a period that is over, recorded late with `from` and `reason`', example: '2026-04-15' }),
  from: z.string().min(1).max(40).optional().openapi({ description: 'a 公示 already held: its first day (`YYYY-MM-DD`); only with an `until` in the past', example: '2026-04-08' }),
  reason: recordReason().optional().openapi({ description: 'a 公示 already held: why it is entered late (who held it, where it was posted); recorded with who entered it and when' }),
}).strict().openapi('Publicize');

/** POST /api/rounds/:id/void: why the round is voided (作废). */
export const VoidBody = z.object({
  reason: recordReason().openapi({ description: 'why the round is voided (a trial run, the wrong roster…); kept in the round records and named in the audit log', example: '试算批次，改为导入' }),
}).strict().openapi('VoidRound');

/** The kind of token that did something (tokens.kind, as the table declares it), shown beside `by`. */
export const ByKindSchema = z.enum(tokens.kind.enumValues);

const RecordView = z.object({
  from: z.string(), until: z.string(), reason: z.string(), at: z.string().openapi({ description: 'when it was entered' }),
  by: z.string().openapi({ description: 'the token that entered it' }), account: z.string().nullable(),
  byName: z.string().nullable().openapi({ description: "the token's name when it is a bearer token" }),
  byKind: ByKindSchema,
}).openapi('PublicityRecord');

export const VoidedSchema = z.object({
  voided: z.object({
    id: z.string(), name: z.string().nullable(), scheme: z.string(), version: z.number().int(), period: z.string(), unit: z.string().nullable(),
    status: z.enum(ROUND_STATUSES), revision: z.number().int(), members: z.number().int(),
    reason: z.string(), at: z.string(), by: z.string(), account: z.string().nullable(), byName: z.string().nullable(),
  }),
}).openapi('RoundVoided');

const Revision = z.object({
  n: z.number().int(), createdAt: z.string(), amendmentId: z.number().int().nullable(),
  by: z.string().openapi({ description: 'the token that made it' }), account: z.string().nullable(),
  byName: z.string().nullable().openapi({ description: "the token's name (`kaohe token create --name`) when it is a bearer token; null for a browser session or an unnamed token" }),
  byKind: ByKindSchema.openapi({ description: 'the kind of token that made it' }),
});

const Member = z.object({
  id: z.string(), unit: z.string().nullable(), status: z.enum(['take', 'absent', 'ungraded']), countsInBase: z.boolean(),
  display: z.record(z.string(), z.unknown()).optional(),
});

const Missing = z.object({
  subject: z.string(), unit: z.string().nullable(),
  fields: z.array(z.object({
    field: z.string(), hasDefault: z.boolean().openapi({ description: 'always false: inputs with a default are in `defaulted`' }),
    fromRoster: z.literal(true).optional().openapi({ description: 'the `cohort by` field (the unit): set the member\'s `unit` in the roster (PUT roster), it cannot be submitted as an input' }),
  })).openapi({ description: 'required inputs nobody submitted (evaluate fails without them); the `cohort by` field only for a person without a unit (neither the member\'s nor the round\'s), with `fromRoster`' }),
  defaulted: z.array(z.string()).openapi({ description: 'inputs nobody submitted that have a default: evaluate will use it' }),
  rollups: z.array(z.object({
    field: z.string(), scheme: z.string(), periods: z.array(z.string()),
    missing: z.enum(['skip', 'zero', 'error', 'breaks']), blocking: z.boolean().openapi({ description: 'true under `missing error`: evaluate refuses the person until those periods have a final or imported result, or the roster marks them 不参加' }),
    subject: z.string().nullable().optional().openapi({ description: 'a related field (`results of SCHEME for FIELD`): the related subject without a result (null: the person has no FIELD value)' }),
  })).openapi({ description: 'per roll-up input, the periods with no final or imported result for this person' }),
});

const Pending = z.object({
  input: z.string(), scheme: z.string(), period: z.string().optional(),
  status: z.enum(['not_final', 'none', 'unknown_scheme']).openapi({ description: '`not_final`: the round of that period is not final yet (`round`, `roundStatus`); `none`: no round and no imported results; `unknown_scheme`: the organization has no such scheme' }),
  round: z.string().optional(), roundStatus: z.string().optional(),
  subject: z.string().optional().openapi({ description: 'a related field (`results of SCHEME for FIELD`): the related subject without a result of the round\'s period' }),
});

export const RoundSchema = z.object({
  id: z.string(),
  scheme: z.object({ id: z.string(), version: z.number().int() }),
  period: z.string(), unit: z.string().nullable(), name: z.string().nullable(),
  status: z.enum(ROUND_STATUSES),
  publicityUntil: z.string().nullable(), appealDays: z.number().int(),
  revision: z.number().int().openapi({ description: 'the newest revision (0 before the first evaluation)' }),
  outOfDate: z.boolean().openapi({ description: 'a round it rolled up was amended after this one was evaluated' }),
  createdBy: z.string(), createdAt: z.string(), finalizedAt: z.string().nullable(),
  publicityRecord: RecordView.optional().openapi({ description: 'a 公示 already held, recorded late (publicize with `from` and `reason`): the 公示期 as given, who entered it and when' }),
}).openapi('Round');

export const RoundDetailSchema = RoundSchema.extend({
  changed: z.boolean().openapi({ description: 'the roster or inputs changed after the newest revision: re-evaluate before 公示 (409 `round_changed`)' }),
  revisions: z.array(Revision),
  members: z.array(Member),
  missing: z.array(Missing).openapi({ description: 'per person taking part: declared top-level inputs nobody submitted (server-filled ones left out)' }),
  pendingSources: z.array(Pending).openapi({ description: 'periods a `results of` / `past` input reads that are not final yet' }),
}).openapi('RoundDetail');

/** PUT roster's answer: the round, and which roster columns were taken as inputs (roster-parts.ts). */
export const RosterAnswerSchema = RoundDetailSchema.extend({
  rosterInputs: z.array(z.string()).optional().openapi({ description: 'the members\' `input` fields (the roster columns taken as scheme inputs)' }),
  notice: z.string().optional().openapi({ description: 'which roster columns were taken as inputs, in words' }),
}).openapi('RosterAnswer');

export const InputsAnswer = z.object({
  round: z.string(), batch: z.string(), part: z.string().nullable(), subjects: z.number().int(), fields: z.number().int(), at: z.string(),
}).openapi('InputPartsStored');

export const EvaluatedSchema = z.object({
  round: RoundSchema,
  revision: z.number().int(),
  result: CohortResultSchema,
  pendingSources: z.array(Pending),
}).openapi('RoundEvaluated');
