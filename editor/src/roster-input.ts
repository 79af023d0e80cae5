// What the cohort panel evaluates: an uploaded roster (.xlsx, or .csv in UTF-8 or GBK) or pasted
// text (a table copied from Excel, CSV, or JSON), read into the engine's subjects by sheets/ — the
// id column, the scheme's inputs by name, every other column (姓名, 科室, 职务) kept as the person's
// display fields. Problems name the row and column (第 7 行 “结案数” 列) in the UI language; notices
// (the extra columns, a column whose name is close to an input's) are said once, never as errors.
// The roster is kept with the subjects, so the server's input errors (`subjects[6].input.结案数`)
// can be named by row and column too (locateErrors).

import type { EvalError, SubjectInput } from '../../engine/api.js';
import type { FieldSpec } from '../../dsl/service/index.js';
import { render } from '../../dsl/i18n/index.js';
import {
  decodeText, locateErrors, parseCsv, readRoster, readXlsxRoster, xlsxLimitProblem, type Roster, type RosterRules, type SheetNotice, type SheetProblem, type SheetRow,
} from '../../sheets/index.js';
import { looksLikeJson, parseJsonSubjects } from './cohort-data.js';
import { h } from './dom.js';
import { lang } from './i18n.js';
import { tb, tbNodes } from './i18n-batch.js';

/** A roster file as uploaded: its name and bytes (read again on each evaluation, against the
 * scheme's inputs as they are then). */
export interface RosterFile { name: string; bytes: ArrayBuffer }

/** A line of words, with code (a JSON shape) as `<code>`. */
export type Line = string | (Node | string)[];

export type RosterRead =
  | { ok: true; subjects: SubjectInput[]; roster?: Roster; notices: string[]; gbk?: boolean }
  | { ok: false; problems: Line[] };

const words = (p: SheetProblem | SheetNotice) => render(p.msg, lang);

/** The words for a dropped .xlsx refused over a limit (a run of text no cell holds, too large to read
 * in the page), or undefined when it is simply not a valid file. */
export function xlsxOverLimit(e: unknown, file: string): string | undefined {
  const over = xlsxLimitProblem(e, file);
  return over && render(over, lang);
}

/** Reads a file or pasted text against the scheme's input fields; `rules` (sheets' rosterRules): its
 * grades and whether it is `by committee`, for the committee decision columns (issue 13), and the
 * template's example, noticed when a row is it (user trial U4, MED-4). */
export async function readSubjects(source: RosterFile | string, fields: readonly FieldSpec[], rules: RosterRules = {}): Promise<RosterRead> {
  if (typeof source === 'string') return source.trim() === '' ? { ok: false, problems: [tb('rosterEmpty')] } : fromText(source, fields, rules);
  const ext = /\.([^.]+)$/.exec(source.name)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xlsx') {
    // The sheet a user means (名单, else the one whose header names the most inputs): as `kaohe eval` reads it.
    let roster: Roster;
    try { roster = await readXlsxRoster(source.bytes, fields, rules); } catch (e) { return { ok: false, problems: [xlsxOverLimit(e, source.name) ?? tb('rosterNotXlsx', { file: source.name })] }; }
    return fromRoster(roster);
  }
  if (ext === 'xls' || ext === 'et' || ext === 'wps') return { ok: false, problems: [tb('rosterOldExcel', { file: source.name })] };
  const { text, encoding } = decodeText(source.bytes);
  const read = await fromText(text, fields, rules);
  return read.ok && encoding === 'gb18030' ? { ...read, gbk: true } : read;
}

async function fromText(text: string, fields: readonly FieldSpec[], rules: RosterRules): Promise<RosterRead> {
  if (looksLikeJson(text)) {
    const r = parseJsonSubjects(text);
    if ('problem' in r) {
      const p = r.problem;
      const shape = () => tbNodes('jsonShape', { example: h('code', {}, '{"subjects": [{"id": …, "input": {…}}, …]}') });
      return { ok: false, problems: [p.kind === 'shape' ? shape() : p.at !== undefined ? tb('jsonSyntaxAt', { at: p.at }) : tb('jsonSyntax')] };
    }
    return { ok: true, subjects: r.subjects, notices: [] };
  }
  return fromRows(parseCsv(text), fields, rules);
}

async function fromRows(rows: SheetRow[], fields: readonly FieldSpec[], rules: RosterRules): Promise<RosterRead> {
  return fromRoster(await readRoster(rows, fields, rules));
}

function fromRoster(roster: Roster): RosterRead {
  if (roster.problems.length) return { ok: false, problems: roster.problems.map(words) };
  if (!roster.subjects.length) return { ok: false, problems: [tb('rosterEmpty')] };
  return { ok: true, subjects: roster.subjects, roster, notices: roster.notices.map(words) };
}

/** The server's input errors for a roster's subjects, by row and column; undefined without a roster
 * (JSON input: the panel lists the errors at their paths). */
export function rosterErrors(read: RosterRead, details: readonly unknown[]): string[] | undefined {
  if (!read.ok || !read.roster) return undefined;
  const errors = details.filter((d): d is EvalError => typeof (d as EvalError)?.code === 'string' && typeof (d as EvalError).message === 'string');
  if (errors.length !== details.length) return undefined;
  // Without `msg`: its words are the engine's catalog, which this page does not load; `message` is
  // already in the UI language (the server answers in the request's Accept-Language).
  return locateErrors(read.roster, errors.map(({ msg: _, ...e }) => e)).map(words);
}
