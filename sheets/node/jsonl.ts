// Node only: JSON lines — one subject `{"id", "input", "display"?, "decision"?}` per line — read line by line from
// a file, each line's numbers exactly (engine/json-exact.ts). A line that is not such a subject is
// reported at its line number; the engine's errors come back to `第 n 行 “路径”` (roster.ts, `lines`).

import { firstBadByte, hexByte } from './utf8.js';
import { createReadStream } from 'node:fs';
import type { SubjectInput } from '../../engine/api.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import { subjectKeyErrors } from '../../engine/subject-keys.js';
import type { FieldSpec } from '../../dsl/service/index.js';
import { M } from '../messages.js';
import { problemAt } from '../problems.js';
import type { Roster } from '../roster.js';

export async function readJsonLines(path: string, fields: readonly FieldSpec[]): Promise<Roster> {
  const roster = linesRoster(fields);
  for await (const { text, n, notUtf8 } of jsonLines(path)) {
    const subject = text === undefined ? tooLong(n, roster, notUtf8) : subjectOfLine(text, n, roster);
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

/** The longest line read (a subject of thousands of ratings is a few MiB): longer lines are reported,
 * not read — V8 cannot hold a string over 512 MiB, and readline died with a stack trace on one. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** A line of the file: its text, or none when it was not read — too long, `skipped`, or not UTF-8
 * (`notUtf8`: the first bad byte, 1-based, and its value). */
export interface JsonLine { text?: string; n: number; skipped?: true; notUtf8?: { at: number; byte: number } }

/** The file's non-blank lines with their numbers (a byte-order mark dropped, `\r\n` read as `\n`);
 * a line over MAX_LINE_BYTES comes as `text: undefined` without being kept in memory; a line `read`
 * refuses as `skipped`, without being decoded (blank or not); a line that is not UTF-8 as `notUtf8`. */
export async function* jsonLines(path: string, read?: (n: number) => boolean): AsyncGenerator<JsonLine> {
  let parts: Buffer[] = [], size = 0, n = 0, over = false;
  const line = (): JsonLine | undefined => {
    n++;
    if (over) { parts = []; size = 0; over = false; return { n }; }
    // a line the caller will not read (a streamed cohort's pass 2, engine/stream): not decoded
    if (read && !read(n)) { parts = []; size = 0; return { n, skipped: true }; }
    const bytes = Buffer.concat(parts, size);
    parts = []; size = 0;
    // JSON is UTF-8 (as the API reads it): a line that is not — GBK, a stray byte — is refused at its byte (H5 F4)
    const notUtf8 = firstBadByte(bytes);
    if (notUtf8) return { n, notUtf8 };
    let text = bytes.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (n === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text.trim() === '' ? undefined : { text, n };
  };
  const keep = (b: Buffer) => {
    if (over) return;
    size += b.length;
    if (size > MAX_LINE_BYTES) { over = true; parts = []; size = 0; } else if (b.length) parts.push(b);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let nl = chunk.indexOf(10, from); nl >= 0; nl = chunk.indexOf(10, from)) {
      keep(chunk.subarray(from, nl));
      const l = line();
      if (l) yield l;
      from = nl + 1;
    }
    keep(chunk.subarray(from));
  }
  if (size > 0 || over) { const l = line(); if (l) yield l; }
}

/** A line not read (too long, or not UTF-8: JsonLine), reported at its number. */
export function tooLong(n: number, roster: Roster, notUtf8?: JsonLine['notUtf8']): undefined {
  roster.problems.push(problemAt('KH-E008', { row: n }, notUtf8
    ? M.lineNotUtf8({ at: notUtf8.at, found: hexByte(notUtf8.byte) })
    : M.lineTooLong({ max: MAX_LINE_BYTES / (1024 * 1024) })));
  return undefined;
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
  // A number, list or object id (hostile F1/F2) is no id: said here, as the .json cohort says it.
  if (s.id !== undefined && typeof s.id !== 'string') {
    roster.problems.push(problemAt('KH-E008', { row: n, path: 'id' }, M.lineNeedsTextId()));
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
