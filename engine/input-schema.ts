// A scheme's input contract as a JSON Schema (draft 2020-12), for integrators (user trial U7-20): an
// HR system validates its rows before a 180,000-person run, or generates TypeScript types from it.
// One stage over the compiled contract (contract.ts), plain data out: every field with its type,
// enum members (`$defs`, one per enum), ranges and value sets, list lengths, records, panel ratings
// and ballots, result records of `results of` / `past` / related inputs, `required` and `default`,
// titles from the scheme's labels and descriptions from the contract's own words (the type as
// validate.ts's errors state it) in the reader's language. It states what validate.ts checks of
// one input on its own, rule for rule; what needs more than the value itself (the evaluation period,
// a JSON key given twice, numbers beyond 10^±100) is said in the top description; the zh words name
// the scheme's keywords in their Chinese spelling (引用结果, 过去, 缺失 报错: V11 trial), JSON keys as
// they are sent. test/engine/
// input-schema.test.ts holds the two to each other with an independent validator (ajv).

import type { Field, TypeExpr } from '../dsl/ast.js';
import { defineMessages, render, type Locale } from '../dsl/i18n/index.js';
import { PERIOD_RESULT_FIELDS } from '../dsl/keywords.js';
import type { Rational } from '../dsl/rational.js';
import type { JsonSchema } from './api.js';
import { numberTypeMsg, type FieldSpec, type TypeSpec } from './contract.js';
import { M } from './messages.js';
import type { Plan } from './plan.js';
import type { PeriodResultsSpec } from './periods/results.js';
import { asSent } from './prepared-inputs.js';

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

const W = defineMessages('engineInputSchema', {
  en: {
    title: 'Input of {scheme}',
    scheme: 'The `input` object of one subject of scheme “{id}”{version} (the `input` beside a subject’s `id` in `kaohe eval` and POST /api/schemes/:id/evaluate). '
      + 'Beyond this schema the engine also refuses numbers beyond 10^±100 and a ballot that rates a criterion twice (a JSON key given twice); '
      + 'the records of a `results of`, `past` or related input are checked against the evaluation period as well '
      + '(a period the input does not read, a period twice, missing periods under `missing error`, a missing related result).',
    version: ', version {version}',
    record: 'a result record: `period` (required), `score` (a number, exact text such as "1769/20" or "88.45", or null), `grade`, `imported`; '
      + 'each key in English or in Chinese (“考核期”, “得分”, “考核等次”, “导入”), not both',
    ratings: 'the ratings of panel “{panel}”: a list per rater category, each rating {rating}',
    ballot: 'a ballot: one rating by criterion ({criteria}){all}',
    ballotAll: ', every criterion rated',
    related: '{type}: one result record of this evaluation’s period, or nothing',
    relatedNeeded: '{type}: one result record of this evaluation’s period (required: the scheme’s missing policy is not `zero`)',
    date: 'a date, YYYY-MM-DD',
  },
  zh: {
    title: '{scheme}的输入',
    scheme: '方案“{id}”{version}中一个测评对象的“input”对象（即“kaohe eval”和“POST /api/schemes/:id/evaluate”中与测评对象“id”并列的“input”）。'
      + '除本架构外，引擎还拒绝绝对值超过 10^±100 的数，以及对同一要素评了两次的选票（对象中重复的键）；'
      + '“引用结果”、“过去”和关联结果输入的记录还要对照考核期检查（输入不读取的期间、重复的期间、“缺失 报错”时缺少的期间、缺少的关联结果）。',
    version: '（版本“{version}”）',
    record: '一条结果记录：“period”（必填）、“score”（数，或如“1769/20”、“88.45”的精确文本，或“null”）、“grade”、“imported”；'
      + '每个键可用英文或中文（考核期、得分、考核等次、导入），但不能同时使用',
    ratings: '测评组“{panel}”的评分：每类评价人一个列表，每个评分为{rating}',
    ballot: '一张选票：按要素给出的评分（{criteria}）{all}',
    ballotAll: '，须评全所有要素',
    related: '{type}：本考核期的一条结果记录，或没有',
    relatedNeeded: '{type}：本考核期的一条结果记录（必填：方案的缺失规则不是“计零”）',
    date: '日期，格式为“YYYY-MM-DD”',
  },
});

