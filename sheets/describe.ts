// What a column accepts, in words, for messages (`应为整数，不小于 0`) and for the template's notes
// sheet: built as Msgs from the scheme's input contract (dsl/service/contract.ts, plain data the
// editor has too), so both locales come from one description. A period result's fields (`score`/`得分`)
// are named in the reader's language, and a JSON cell's problem shows an example of its form (U5 A-14).

import { render, type Msg, type MsgArg } from '../dsl/i18n/index.js';
import { canonicalIn, PERIOD_RESULT_FIELDS } from '../dsl/keywords.js';
import type { OneOfSpec } from '../dsl/service/contract.js';
import type { FieldSpec, TypeSpec } from '../dsl/service/index.js';
import { shortestDecimal } from './decimal.js';
import { M } from './messages.js';

/** `inCells`: the words of a sheet's cell (a list of scalars `separated by “、”`); false for a JSON
 * line, where a list is a JSON array (user trial U7-8). */
export function describeType(t: TypeSpec, inCells = true): Msg {
  switch (t.kind) {
    case 'number': case 'integer': return describeNumber(t);
    case 'bool': return M.typeBool();
    case 'text': return M.typeText();
    case 'date': return M.typeDate();
    case 'enum': return M.typeEnum({ members: t.members.map((m) => m.name) });
    case 'list': {
      // Scalars share one cell, separated by “、”; records go in numbered columns or JSON.
      const scalar = t.element.kind !== 'list' && t.element.kind !== 'record' && t.element.kind !== 'ratings';
      let out = M.typeList({ element: describeType(t.element, inCells) });
      if (scalar && inCells) out = M.typeAnd({ first: out, second: M.typeSeparated() });
      const length = t.min !== undefined && t.max !== undefined ? M.typeListBetween({ min: t.min, max: t.max })
        : t.min !== undefined ? M.typeListMin({ min: t.min }) : t.max !== undefined ? M.typeListMax({ max: t.max }) : undefined;
      return length ? M.typeAnd({ first: out, second: length }) : out;
    }
    case 'record': return M.typeRecord({ fields: t.fields.map(fieldName) });
    case 'ratings': return M.typeRatings({ categories: t.categories.map((c) => c.name) });
    case 'unknown': return M.typeUnknown();
  }
}

/** A record field's name in a message: a period result's field (a sheet reads `score` or `得分`, the
 * other being its label) in the reader's language, any other as declared. */
function fieldName(f: FieldSpec): MsgArg {
  const en = canonicalIn(PERIOD_RESULT_FIELDS, f.name);
  const zh = en === undefined ? undefined : PERIOD_RESULT_FIELDS[en];
  return en !== undefined && zh !== undefined && (f.label === zh || f.label === en) ? M.localName({ en, zh }) : f.name;
}

/** One JSON example of a record or a list of records, its fields without a default (at most four):
 * `[{"考核期": "2026-Q1", "得分": 90, "考核等次": "优秀"}]`, keys as fieldName gives them. */
export function jsonExample(t: TypeSpec): Msg {
  const rec = t.kind === 'list' ? t.element : t;
  const fields = rec.kind === 'record' ? rec.fields.filter((f) => f.default === undefined).slice(0, 4) : [];
  const text = (lang: 'en' | 'zh') => {
    const key = (f: FieldSpec) => { const n = fieldName(f); return typeof n === 'string' ? n : render(n as Msg, lang); };
    const body = `{${fields.map((f) => `${JSON.stringify(key(f))}: ${JSON.stringify(sample(f))}`).join(', ')}}`;
    return t.kind === 'list' ? `[${body}]` : body;
  };
  return M.localName({ en: text('en'), zh: text('zh') });
}

/** An example of a list's items as the reader takes them (a missing list's message, user trial of
 * session 10): records as JSON (jsonExample); scalars `90、85` in a cell, `[90, 85]` on a JSON line
 * (`inCells` false); undefined for a list of lists or ratings (no short form to show). */
export function listExample(t: Extract<TypeSpec, { kind: 'list' }>, inCells = true): Msg | string | undefined {
  const e = t.element;
  if (e.kind === 'record') return jsonExample(t);
  if (e.kind === 'list' || e.kind === 'ratings' || e.kind === 'unknown') return undefined;
  const items = [0, 1].map((i) => {
    if (e.kind === 'enum') return e.members[Math.min(i, e.members.length - 1)]?.name ?? '';
    if (e.kind !== 'number' && e.kind !== 'integer') return sample({ name: '', type: e, required: true });
    if (e.oneOf) return e.oneOf.values[Math.min(i, e.oneOf.values.length - 1)];
    return Math.min(Math.max(e.kind === 'number' ? 90 - 5 * i : 1 + i, e.min ?? -Infinity), e.max ?? Infinity);
  });
  const shown = items.slice(0, Math.max(1, Math.min(2, t.max ?? 2)));
  return inCells ? shown.map((x) => (typeof x === 'number' ? shortestDecimal(x) : String(x))).join('、')
    : `[${shown.map((x) => JSON.stringify(x)).join(', ')}]`;
}

/** A value of the field's type for an example (a period as a quarter: its form, whatever the unit). */
function sample(f: FieldSpec): unknown {
  const t = f.type;
  switch (t.kind) {
    case 'number': case 'integer': return Math.min(Math.max(t.kind === 'number' ? 90 : 1, t.min ?? -Infinity), t.max ?? Infinity);
    case 'bool': return false;
    case 'date': return '2026-01-01';
    case 'enum': return t.members[0]?.name ?? '';
    case 'text': return canonicalIn(PERIOD_RESULT_FIELDS, f.name) === 'period' ? '2026-Q1' : '…';
    default: return t.kind === 'list' ? [] : null;
  }
}

function describeNumber(t: Extract<TypeSpec, { kind: 'number' | 'integer' }>): Msg {
  if (t.oneOf) return describeOneOf(t.oneOf);
  const type = t.kind === 'integer' ? M.typeInteger() : M.typeNumber();
  const lo = t.min === undefined ? undefined : shortestDecimal(t.min);
  const hi = t.max === undefined ? undefined : shortestDecimal(t.max);
  if (lo !== undefined && hi !== undefined && !t.minExclusive && !t.maxExclusive) return M.typeRange({ type, lo, hi });
  if (lo !== undefined) return t.minExclusive ? M.typeAbove({ type, lo }) : M.typeAtLeast({ type, lo });
  if (hi !== undefined) return t.maxExclusive ? M.typeBelow({ type, hi }) : M.typeAtMost({ type, hi });
  return type;
}

/** Values restricted to a set or a scale (issue 12): its values, by tier when the tiers are named. */
export function describeOneOf(o: OneOfSpec): Msg {
  const values = (xs: number[]) => xs.map(shortestDecimal);
  if (!o.tiers.some((x) => x.name)) return M.typeOneOf({ values: values(o.values) });
  return M.typeScale({ scale: o.label ?? o.scale ?? '', tiers: o.tiers.map((x) => (x.name ? M.typeTier({ name: x.name, values: values(x.values) }) : values(x.values).join('、'))) });
}

/** A ballots column (`测评票.本处室.德`): one rating per ballot, “-” for a blank, on the panel's scale. */
export const describeBallotScores = (scale?: OneOfSpec): Msg =>
  scale ? M.typeAnd({ first: M.typeBallotScores(), second: describeOneOf(scale) }) : M.typeBallotScores();

/** The description of a ratings category column (`满意度评价.群众`). */
export const describeScores = (): Msg => M.typeScores();
