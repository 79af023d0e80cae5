// Committee decisions in a roster (issue 13): a scheme whose grades are decided `by committee` takes,
// per person, the decided grade, an order (who keeps a quota grade when the scores do not say) and
// the reason, which is required. A roster carries them in three optional columns — 研究决定等次,
// 研究决定排序, 研究决定理由 (English: decision grade / decision order / decision reason; either
// language's header is read whatever the UI language) — read here into SubjectInput.decision
// (`{grade?, order?, reason}`), the shape the API and the engine take.
//
// What a person can get wrong in those cells is said at the cell (`第 5 行 “研究决定排序” 列：…`)
// before anything is evaluated: an order that is not a whole number from 1, a grade the scheme does
// not have (when the grades are known), a decision without its reason, a reason without a decision.
// The engine checks the same again (KH-E046); its errors at `subjects[4].decision.order` come back to
// the same cell through roster.ts's locateErrors.

import type { Msg } from '../dsl/i18n/index.js';
import { DECISION_REASON_MAX as MAX_REASON } from '../dsl/keywords.js';
import { cellText } from './cells.js';
import { readDecimal } from './decimal.js';
import { D } from './decision-words.js';
import type { Cell } from './table.js';
import { isBlank } from './table.js';

export type DecisionField = 'grade' | 'order' | 'reason';

/** The decision as the engine takes it (SubjectInput.decision). */
export interface Decision { grade?: string; order?: number; reason: string }

/** The headers of the decision columns, per language: results are written with these, rosters read
 * with either. */
export const DECISION_HEADERS: Record<DecisionField, { zh: string; en: string }> = {
  grade: { zh: '研究决定等次', en: 'decision grade' },
  order: { zh: '研究决定排序', en: 'decision order' },
  reason: { zh: '研究决定理由', en: 'decision reason' },
};


const norm = (s: string) => s.normalize('NFKC').trim().replace(/[\s_]+/g, ' ').toLowerCase();
const BY_HEADER = new Map<string, DecisionField>(
  (Object.keys(DECISION_HEADERS) as DecisionField[]).flatMap((f) => [[norm(DECISION_HEADERS[f].zh), f], [norm(DECISION_HEADERS[f].en), f], [`decision.${f}`, f]]));

/** Which decision column a header names, if any. */
export const decisionField = (header: string): DecisionField | undefined => BY_HEADER.get(norm(header));

/** What the reader knows of the scheme: its grades (a decided grade must be one) and whether it is
 * `by committee` (false: a filled decision cell is refused; undefined: left to the engine). */
export interface DecisionRules { grades?: readonly string[]; committee?: boolean }

/** A problem of one decision cell: the column it is in, what is wrong, and the engine's code for it
 * (KH-E046 a malformed decision, KH-E047 a decision for a scheme not `by committee`). */
export interface DecisionProblem { field: DecisionField; what: Msg; code: 'KH-E046' | 'KH-E047' }

/** One row's decision cells (by field; a field without a column is absent) read into a decision. */
export function readDecision(cells: Partial<Record<DecisionField, Cell>>, rules: DecisionRules): { decision?: Decision; problems: DecisionProblem[] } {
  const problems: DecisionProblem[] = [];
  const filled = (Object.keys(cells) as DecisionField[]).filter((f) => !isBlank(cells[f] ?? null));
  if (filled.length === 0) return { problems };
  if (rules.committee === false) return { problems: [{ field: filled[0], what: D.notCommittee(), code: 'KH-E047' }] };
  const decision: Partial<Decision> = {};
  const grade = isBlank(cells.grade ?? null) ? undefined : cellText(cells.grade!);
  if (grade !== undefined) {
    if (rules.grades && !rules.grades.includes(grade)) problems.push({ field: 'grade', what: D.notGrade({ found: grade, grades: [...rules.grades] }), code: 'KH-E046' });
    else decision.grade = grade;
  }
  if (!isBlank(cells.order ?? null)) {
    const order = wholeFromOne(cells.order!);
    if (order === undefined) problems.push({ field: 'order', what: D.badOrder({ found: cellText(cells.order!) }), code: 'KH-E046' });
    else decision.order = order;
  }
  const reason = isBlank(cells.reason ?? null) ? '' : cellText(cells.reason!);
  const decided = grade !== undefined || !isBlank(cells.order ?? null);
  if (!decided) problems.push({ field: 'reason', what: D.reasonOnly(), code: 'KH-E046' });
  else if (reason === '' && 'reason' in cells) problems.push({ field: 'reason', what: D.noReason(), code: 'KH-E046' });
  else if ([...reason].length > MAX_REASON) problems.push({ field: 'reason', what: D.reasonTooLong({ n: [...reason].length, max: MAX_REASON }), code: 'KH-E046' });
  // Without a reason column the header's problem says it once (columns.ts), not once per row.
  if (problems.length > 0 || reason === '') return { problems };
  return { decision: { ...decision, reason }, problems };
}

/** An order cell: a whole number ≥ 1, as a number or as text (`2`, `2.0`); anything else undefined. */
function wholeFromOne(c: Cell): number | undefined {
  let n: number | undefined;
  if (typeof c === 'number') n = c;
  else if (typeof c === 'string') {
    const r = readDecimal(c.trim());
    n = r && 'value' in r && typeof r.value === 'number' ? r.value : undefined;
  }
  return n !== undefined && Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}
