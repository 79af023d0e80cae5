// Node only: JSON lines — one subject `{"id", "input", "display"?, "decision"?}` per line — read line by line from
// a file, each line's numbers exactly (engine/json-exact.ts). A line that is not such a subject is
// reported at its line number; the engine's errors come back to `第 n 行 “路径”` (roster.ts, `lines`).

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { SubjectInput } from '../../engine/api.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import { subjectKeyErrors } from '../../engine/subject-keys.js';
import type { FieldSpec } from '../../dsl/service/index.js';
import { M } from '../messages.js';
import { problemAt } from '../problems.js';
import type { Roster } from '../roster.js';

export async function readJsonLines(path: string, fields: readonly FieldSpec[]): Promise<Roster> {
  const roster = linesRoster(fields);
  for await (const { text, n } of jsonLines(path)) {
    const subject = subjectOfLine(text, n, roster);
    if (!subject) continue;
    roster.subjects.push(subject);
    roster.index.rows.push(n);
  }
  return roster;
}

/** An empty roster of JSON lines. */
export const linesRoster = (fields: readonly FieldSpec[]): Roster => ({
  subjects: [], problems: [], notices: [],
  index: { kind: 'lines', fields, rows: [], columns: new Map(), missing: new Set(), slots: [] },
});

/** The file's non-blank lines with their numbers (a byte-order mark dropped). */
export async function* jsonLines(path: string): AsyncGenerator<{ text: string; n: number }> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    const text = n === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
    if (text.trim() !== '') yield { text, n };
  }
}

/** Line n as a subject, or undefined when it is not one (its problems added to the roster). */
export function subjectOfLine(text: string, n: number, roster: Roster): SubjectInput | undefined {
  let v: unknown;
  try { v = parseJsonExact(text); } catch {
    roster.problems.push(problemAt('KH-E008', { row: n }, M.lineNotJson()));
    return undefined;
  }
  const s = v as Partial<SubjectInput> | null;
  if (typeof s !== 'object' || s === null || Array.isArray(s) || !('input' in s)) {
    roster.problems.push(problemAt('KH-E008', { row: n }, M.lineNotSubject()));
    return undefined;
  }
  // Unknown keys (`"desicion"`) and `"decision": null` are refused, as the API refuses them (issue 13).
  const keyErrors = subjectKeyErrors(s, '', [], true);
  if (keyErrors.length) {
    for (const e of keyErrors) roster.problems.push(problemAt(e.code, { row: n, path: e.path }, e.msg!));
    return undefined;
  }
  return subjectOf(s);
}

/** A parsed line's subject (its keys checked). */
export function subjectOf(s: Partial<SubjectInput>): SubjectInput {
  const subject: SubjectInput = { id: s.id as string, input: s.input as Record<string, unknown> };
  if (s.display !== undefined) subject.display = s.display;
  // A committee decision (issue 13) goes to the engine as it is; the engine checks it (KH-E046).
  const decision = (s as { decision?: unknown }).decision;
  if (decision !== undefined) Object.assign(subject, { decision });
  return subject;
}
