// Inputs filled with results of periods (issue 14) in a sheet. The contract types them as a JSON
// value ('unknown', with `results` saying which form): here they get the shape a sheet can hold.
// - The related subject's result (`results of 领导班子考核 for 班子`, ONE record) is four sub-columns,
//   `班子结果.考核期` / `.得分` / `.考核等次` / `.导入` (or `.period` / `.score` / `.grade` / `.imported`):
//   read by columns.ts like any record, keys in English as the API takes them. All four left empty =
//   no result (the scheme's missing policy decides: KH-E057 or the zero record).
// - The list forms (`results of 平时考核 quarterly`, `past 3 years`) are one cell of JSON,
//   `[{"考核期": "2026-Q1", "得分": 92, "考核等次": "优秀"}, …]`: four sub-columns per period would
//   make 16 columns for a year of quarters, and in a round the server fills them anyway.
// None is a required column of a round's input sheets: in a round the server fills them from final
// results. A person trying a scheme out (`kaohe eval`, the editor's batch panel) writes a list form:
// `[]` is "no results", an empty cell a missing input (the engine's KH-E002, whose message says to
// write `[]`: roster.ts) — kept so (V11 trial MED-1) rather than reading an empty cell as `[]`: a
// cell forgotten would silently mean "no results" and change a grade (fewer than two quarters →
// 不定等次, no 往年 → no 连续优秀). So the template's notes say it in the 必填 column too (“试算时必填”,
// requiredList) and in words (what to write, that a round fills it in); the related form's
// sub-columns all empty are "no result" and not required.

import { defineMessages, type Locale, type Msg } from '../dsl/i18n/index.js';
import { canonicalIn, PERIOD_RESULT_FIELDS } from '../dsl/keywords.js';
import type { FieldSpec, TypeSpec } from '../dsl/service/index.js';
import type { ResultsSpec } from '../dsl/service/contract.js';
import { M } from './messages.js';

export const R = defineMessages('sheetsResults', {
  en: {
    annual: 'annual', quarterly: 'quarterly', monthly: 'monthly',
    notePart: '“{field}”, the result in “{scheme}” of the subject named in column “{subject}”, this period: {part}',
    partPeriod: 'its period (write this evaluation’s period, such as “2026”)',
    partScore: 'its score',
    partGrade: 'its grade',
    partImported: 'whether it is an imported past result (yes/no, may be left empty)',
    noteResultsOf: '“{field}”: the {unit} results of “{scheme}” within this period',
    notePast: '“{field}”: this scheme’s results of the {n} {unit} periods before this one',
    acceptsList: 'JSON in one cell, a list of results such as {example}; [] = no results',
    requiredList: 'required to try the scheme out ([] for none); filled in by the server in a round',
    hintRelated: 'Column “{column}” and the columns beside it (“{field}”): in an assessment round the server fills them in from the final (or imported) results of “{scheme}”, so leave them out of a round’s input sheets. To try the scheme out here, write the related subject’s result: its period, score and grade; all empty = no result (the scheme’s “missing” rule decides).',
    hintList: 'Column “{column}”: in an assessment round the server fills it in from the final (or imported) results; to try the scheme out here, write the results as JSON in the cell, such as {example}, and [] for no results (the scheme’s “missing” rule decides); the cell may not be left empty.',
  },
  zh: {
    annual: '年度', quarterly: '季度', monthly: '月度',
    notePart: '“{field}”：“{subject}”列所填对象本考核期在“{scheme}”中的结果，此列为{part}',
    partPeriod: '考核期（填写本次考核的考核期，如“2026”）',
    partScore: '得分',
    partGrade: '考核等次',
    partImported: '是否为导入的历年结果（是/否，可不填）',
    noteResultsOf: '“{field}”：本考核期内各{unit}考核期在“{scheme}”中的结果',
    notePast: '“{field}”：本方案在本期之前 {n} 个{unit}考核期的结果',
    acceptsList: '一个单元格内写 JSON 结果列表，如 {example}；没有结果写 []',
    requiredList: '单独试算时必填（没有结果写 []）；考核批次中由服务器填入',
    hintRelated: '“{column}”等列（“{field}”）：在考核批次中由服务器按“{scheme}”已定案（或导入）的结果自动填入，批次的输入表不必含这几列；在此单独试算时，填写所引用对象的结果，即考核期、得分、考核等次；全部留空表示没有结果，按方案的缺失规则处理。',
    hintList: '“{column}”列：在考核批次中由服务器按已定案（或导入）的结果自动填入；在此单独试算时，在单元格内以 JSON 填写各期结果，如 {example}；没有结果写 []，按方案的缺失规则处理；不能留空。',
  },
});

type Part = 'period' | 'score' | 'grade' | 'imported';
const PARTS = Object.keys(PERIOD_RESULT_FIELDS) as Part[];
const PART_NOTE = { period: R.partPeriod, score: R.partScore, grade: R.partGrade, imported: R.partImported } as const;

/** One result record's fields; `locale` 'zh' names them in Chinese (the template's headers), else in
 * English as the API does (what the reader produces). The other language is the label, so a header
 * in either reads back. */
