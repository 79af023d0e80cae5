// Where a streaming cohort's results go (cohort-stream.ts ResultSink): collected in memory (tests, the
// spreadsheet outputs), or written to a file as they come — JSON lines, or the same pretty JSON as
// the in-memory cohort's `JSON.stringify(result, null, 2)`. A file is written under a temporary name
// beside its target and renamed when the cohort is complete, so a failed batch leaves no half-written
// file (and an existing target untouched); on failure the temporary file is removed.

import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { track } from './litter.js';
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
  private readonly out: WriteStream;
  private buf: string[] = [];
  private size = 0;
  /** Why the file could not be written (its folder missing, no permission…), once it failed. */
  failed?: NodeJS.ErrnoException;
  private readonly forget: () => void;

  constructor(readonly target: string) {
    this.temp = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
    this.forget = track(this.temp);
    this.out = createWriteStream(this.temp, { encoding: 'utf8' });
    this.out.on('error', (e) => { this.failed ??= e; });
  }

  async write(text: string): Promise<void> {
    if (this.failed) throw this.failed;
    this.buf.push(text);
    this.size += text.length;
    if (this.size >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.buf.length) return;
    const text = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  async commit(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
    if (this.failed) throw this.failed;
    renameSync(this.temp, this.target);
    this.forget();
  }

  async discard(): Promise<void> {
    this.buf = [];
    if (!this.out.closed) { const closed = once(this.out, 'close').catch(() => undefined); this.out.destroy(); await closed; }
    rmSync(this.temp, { force: true });
    this.forget();
  }
}

/** JSON lines: the cohort's head and summaries first (`{"scheme", "period"?, "cohorts", "overall"?}`,
 * known before any result), then one result per line in input order. */
export function jsonlSink(file: AtomicFile): ResultSink {
  return {
    start: (h) => file.write(`${JSON.stringify(h)}\n`),
    result: (json) => file.write(`${json}\n`),
    end: () => file.commit(),
    abort: () => file.discard(),
  };
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