/** ISO `YYYY-MM-DD` with year 0001–9999, month 01–12 and day 01–31 (dsl/dates.ts readDate); the day
 * of the month beyond that is `format: date`'s to check (a validator that asserts formats). */
const DATE = '^(?!0000)[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
/** A score as text (periods/results.ts scoreOf): a fraction whose denominator is not 0, or a decimal. */
const SCORE_TEXT = '^\\s*(-?[0-9]+\\s*/\\s*0*[1-9][0-9]*|-?[0-9]+(\\.[0-9]+)?)\\s*$';

const num = (r: Rational): number => r.toNumber();

/** A rating without a scale (validate.ts RATING_SPEC), in the contract's words. */
const RATING_WORDS = numberTypeMsg(false, M.boundsRange({ lo: '0', hi: '100' }));

class Builder {
  readonly defs: Record<string, JsonSchema> = {};
  constructor(readonly lang: Locale) {}

  words(m: Parameters<typeof render>[0]): string { return render(m, this.lang); }

  /** One field's subschema: its type's, with the label as title and the default. */
  field(f: FieldSpec, ast: Field | undefined): JsonSchema {
    const s: JsonSchema = { ...(ast?.label && { title: ast.label.value }), ...this.type(f.type, ast?.type) };
    if (f.hasDefault && f.default !== undefined) s.default = asSent(f.default);
    return s;
  }

  /** An object of fields: each known, the required ones present (validate.ts `fields`). */
  fields(specs: FieldSpec[], ast: Field[] | undefined): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    specs.forEach((f, i) => {
      properties[f.name] = this.field(f, ast?.find((a) => a.name.name === f.name) ?? ast?.[i]);
      if (isRequired(f)) required.push(f.name);
    });
    return { type: 'object', properties, ...(required.length > 0 && { required }), additionalProperties: false };
  }

  type(t: TypeSpec, ast: TypeExpr | undefined): JsonSchema {
    const description = this.words(t.msg);
    switch (t.kind) {
      case 'number': return { ...numberSchema(t), description };
      case 'bool': return { type: 'boolean', description };
      case 'text': return { type: 'string', description };
      case 'date': return { type: 'string', pattern: DATE, format: 'date', description: this.words(W.date()) };
      case 'enum': return { $ref: this.def(t.decl.name.name, () => this.enumSchema(t)), description };
      case 'list': {
        const element = ast?.kind === 'ListType' ? ast.element : undefined;
        return {
          type: 'array', items: this.type(t.element, element),
          ...(t.min !== undefined && { minItems: t.min }), ...(t.max !== undefined && { maxItems: t.max }), description,
        };
      }
      case 'record': return { ...this.fields(t.fields, ast?.kind === 'RecordType' ? ast.fields : undefined), description };
      case 'ratings': return { $ref: this.def(t.panel.name.name, () => this.ratings(t)) };
      case 'unknown': return { not: {}, description };
      case 'periodResults': return this.periodResults(t.spec, description);
    }
  }

  /** A reference to the `$defs` entry of a declaration (an enum, a panel), made on first use and
   * named by the declaration (the checker keeps declaration names unique). */
  def(name: string, make: () => JsonSchema): string {
    this.defs[name] ??= make();
    return `#/$defs/${encodeURIComponent(name)}`;
  }

  /** An enum: its members by name, its label as title. */
  enumSchema(t: Extract<TypeSpec, { kind: 'enum' }>): JsonSchema {
    return { ...(t.decl.label && { title: t.decl.label.value }), enum: [...t.members.keys()], description: this.words(t.msg) };
  }

  /** A panel's ratings (validate.ts `ratings`): categories known, each a list of ratings — numbers in
   * [0, 100] or on the panel's scale, or ballots (objects by criterion) when it has criteria. */
  ratings(t: Extract<TypeSpec, { kind: 'ratings' }>): JsonSchema {
    const rating = t.rating ? numberSchema(t.rating) : { type: 'number', minimum: 0, maximum: 100 };
    const ratingWords = this.words(t.rating?.msg ?? RATING_WORDS);
    let item: JsonSchema = rating;
    if (t.criteria) {
      const all = t.panel.trim?.perBallot === true;
      item = {
        type: 'object', properties: Object.fromEntries(t.criteria.map((c) => [c, rating])), additionalProperties: false, minProperties: 1,
        ...(all && { required: [...t.criteria] }),
        description: this.words(W.ballot({ criteria: t.criteria, all: all ? W.ballotAll() : '' })),
      };
    }
    const properties = Object.fromEntries(t.panel.categories.map((c) => [c.name.name, {
      ...(c.label && { title: c.label.value }), type: 'array', items: item,
    }]));
    return {
      ...(t.panel.label && { title: t.panel.label.value }),
      type: 'object', properties, additionalProperties: false,
      description: this.words(W.ratings({ panel: t.panel.name.name, rating: ratingWords })),
    };
  }

  /** `results of` / `past`: a list of result records; related: one record, or null when allowed. */
  periodResults(spec: PeriodResultsSpec, description: string): JsonSchema {
    const record = this.resultRecord(spec);
    if (spec.form !== 'related') return { type: 'array', items: record, description };
    if (spec.missing !== 'zero') return { ...record, description: this.words(W.relatedNeeded({ type: description })) };
    return { anyOf: [record, { type: 'null' }], description: this.words(W.related({ type: description })) };
  }

  /** One result record (periods/results.ts `record`), each key in English or Chinese. */
  resultRecord(spec: PeriodResultsSpec): JsonSchema {
    const grade = spec.members ? { enum: [...spec.members.keys(), null] } : { type: ['string', 'null'] };
    const own: Record<string, JsonSchema> = {
      period: { type: 'string' },
      score: { anyOf: [{ type: 'number' }, { type: 'string', pattern: SCORE_TEXT }, { type: 'null' }] },
      grade,
      imported: { type: 'boolean' },
    };
    const properties: Record<string, JsonSchema> = {};
    const pairs = Object.entries(PERIOD_RESULT_FIELDS);
    for (const [en, zh] of pairs) properties[en] = properties[zh] = own[en];
    return {
      type: 'object', properties, additionalProperties: false,
      anyOf: [{ required: ['period'] }, { required: [PERIOD_RESULT_FIELDS.period] }],
      not: { anyOf: pairs.map(([en, zh]) => ({ required: [en, zh] })) },
      description: this.words(W.record()),
    };
  }
}