function recordType(r: ResultsSpec, locale: Locale | 'api'): TypeSpec {
  const zh = locale === 'zh';
  const grade: TypeSpec = r.grades ? { kind: 'enum', name: '', members: r.grades.map((name) => ({ name })) } : { kind: 'text' };
  const types: Record<Part, TypeSpec> = { period: { kind: 'text' }, score: { kind: 'number' }, grade, imported: { kind: 'bool' } };
  return {
    kind: 'record',
    fields: PARTS.map((p) => ({
      name: zh ? PERIOD_RESULT_FIELDS[p] : p, label: zh ? p : PERIOD_RESULT_FIELDS[p], type: types[p], required: p === 'period',
      ...(p === 'imported' ? { default: false } : {}),
    })),
  };
}

/** The fields as a sheet lays them out and reads them: results fields typed as a record (related) or
 * a list of records in one JSON cell (layout.ts keeps a `results` list in one column), none required. */
export function sheetFields(fields: readonly FieldSpec[], locale: Locale | 'api' = 'api'): FieldSpec[] {
  return fields.map((f) => {
    if (!f.results || f.type.kind !== 'unknown') return f;
    const rec = recordType(f.results, locale);
    return { ...f, required: false, type: f.results.form === 'related' ? rec : { kind: 'list', element: rec } };
  });
}

/** An example's value of a related field with its keys in `locale` (a `given` may write either). */
export function localRecord(v: unknown, locale: Locale): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const p = canonicalIn(PERIOD_RESULT_FIELDS, k);
    out[p ? (locale === 'zh' ? PERIOD_RESULT_FIELDS[p] : p) : k] = x;
  }
  return out;
}

const UNIT = { annual: R.annual, quarterly: R.quarterly, monthly: R.monthly } as const;

/** A JSON example of a list form: its first sub-period (or the period before), keys in `locale`,
 * the score 92 with the best grade (V11 trial LOW-5: not 92 with 较差, the first of an `ordered` enum). */
export function listExample(r: ResultsSpec, locale: Locale): string {
  const period = r.unit === 'quarterly' ? (r.form === 'past' ? '2025-Q4' : '2026-Q1') : r.unit === 'monthly' ? (r.form === 'past' ? '2025-12' : '2026-01') : '2025';
  const k = (p: Part) => (locale === 'zh' ? PERIOD_RESULT_FIELDS[p] : p);
  const grade = bestGrade(r);
  return `[{"${k('period')}": "${period}", "${k('score')}": 92${grade ? `, "${k('grade')}": "${grade}"` : ''}}]`;
}

/** The best of a results field's grades: an `ordered` enum's last (lowest first), else the first
 * (a scheme's grades, and an enum listed as they are, best first). */
const bestGrade = (r: ResultsSpec): string | undefined => (r.ordered ? r.grades?.at(-1) : r.grades?.[0]);

/** The listExample of a list-form results field (in both languages, for a message), else undefined. */
export function listExampleMsg(r: ResultsSpec | undefined): Msg | undefined {
  if (!r || r.form === 'related') return undefined;
  return M.localName({ en: listExample(r, 'en'), zh: listExample(r, 'zh') });
}

/** The notes sheet's 必填 cell of a list-form results column (requiredList), else undefined. */
export function resultsRequired(top: FieldSpec, steps: number): Msg | undefined {
  return top.results && top.results.form !== 'related' && steps === 1 ? R.requiredList() : undefined;
}

/** The notes sheet's “what it holds” and “what it accepts” of a results field's column, when `top`
 * is one (else undefined). `part`: the sub-column's record field, for the related form. */
export function resultsNote(top: FieldSpec, part: string | undefined, locale: Locale): { note: Msg; accepts?: Msg } | undefined {
  const r = top.results;
  if (!r) return undefined;
  const field = top.label ?? top.name;
  if (r.form === 'related') {
    const p = part === undefined ? undefined : canonicalIn(PERIOD_RESULT_FIELDS, part) as Part | undefined;
    if (!p) return undefined;
    return { note: R.notePart({ field, scheme: r.scheme ?? '', subject: r.subjectField ?? '', part: PART_NOTE[p]() }) };
  }
  const unit = UNIT[r.unit ?? 'annual']();
  const note = r.form === 'past' ? R.notePast({ field, n: r.count ?? 0, unit }) : R.noteResultsOf({ field, scheme: r.scheme ?? '', unit });
  return { note, accepts: R.acceptsList({ example: listExample(r, locale) }) };
}

/** The notes sheet's hint lines for the results fields: what to write, that a round fills them in.
 * `firstColumn(name)`: the header of the field's first column. */
export function resultsHints(fields: readonly FieldSpec[], firstColumn: (name: string) => string | undefined, locale: Locale): Msg[] {
  const out: Msg[] = [];
  for (const f of fields) {
    const column = f.results && firstColumn(f.name);
    if (!f.results || column === undefined) continue;
    out.push(f.results.form === 'related'
      ? R.hintRelated({ column, field: f.label ?? f.name, scheme: f.results.scheme ?? '' })
      : R.hintList({ column, example: listExample(f.results, locale) }));
  }
  return out;
}
