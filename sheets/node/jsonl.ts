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
import { withoutBom } from '../csv.js';

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
  const split = new LineSplitter(read);
  for await (const chunk of fileChunks(path)) {
    split.feed(chunk);
    for (let l = split.next(); l; l = split.next()) yield l;
  }
  const l = split.end();
  if (l) yield l;
}

/** The file's bytes in 1 MiB chunks (a caller splitting them with its own LineSplitter: one await a
 * chunk, not one a line — sheets/node/roster-stream.ts's first pass). */
export const fileChunks = (path: string): AsyncIterable<Buffer> => createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;

/** A file's chunks cut into its lines as `jsonLines` yields them, synchronously: `feed` a chunk, then
 * take its lines with `next`. Each line is decoded when taken (`read`, asked then, may depend on what
 * the caller took before). */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private n = 0;
  private over = false;
  private chunk: Buffer = Buffer.alloc(0);
  private from = 0;

  constructor(private readonly read?: (n: number) => boolean) {}

  feed(chunk: Buffer): void { this.chunk = chunk; this.from = 0; }

  /** The next line that ends in the chunk fed; null when none is left (its last bytes are kept for the next chunk). */
  next(): JsonLine | null {
    const chunk = this.chunk;
    for (let nl = chunk.indexOf(10, this.from); nl >= 0; nl = chunk.indexOf(10, this.from)) {
      this.keep(chunk.subarray(this.from, nl));
      this.from = nl + 1;
      const l = this.line();
      if (l) return l;
    }
    if (this.from < chunk.length) this.keep(chunk.subarray(this.from));
    this.from = chunk.length;
    return null;
  }

  /** The last line, when the file does not end with a newline. */
  end(): JsonLine | undefined {
    return this.size > 0 || this.over ? this.line() : undefined;
  }

  private keep(b: Buffer): void {
    if (this.over) return;
    this.size += b.length;
    if (this.size > MAX_LINE_BYTES) { this.over = true; this.parts = []; this.size = 0; } else if (b.length) this.parts.push(b);
  }

  private line(): JsonLine | undefined {
    const n = ++this.n;
    if (this.over) { this.parts = []; this.size = 0; this.over = false; return { n }; }
    // a line the caller will not read (a streamed cohort's pass 2, engine/stream): not decoded
    if (this.read && !this.read(n)) { this.parts = []; this.size = 0; return { n, skipped: true }; }
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size);
    this.parts = []; this.size = 0;
    // JSON is UTF-8 (as the API reads it): a line that is not — GBK, a stray byte — is refused at its byte (H5 F4)
    const notUtf8 = firstBadByte(bytes);
    if (notUtf8) return { n, notUtf8 };
    let text = bytes.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (n === 1) text = withoutBom(text);
    return text.trim() === '' ? undefined : { text, n };
  }
}

/** A line not read (too long, or not UTF-8: JsonLine), reported at its number. */
export function tooLong(n: number, roster: Roster, notUtf8?: JsonLine['notUtf8']): undefined {
  roster.problems.push(problemAt('KH-E008', { line: n }, notUtf8
    ? M.lineNotUtf8({ at: notUtf8.at, found: hexByte(notUtf8.byte) })
    : M.lineTooLong({ max: MAX_LINE_BYTES / (1024 * 1024) })));
  return undefined;
}

/** Line n as a subject, or undefined when it is not one (its problems added to the roster). */
export function subjectOfLine(text: string, n: number, roster: Roster): SubjectInput | undefined {
  let v: unknown;
  try { v = parseJsonExact(text); } catch {
    roster.problems.push(problemAt('KH-E008', { line: n }, M.lineNotJson()));
    return undefined;
  }
  const s = v as Partial<SubjectInput> | null;
  if (typeof s !== 'object' || s === null || Array.isArray(s) || !('input' in s)) {
    roster.problems.push(problemAt('KH-E008', { line: n }, M.lineNotSubject()));
    return undefined;
  }
  // Unknown keys (`"desicion"`) and `"decision": null` are refused, as the API refuses them (issue 13).
  const keyErrors = subjectKeyErrors(s, '', [], true);
  if (keyErrors.length) {
    for (const e of keyErrors) roster.problems.push(problemAt(e.code, { line: n, path: e.path }, e.msg!, { column: e.path }));
    return undefined;
  }
  // A number, list or object id (hostile F1/F2) is no id: said here, as the .json cohort says it.
  if (s.id !== undefined && typeof s.id !== 'string') {
    roster.problems.push(problemAt('KH-E008', { line: n, path: 'id' }, M.lineNeedsTextId(), { column: 'id' }));
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
