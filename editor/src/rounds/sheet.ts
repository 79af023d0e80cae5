// Spreadsheets for a round, read in the browser with the editor's sheets/ readers (the same ones
// the batch panel uses): the roster — 编号, 单位, 状态 (参加 / 不参加 / 不定等次), 计入基数, and any other
// column (姓名, 职务…) kept as the person's display fields — and a part of the inputs, read against
// the round's scheme version with readRoster like a batch, except that no input is required: a part
// holds the columns its sender has (attendance from the office, ratings from the rating system).
// Problems name the row and column in the UI language; nothing half-read is sent.

import type { FieldSpec } from '../../../dsl/service/index.js';
import { render } from '../../../dsl/i18n/index.js';
import { decodeText, ID_HEADERS, idColumnOf, parseCsv, readXlsxRows, sheetChoice, type Cell, type RosterRules, type SheetRow } from '../../../sheets/index.js';
import { emptyRoster } from '../../../sheets/roster.js';
import { lang } from '../i18n.js';
import { readSubjects, xlsxOverLimit, type Line, type RosterFile } from '../roster-input.js';
import type { InputSubject, MemberStatus, RosterMember } from './api.js';
import { tr } from './i18n.js';

/** `notices`: what the read says besides problems (the sheet read, hidden sheets passed over, the
 * template's example row, extra columns…), as the batch panel shows them; `gbk`: a CSV read as GBK. */
export type Read<T> = { ok: true; items: T[]; notices: string[]; gbk?: boolean } | { ok: false; problems: Line[] };

const UNIT = ['单位', 'unit', '所在单位'];
const STATUS = ['状态', 'status', '考核状态', '参加情况'];
const COUNTS = ['计入基数', 'countsinbase', '计入比例基数'];
/** 试用期 and 新录用 are what rosters write for people evaluated without a grade (issue 14 item 3). */
const STATUS_WORDS: Record<string, MemberStatus> = {
  参加: 'take', take: 'take', 不参加: 'absent', absent: 'absent', 不定等次: 'ungraded', ungraded: 'ungraded', 试用期: 'ungraded', 新录用: 'ungraded',
};
const YES = ['是', 'yes', 'true', '1', 'y'], NO = ['否', 'no', 'false', '0', 'n'];

const text = (c: Cell | undefined): string =>
  c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim();

/** The rows of an uploaded file (.xlsx, or CSV / tab-separated text in UTF-8 or GBK). A workbook's
 * sheet is chosen as the batch page and `kaohe eval` choose it (sheets/sheet-choice.ts: 名单, else the
 * header naming most of `fields` and the id, never a hidden one — a WPS export's 说明 sheet first is
 * passed over: U6 M-1), with its notice naming the sheet read. */
async function rowsOf(file: RosterFile, fields: readonly FieldSpec[]): Promise<{ rows: SheetRow[]; notices: string[] } | { problem: string }> {
  if (/\.xlsx$/i.test(file.name)) {
    const roster = emptyRoster(fields);
    try {
      const rows = await readXlsxRows(file.bytes, sheetChoice(roster));
      return { rows, notices: roster.notices.map((n) => render(n.msg, lang)) };
    } catch (e) { return { problem: xlsxOverLimit(e, file.name) ?? tr('rosterNotXlsx', { file: file.name }) }; }
  }
  return { rows: parseCsv(decodeText(file.bytes).text), notices: [] };
}

/** The roster as PUT /api/rounds/:id/roster takes it; `fields`: the round's scheme inputs (which
 * sheet of a workbook is the roster). */
export async function readMembers(file: RosterFile, fields: readonly FieldSpec[] = []): Promise<Read<RosterMember>> {
  const got = await rowsOf(file, fields);
  if ('problem' in got) return { ok: false, problems: [got.problem] };
  const filled = got.rows.filter((r) => r.cells.some((c) => text(c) !== ''));
  const at = filled.findIndex((r) => idColumnOf(r.cells.map(text)) >= 0);
  if (at < 0) return { ok: false, problems: [tr('rosterNoId', { names: ID_HEADERS.map((n) => `“${n}”`).join(lang === 'zh' ? '、' : ', ') })] };
  const head = filled[at].cells.map(text);
  const find = (names: string[]) => head.findIndex((h) => names.includes(h.toLowerCase()));
  const id = idColumnOf(head); // as the command line picks it (sheets/columns.ts)
  const unit = find(UNIT), status = find(STATUS), counts = find(COUNTS);
  const problems: Line[] = [];
  const seen = new Map<string, number>();
  const items: RosterMember[] = [];
  for (const r of filled.slice(at + 1)) {
    const cell = (i: number) => (i < 0 ? '' : text(r.cells[i]));
    const who = cell(id);
    if (who === '') { problems.push(tr('rosterBlankId', { row: r.row })); continue; }
    if (seen.has(who)) { problems.push(tr('rosterDuplicate', { row: r.row, id: who, first: seen.get(who)! })); continue; }
    seen.set(who, r.row);
    const st = cell(status);
    const standing = st === '' ? 'take' : STATUS_WORDS[st.toLowerCase()];
    if (!standing) problems.push(tr('rosterBadStatus', { row: r.row, column: head[status], value: st }));
    const c = cell(counts).toLowerCase();
    if (c !== '' && !YES.includes(c) && !NO.includes(c)) problems.push(tr('rosterBadBool', { row: r.row, column: head[counts], value: cell(counts) }));
    const display: Record<string, unknown> = {};
    head.forEach((h, i) => {
      if (h === '' || i === id || i === unit || i === status || i === counts) return;
      const v = r.cells[i];
      if (v !== null && v !== undefined && text(v) !== '') display[h] = typeof v === 'number' ? v : text(v);
    });
    items.push({
      id: who, status: standing ?? 'take',
      ...(cell(unit) !== '' ? { unit: cell(unit) } : {}),
      ...(NO.includes(c) ? { countsInBase: false } : {}),
      ...(Object.keys(display).length ? { display } : {}),
    });
  }
  if (problems.length) return { ok: false, problems };
  if (!items.length) return { ok: false, problems: [tr('rosterNoRows')] };
  return { ok: true, items, notices: got.notices };
}

/** A part of the inputs, against the round's scheme: only the columns the file has are sent. */
export async function readInputs(file: RosterFile, fields: readonly FieldSpec[], rules: RosterRules): Promise<Read<InputSubject>> {
  const optional = fields.map((f) => ({ ...f, required: false }));
  const read = await readSubjects(file, optional, rules);
  if (!read.ok) return read;
  // The columns the server fills from stored results (季度结果, 往年: kaohe's own roster template has
  // them) are not the sender's to give: left out, one notice per column, never one per person (U6 M-4).
  const filled = new Set(fields.filter((f) => f.results).map((f) => f.name));
  const left = new Set<string>();
  const items = read.subjects.map((s) => {
    const input = Object.fromEntries(Object.entries(s.input).filter(([k]) => !(filled.has(k) && left.add(k))));
    return { id: s.id, input, ...(s.decision !== undefined ? { decision: s.decision } : {}) };
  });
  const notices = [...read.notices, ...[...left].map((field) => tr('filledColumnLeft', { field }))];
  return { ok: true, notices, ...(read.gbk && { gbk: true }), items };
}