/** A number type (validate.ts `number`): integer or not, its value set or its bounds. */
function numberSchema(t: Extract<TypeSpec, { kind: 'number' }>): JsonSchema {
  const s: JsonSchema = { type: t.integer ? 'integer' : 'number' };
  if (t.oneOf) return { ...s, enum: t.oneOf.values.map(num) };
  if (t.lo) s[t.lo.inclusive ? 'minimum' : 'exclusiveMinimum'] = num(t.lo.value);
  if (t.hi) s[t.hi.inclusive ? 'maximum' : 'exclusiveMaximum'] = num(t.hi.value);
  return s;
}

/** Whether a field must be given (validate.ts `fields`): no usable default, and not a related result
 * that may be absent (`missing zero`: periods/related.ts). */
function isRequired(f: FieldSpec): boolean {
  if (f.type.kind === 'periodResults' && f.type.spec.form === 'related') return f.type.spec.missing !== 'zero';
  return !(f.hasDefault && f.default !== undefined);
}

/** The JSON Schema of one subject's `input` under the plan's contract, words in `lang`. */
export function inputSchemaOf(plan: Plan, lang: Locale = 'en'): JsonSchema {
  const b = new Builder(lang);
  const scheme = plan.checked.scheme;
  const fields = scheme.decls.flatMap((d) => (d.kind === 'Input' ? d.fields : []));
  const body = b.fields(plan.contract, fields);
  const version = plan.version !== undefined ? W.version({ version: plan.version }) : '';
  return {
    $schema: DRAFT_2020_12,
    title: b.words(W.title({ scheme: scheme.label?.value ?? plan.id })),
    description: b.words(W.scheme({ id: plan.id, version })),
    ...body,
    ...(Object.keys(b.defs).length > 0 && { $defs: b.defs }),
  };
}
