// A roster template generated from a scheme: a sheet with the header row (the id, 姓名, then every
// input's columns as layout.ts lays them out), one example row (the scheme's first `example`, or
// values made from the contract when it has none), drop-downs for enum and yes/no columns, ids as
// text; and a notes sheet (说明) saying what each column holds and accepts, whether it is required
// and its default. Filled in and read back by roster.ts, it gives the example's input again.
// The example row evaluates as it stands (black-box trial, session 10: `kaohe eval` of a quarterly
// template failed on its own example): a scheme whose examples are all cohorts (`已知 …` several
// people) has no one person's input in the contract, so one is made up — and a made-up text is a
// word (示例), a date the period's first day, a list of period results `[]` (no results), never an
// empty cell the engine then calls missing. test/sheets/template-example-u11.test.ts runs it for
// every scheme in schemes/ and the spec's examples.

import { isPeriod, parsePeriod } from '../dsl/dates.js';
import { render, type Locale } from '../dsl/i18n/index.js';
import { DECISION_REASON_MAX as MAX_REASON } from '../dsl/keywords.js';
import type { PeriodSpec } from '../dsl/service/contract.js';
import type { Contract, FieldSpec, TypeSpec } from '../dsl/service/index.js';
import { D } from './decision-words.js';
import { DECISION_HEADERS } from './decisions.js';
import { choicesOf, inputCell, layoutInputs, leafValue, valueAt, type LeafColumn } from './layout.js';
import { M } from './messages.js';
import { localRecord, resultsHints, resultsNote, resultsRequired, sheetFields } from './period-results.js';
import { widthOf, type OutCell, type SheetColumn, type SheetData, type WorkbookData } from './workbook.js';

/** Rows below the header that get drop-downs and text-formatted ids. */
const INPUT_ROWS = 1000;

export function buildTemplate(contract: Contract, locale: Locale): WorkbookData {
  const words = (m: Parameters<typeof render>[0]) => render(m, locale);
  // A cohort example (issue 13) has no one person's input: the first single-subject example is used.
  const first = contract.examples.find((x) => !x.subjects);
  // Results of periods (issue 14): a related result as sub-columns named in the locale, a list as JSON.
  const fields = sheetFields(contract.fields, locale);
  const example = localResults(first?.input ?? madeUpExample(contract.fields, madeUpWords(contract.period, locale)), fields, locale);
  const leaves = layoutInputs(fields, (path, list) => {
    const given = valueAt(example, [{ name: path }]);
    const n = Math.max(list.min ?? 0, Array.isArray(given) ? given.length : 0, 2);
    return Math.max(1, Math.min(n, list.max ?? n));
  });
  const idHeader = words(M.idHeader());
  // A scheme with an input called 姓名 (`姓名: 文本 显示`, issue 12) has its own column: a second
  // 姓名 column would be read back as the same column twice (and an English `name` beside it is noise).
  const names = new Set([render(M.nameHeader(), 'zh'), render(M.nameHeader(), 'en')]);
  const named = leaves.some((l) => names.has(l.header));
  const nameHeader = named ? undefined : words(M.nameHeader());
  const lead = nameHeader ? 2 : 1;
  const exampleRow: OutCell[] = [first?.name ?? 'A001', ...(nameHeader ? [null] : []), ...leaves.map((l) => inputCell(leafValue(example, l), locale))];
  const columns: SheetColumn[] = [
    { header: idHeader, text: true, width: 20 },
    ...(nameHeader ? [{ header: nameHeader, width: 10 }] : []),
    ...leaves.map((l, i) => ({
      header: l.header,
      width: widthOf([l.header, String(exampleRow[i + lead] ?? '')], 8, 30),
      ...(choicesOf(l.type, locale) ? { choices: choicesOf(l.type, locale) } : {}),
      ...(l.type.kind === 'text' ? { text: true } : {}),
    })),
  ];
  // A scheme `by committee` (issue 13): the decision columns, empty in the example row.
  if (contract.committee) {
    columns.push({ header: DECISION_HEADERS.grade[locale], width: 12, choices: contract.grades }, { header: DECISION_HEADERS.order[locale], width: 12 },
      { header: DECISION_HEADERS.reason[locale], width: 30, text: true });
    exampleRow.push(null, null, null);
  }
  const roster: SheetData = { name: words(M.sheetRoster()), columns, rows: [exampleRow], inputRows: INPUT_ROWS };
  const notes = notesSheet(leaves, idHeader, nameHeader, locale);
  const hints = resultsHints(fields, (name) => leaves.find((l) => l.field.name === name)?.header, locale);
  notes.rows.push(...hints.map((h) => [words(h)]));
  if (contract.committee) {
    const no = words(M.no());
    notes.rows.splice(notes.rows.findIndex((r) => r.length === 0), 0,
      [DECISION_HEADERS.grade[locale], words(D.noteGrade()), words(D.typeGrade({ grades: contract.grades })), no, null],
      [DECISION_HEADERS.order[locale], words(D.noteOrder()), words(D.typeOrder()), no, null],
      [DECISION_HEADERS.reason[locale], words(D.noteReason()), words(D.typeReason({ max: MAX_REASON })), no, null]);
  }
  if (contract.period) notes.rows.push([words(M.hintPeriod({ form: contract.period.form }))]);
  return { sheets: [roster, notes], locale };
}

