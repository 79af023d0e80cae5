// Node only: a roster file as a re-openable source of subjects for the streaming cohort (issue 16,
// engine/stream): .jsonl line by line, .xlsx row by row (our saxes reader, sheets/node/xlsx-stream.ts), .csv row by row
// as its bytes are read (csv-stream.ts; its encoding decided once, on all its bytes). The first
// pass fills `roster` — problems, notices, the row of each subject (for locating the engine's errors)
// — and `ids`; later passes read the file again into a throwaway roster. A pass that does not `want`
// a subject of a .jsonl file yields undefined for it without parsing its line. A .jsonl file's line
// numbers are kept in a growable Int32Array (`LineNumbers`), `roster.index.rows` made from it when read
// (a plain array of a million numbers was the last per-subject array on the heap of pass 1, ≈ 10 MB).

import { basename } from 'node:path';
import type { SubjectInput } from '../../engine/api.js';
import type { SubjectSource } from '../../engine/stream/source.js';
import { PackedTexts } from '../../engine/stream/texts.js';
import { Column } from '../../engine/ranks.js';
import type { FieldSpec } from '../../dsl/service/index.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import type { DecisionRules } from '../decisions.js';
import { M } from '../messages.js';
import { problemAt } from '../problems.js';
import { emptyRoster, streamRoster, type Roster } from '../roster.js';
import { sheetChoice } from '../sheet-choice.js';
import type { Encoding } from '../text.js';
import { csvEncoding, csvProblem, streamCsvRows } from './csv-stream.js';
import { rosterFormat } from './files.js';
import { fileChunks, jsonLines, LineSplitter, linesRoster, subjectOf, subjectOfLine, tooLong, type JsonLine } from './jsonl.js';
import { streamXlsxRows, unreadableXlsx } from './xlsx-stream.js';

export interface RosterStream {
  source: SubjectSource;
  /** What the first pass found. */
  roster: Roster;
  /** Each subject's id, by index (the first pass): locating errors needs them, not the subjects.
   * Made on first use: they are kept packed (engine/stream/texts.ts: a million strings are a million
   * objects for the garbage collector to walk). */
  readonly ids: string[];
  /** How many subjects the first pass read (without making `ids`). */
  readonly size: number;
}

export function rosterStream(path: string, fields: readonly FieldSpec[], rules: DecisionRules = {}): RosterStream {
  const format = rosterFormat(path);
  let encoding: Promise<Encoding> | undefined; // a CSV's, decided once (it reads the whole file)
  const csv = () => (encoding ??= csvEncoding(path));
  const jsonl = format === 'jsonl';
  const roster = jsonl ? linesRoster(fields) : emptyRoster(fields);
  const ids = new PackedTexts();
  const lines = new LineNumbers();
  if (jsonl) lines.behind(roster);
  let passes = 0;
  // the generators are handed over as they are: a layer of async generator costs every subject
  const source: SubjectSource = {
    open(want) {
      const first = passes++ === 0;
      if (jsonl) return first ? firstLines(path, roster, ids, lines) : againLines(path, lines, want);
      const subjects = rows(path, format, first ? roster : emptyRoster(fields), rules, csv);
      return first ? withIds(subjects, ids) : subjects;
    },
  };
  return { source, roster, get ids() { return ids.all(); }, get size() { return ids.size; } };
}

/** The first pass over a .jsonl file: its lines cut from each chunk synchronously (LineSplitter), so
 * that a subject costs one async step, as a loop over `jsonLines` does — not one of jsonLines and
 * another of this generator. */
async function* firstLines(path: string, roster: Roster, ids: PackedTexts, lines: LineNumbers): AsyncGenerator<SubjectInput> {
  const split = new LineSplitter();
  const subject = ({ text, n, notUtf8 }: JsonLine): SubjectInput | undefined => {
    const s = text === undefined ? tooLong(n, roster, notUtf8) : subjectOfLine(text, n, roster);
    if (s) { lines.push(n); ids.push(s.id ?? ''); }
    return s;
  };
  for await (const chunk of fileChunks(path)) {
    split.feed(chunk);
    for (let l = split.next(); l; l = split.next()) {
      const s = subject(l);
      if (s) yield s;
    }
  }
  const last = split.end(), s = last && subject(last);
  if (s) yield s;
}

async function* withIds(subjects: AsyncIterable<SubjectInput>, ids: PackedTexts): AsyncGenerator<SubjectInput> {
  for await (const s of subjects) {
    ids.push(s.id ?? '');
    yield s;
  }
}

/** Each subject's line number, by subject index (a .jsonl file's), 4 bytes a subject; `behind`
 * makes a roster's `index.rows` read them — an array made on first read, again only when more were
 * pushed since (the roster's errors are located after the first pass). */
class LineNumbers {
  private readonly col = new Column(new Int32Array(1024));
  private made: number[] = [];
  get size(): number { return this.col.size; }
  push(n: number): void { this.col.push(n); }
  /** Line number k (−1 past the last: no line has it). */
  at(k: number): number { return k < this.col.size ? this.col.data[k] : -1; }
  behind(roster: Roster): void {
    Object.defineProperty(roster.index, 'rows', {
      get: () => (this.made.length === this.col.size ? this.made : (this.made = Array.from(this.col.data.subarray(0, this.col.size)))),
      enumerable: true, configurable: true,
    });
  }
}

/** The subjects of the lines the first pass found (`rows`), parsed only when wanted. */
async function* againLines(path: string, rows: LineNumbers, want?: (i: number) => boolean): AsyncGenerator<SubjectInput | undefined> {
  let k = 0;
  // lines read lazily: when line n is read, k is the subject it may be (a line not wanted is not decoded)
  for await (const { text, n, skipped } of jsonLines(path, (n) => rows.at(k) === n && (!want || want(k)))) {
    if (rows.at(k) !== n || (text === undefined && !skipped)) continue; // not a subject (reported by the first pass)
    yield !skipped && (!want || want(k)) ? subjectOf(parseJsonExact(text!) as Partial<SubjectInput>) : undefined;
    k++;
  }
}

async function* rows(path: string, format: ReturnType<typeof rosterFormat>, roster: Roster, rules: DecisionRules, encoding: () => Promise<Encoding>): AsyncGenerator<SubjectInput> {
  const file = basename(path);
  if (format === 'csv') {
    try {
      yield* streamRoster(streamCsvRows(path, await encoding()), roster, rules);
    } catch (e) {
      const problem = csvProblem(e); // too long a record, a quote never closed, a UTF-8 file's bad byte
      if (!problem) throw e;
      roster.problems.push(problem);
    }
    return;
  }
  if (format !== 'xlsx') { roster.problems.push(problemAt('KH-E008', {}, M.unsupportedFile({ file }))); return; }
  try {
    yield* streamRoster(streamXlsxRows(path, sheetChoice(roster)), roster, rules); // the roster's sheet (U4 MED-3)
  } catch (e) {
    if (['ENOENT', 'EACCES', 'EISDIR'].includes((e as NodeJS.ErrnoException)?.code ?? '')) throw e;
    roster.problems.push(problemAt('KH-E008', {}, unreadableXlsx(e, file)));
  }
}
