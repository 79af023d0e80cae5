// Where a streaming cohort's results go (cohort-stream.ts ResultSink): collected in memory (tests, the
// spreadsheet outputs), or written to a file as they come — JSON lines, or the same pretty JSON as
// the in-memory cohort's `JSON.stringify(result, null, 2)`. A file is written under a temporary name
// beside its target and renamed when the cohort is complete, so a failed batch leaves no half-written
// file (and an existing target untouched); on failure the temporary file is removed. The temporary
// name carries a random part and is created, never reused (buffered.ts 'wx'): a name planted in a
// folder others can write — a symbolic link to someone's file — is refused, not written through
// (hostile audit H6 F6).

import { randomBytes } from 'node:crypto';
import { renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BufferedWriter } from './buffered.js';
import { removeQuietly, track } from './litter.js';
import type { CohortMemberResult, CohortResult } from '../api.js';
import type { CohortHead, ResultSink } from './cohort-stream.js';

/** Results kept in memory as one CohortResult (its keys in the batch's order). */
export function collectSink(): ResultSink & { value(): CohortResult } {
  let head: CohortHead | undefined;
  const results: CohortMemberResult[] = [];
  return {
    start(h) { head = h; },
    result(json) { results.push(JSON.parse(json) as CohortMemberResult); },
    end() {},
    abort() { results.length = 0; },
    value() {
      const { scheme, period, cohorts, overall } = head!;
      return { scheme, ...(period !== undefined ? { period } : {}), results, cohorts, ...(overall ? { overall } : {}) } as CohortResult;
    },
  };
}

/** Text written to a temporary file in the target's folder, renamed to the target by `commit`. */
export class AtomicFile {
  readonly temp: string;
  private readonly file: BufferedWriter;
  private readonly forget: () => void;

  /** `mode`: the file's permissions (less the umask); 0o600 for results kept in the temporary folder,
   * which every local user can list (H6 F9). The name `.TARGET.PID-RANDOM.partial`: the process id
   * tells a later run whose it was (cli/commands/eval-litter.ts). */
  constructor(readonly target: string, mode = 0o666) {
    this.temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`);
    this.forget = track(this.temp);
    this.file = new BufferedWriter(this.temp, mode);
  }

  /** Why the file could not be written (its folder missing, no permission…), once it failed. */
  get failed(): NodeJS.ErrnoException | undefined { return this.file.failed; }

  write(text: string): void | Promise<void> { return this.file.write(text); }

  /** Appends bytes as they are (copied). */
  bytes(b: Buffer): void | Promise<void> { return this.file.bytes(b); }

  /** Appends `src` with `text` in place of [at, at + cut), and a newline (buffered.ts `line`). */
  line(src: Buffer, at: number, cut: number, text: string): void | Promise<void> { return this.file.line(src, at, cut, text); }

  async commit(): Promise<void> {
    await this.file.end();
    renameSync(this.temp, this.target);
    this.forget();
  }

  async discard(): Promise<void> {
    await this.file.destroy();
    removeQuietly(this.temp);
    this.forget();
  }
}

/** JSON lines: the cohort's head and summaries first (`{"scheme", "period"?, "cohorts", "overall"?}`,
 * known before any result), then one result per line in input order. */
export function jsonlSink(file: AtomicFile): ResultSink {
  return {
    start: (h) => file.write(`${JSON.stringify(h)}\n`),
    result: (json) => file.write(`${json}\n`),
    resultPieces: (pieces) => piecesTo(file, pieces, 0),
    resultSpliced: (line, at, cut, text) => file.line(line, at, cut, text),
    end: () => file.commit(),
    abort: () => file.discard(),
  };
}

/** Pieces from `from` on and a newline, in order (a piece the file is behind on is waited for). */
function piecesTo(file: AtomicFile, pieces: (Buffer | string)[], from: number): void | Promise<void> {
  for (let i = from; i < pieces.length; i++) {
    const p = pieces[i];
    const w = typeof p === 'string' ? file.write(p) : file.bytes(p);
    if (w) return w.then(() => piecesTo(file, pieces, i + 1));
  }
  return file.write('\n');
}

/** `JSON.stringify(v, null, 2)` of a value nested `level` deep. */
const nested = (v: unknown, level: number): string => JSON.stringify(v, null, 2).replace(/\n/g, `\n${'  '.repeat(level)}`);

/** The pretty JSON of the whole CohortResult, byte for byte what `JSON.stringify(result, null, 2)`
 * gives, written as the results come (the summaries, known first, are written last). */
export function prettyJsonSink(file: AtomicFile): ResultSink {
  let head: CohortHead | undefined;
  let count = 0;
  return {
    async start(h) {
      head = h;
      await file.write(`{\n  "scheme": ${nested(h.scheme, 1)},\n${h.period !== undefined ? `  "period": ${JSON.stringify(h.period)},\n` : ''}  "results": [`);
    },
    result: (json) => file.write(`${count++ ? ',' : ''}\n    ${nested(JSON.parse(json), 2)}`),
    async end() {
      const h = head!;
      await file.write(`${count ? '\n  ' : ''}],\n  "cohorts": ${nested(h.cohorts, 1)}${h.overall ? `,\n  "overall": ${nested(h.overall, 1)}` : ''}\n}\n`);
      await file.commit();
    },
    abort: () => file.discard(),
  };
}