function notesSheet(leaves: LeafColumn[], idHeader: string, nameHeader: string | undefined, locale: Locale): SheetData {
  const words = (m: Parameters<typeof render>[0]) => render(m, locale);
  const yes = words(M.yes()), no = words(M.no());
  const rows: OutCell[][] = [
    [idHeader, words(M.noteId()), words(M.typeText()), yes, null],
    ...(nameHeader ? [[nameHeader, words(M.noteName()), words(M.typeText()), no, null]] : []),
    ...leaves.map((l): OutCell[] => [
      l.header,
      ...noteCells(l, locale),
      requiredCell(l, yes, no, locale),
      l.default === undefined ? null : inputCell(l.default, locale),
    ]),
    [],
    [words(M.hintRows())],
    [words(M.hintEmpty())],
    [words(M.hintExample())],
    [leaves.some((l) => l.steps.some((s) => 'index' in s)) ? words(M.hintLists({ example: leaves.find((l) => l.steps.some((s) => 'index' in s))!.header })) : words(M.hintNone())],
    ...(leaves.some((l) => l.ballot) ? [[words(M.hintBallots({ example: leaves.find((l) => l.ballot)!.header }))]] : []),
  ];
  const columns: SheetColumn[] = [
    { header: words(M.notesColumn()), width: widthOf(leaves.map((l) => l.header), 10, 30) },
    { header: words(M.notesLabel()), width: 36, wrap: true },
    { header: words(M.notesType()), width: 48, wrap: true },
    // wraps: a list of period results says when it is required (requiredCell), not just 是/否
    { header: words(M.notesRequired()), width: 10, wrap: true },
    { header: words(M.notesDefault()), width: 10 },
  ];
  return { name: words(M.sheetNotes()), columns, rows };
}

/** The notes' 必填 cell: 是/否, or for a list of period results “required to try it out, filled in a
 * round” — as `kaohe eval` reads it (an empty cell is missing, V11 trial MED-1), not a bare 否. */
function requiredCell(l: LeafColumn, yes: string, no: string, locale: Locale): string {
  const list = resultsRequired(l.field, l.steps.length);
  return list ? render(list, locale) : l.required ? yes : no;
}

/** The notes' “holds” and “accepts” cells of a column; a results field's say what it is in words. */
function noteCells(l: LeafColumn, locale: Locale): [string, string] {
  const words = (m: Parameters<typeof render>[0]) => render(m, locale);
  const last = l.steps[l.steps.length - 1];
  const r = resultsNote(l.field, l.steps.length > 1 && 'name' in last ? last.name : undefined, locale);
  return [r ? words(r.note) : typeof l.note === 'string' ? l.note : words(l.note), words(r?.accepts ?? l.accepts)];
}

/** The example's related results with their keys as the template's headers name them. */
function localResults(input: Record<string, unknown>, fields: readonly FieldSpec[], locale: Locale): Record<string, unknown> {
  const out = { ...input };
  for (const f of fields) if (f.results?.form === 'related' && Object.hasOwn(out, f.name)) out[f.name] = localRecord(out[f.name], locale);
  return out;
}

/** The values a made-up example writes where the contract gives no bound or member: a text (in the
 * template's language) and a date (the first day of the scheme's period, else of its year's form). */
interface MadeUpWords { text: string; date: string }

function madeUpWords(period: PeriodSpec | undefined, locale: Locale): MadeUpWords {
  const p = parsePeriod(period?.form ?? '2026', period?.kind);
  return { text: render(M.exampleText(), locale), date: isPeriod(p) ? p.start : '2026-01-01' };
}

/** An example input when the scheme has none (its examples are all cohorts): defaults, else the
 * smallest allowed value, the first member, 否, one score of 90, a word, the period's first day; a
 * list of period results (`results of …`, `past N years`) as none, `[]` — the server fills them in a
 * round, and an empty cell would be a missing input to `kaohe eval`. A related result (one record)
 * stays empty: “no result”, which the scheme's missing rule decides. */
function madeUpExample(fields: readonly FieldSpec[], words: MadeUpWords): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = f.default !== undefined ? f.default : f.results ? (f.results.form === 'related' ? undefined : []) : madeUp(f.type, words);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

function madeUp(t: TypeSpec, words: MadeUpWords): unknown {
  switch (t.kind) {
    case 'number': case 'integer': if (t.oneOf?.values.length) return t.oneOf.values[0];
      return t.min !== undefined ? (t.minExclusive ? t.min + 1 : t.min) : 0;
    case 'bool': return false;
    case 'text': return words.text;
    case 'date': return words.date;
    case 'enum': return t.members[0]?.name;
    case 'list': { const e = madeUp(t.element, words); return e === undefined ? [] : Array.from({ length: Math.max(1, t.min ?? 1) }, () => e); }
    case 'record': return madeUpExample(t.fields, words);
    case 'ratings': {
      const v = t.scale?.values[0] ?? 90;
      return Object.fromEntries(t.categories.map((c) => [c.name, t.criteria ? [Object.fromEntries(t.criteria.map((e) => [e.name, v]))] : [v]]));
    }
    case 'unknown': return undefined;
  }
}
