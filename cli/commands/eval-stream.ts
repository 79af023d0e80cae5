// `kaohe eval FILE ROSTER` as a stream (issue 16): a roster file (.jsonl, .csv, .xlsx) is evaluated as
// one cohort by the streaming cohort (engine/stream), which reads the file twice and keeps in memory
// only what ranks and quotas need, and writes the results as they come: `--out x.jsonl` (the cohort's
// summaries on the first line, then one result per line), `--out x.json` or standard output (the same
// pretty JSON as the in-memory cohort). All or nothing: results go to a temporary file renamed at the
// end (standard output: printed once the cohort is complete), removed when the batch fails. Errors
// and roster problems are reported as the in-memory path reports them (eval.ts), row and column; the
// template's example row left in is said on standard error (a notice of the roster: rosterOf).
// Interrupted (SIGHUP/SIGINT/SIGTERM): the temporary file and the spill folder are removed, exit 129/130/143.
// A temporary folder ($TMPDIR) missing, not a folder or full: one line says so, nothing is left, exit 2
// (hostile audit H6 F7). Results kept in the temporary folder are this user's alone (mode 0600, H6 F9).

import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, resolve } from 'node:path';
import { render, type Locale } from '../../dsl/i18n/index.js';
import type { EvalError, EvalOptions, EvalOutcome, PreparedScheme } from '../../engine/api.js';
import { planOf } from '../../engine/index.js';
import { AtomicFile, jsonlSink, prettyJsonSink, removeLitter, streamCohort, track, type StreamStats } from '../../engine/stream/index.js';
import { C } from '../messages.js';
import { locateErrors, rosterRules, M as SheetWords, type SheetProblem } from '../../sheets/index.js';
import { problemAt } from '../../sheets/problems.js';
import type { Contract } from '../../sheets/scheme.js';
import { rosterStream, type RosterStream } from '../../sheets/node/roster-stream.js';
import { writeWhy, type IO } from '../io.js';
import { filledSource, type PeriodFill } from './eval-periods.js';
import { evalTempPath } from './eval-litter.js';

/** Whether `--out` names a JSON-lines file. */
export const isJsonl = (path: string): boolean => extname(path).toLowerCase() === '.jsonl';

/** Evaluates a roster file as a streamed cohort; the exit code (0, 1 on problems, 2 when the output
 * cannot be written). `out`: a .json or .jsonl file, or undefined for standard output — JSON lines
 * there with `lines` (`--format jsonl`), else the pretty JSON. */
export async function evalRosterStream(io: IO, prepared: PreparedScheme, contract: Contract, path: string, options: EvalOptions, locale: Locale, out: string | undefined, maxErrors: number, fill?: PeriodFill, lines = false): Promise<number> {
  const rs = await rosterOf(path, contract, fill);
  const target = out ? resolve(io.cwd, out) : evalTempPath('json');
  const stop = onInterrupt(io, locale);
  const forgetTarget = out ? () => {} : track(target); // standard output's copy, until printed
  try {
    return await streamTo(io, prepared, rs, target, options, locale, out, maxErrors, out ? isJsonl(out) : lines);
  } finally {
    forgetTarget();
    stop();
  }
}

/** The roster file as a stream (sheets/node/roster-stream.ts), read with the scheme's rules: its
 * first pass also notices the template's example row left in (sheets/template-example.ts). */
export async function rosterOf(path: string, contract: Contract, fill?: PeriodFill): Promise<RosterStream> {
  const rs = rosterStream(path, contract.fields, await rosterRules(contract));
  if (!fill) return rs;
  // each person's roll-up inputs from the --periods files (eval-periods.ts); `ids` stays made on first use
  const source = filledSource(rs.source, fill);
  return { source, roster: rs.roster, get ids() { return rs.ids; }, get size() { return rs.size; } };
}

/** Whether a streamed cohort goes on to its results once the first pass has read the roster: not
 * when the roster has problems, nor when it lists nobody — a roster of a header alone, an empty
 * .jsonl: that is said as a roster problem (exit 1), where it printed an empty result and exit 0. */
export function proceedWith(rs: RosterStream): () => boolean {
  return () => {
    if (rs.roster.problems.length === 0 && rs.size === 0) rs.roster.problems.push(problemAt('KH-E008', {}, SheetWords.noPeople()));
    return rs.roster.problems.length === 0;
  };
}

/** The signals that end a streaming run cleanly, with the shell's exit code for each (128 + n).
 * SIGHUP: the terminal or SSH session closed (hostile finding F7 — it left the `.partial` file). */
const SIGNALS = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/** SIGHUP/SIGINT/SIGTERM while a roster streams: what is on disk is removed (engine/stream/litter.ts),
 * one line says so (when stderr is still there), and the process ends with the signal's code.
 * Returns the function that uninstalls the handlers. */
export function onInterrupt(io: IO, locale: Locale): () => void {
  const handler = (signal: keyof typeof SIGNALS) => {
    removeLitter();
    try { io.err(`${render(C.interrupted({ prog: 'kaohe eval', signal }), locale)}\n`); } catch { /* a closed terminal */ }
    process.exit(SIGNALS[signal]);
  };
  const names = Object.keys(SIGNALS) as (keyof typeof SIGNALS)[];
  for (const s of names) process.on(s, handler);
  return () => { for (const s of names) process.off(s, handler); };
}

async function streamTo(io: IO, prepared: PreparedScheme, rs: RosterStream, target: string, options: EvalOptions, locale: Locale, out: string | undefined, maxErrors: number, lines: boolean): Promise<number> {
  const file = new AtomicFile(target, out ? undefined : 0o600);
  const sink = lines ? jsonlSink(file) : prettyJsonSink(file);
  const outcome = await streamOrReport(io, file, locale, () => streamCohort(planOf(prepared), rs.source, sink, { ...options, maxErrors }, { proceed: proceedWith(rs) }));
  if (typeof outcome === 'number') return outcome;
  for (const n of rs.roster.notices) io.err(`${render(n.msg, locale)}\n`);
  if (!outcome.ok) {
    await file.discard();
    if (file.failed) return out ? cannotWrite(io, out, file.failed, locale) : cannotWriteTemp(io, file.failed, locale);
    return reportProblems(io, rs, outcome.errors, locale);
  }
  if (!out) {
    await printFile(io, target);
    await rm(target, { force: true });
    return 0;
  }
  io.err(`${render(SheetWords.wrote({ file: out, count: outcome.value.subjects }), locale)}\n`);
  return 0;
}

/** A file's text to standard output a megabyte at a time, each chunk after the reader took the one
 * before (IO.drained): a slow pipe (`| gzip`) never has the whole output queued in memory (user trial
 * U7-18: 1.49 GB for 180,000 results). */
export async function printFile(io: IO, path: string): Promise<void> {
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    io.out(chunk as string);
    await io.drained?.();
  }
}

/** The roster's problems and the engine's errors, by row and column, as `{"errors": […]}`; exit 1. */
export function reportProblems(io: IO, rs: RosterStream, errors: readonly EvalError[], locale: Locale): number {
  const roster = { ...rs.roster, subjects: rs.ids.map((id) => ({ id, input: {} })) };
  // The header's problems first, then row by row (a stable sort keeps each row's columns in order).
  const problems = [...rs.roster.problems, ...locateErrors(roster, errors)].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  io.out(`${JSON.stringify({ errors: problems.map((p) => problemJson(p, locale)) }, null, 2)}\n`);
  // said on stderr too: with the results going to a pipe (`--format jsonl | gzip`) the problems do as
  // well, and the shell reports the pipe's last command — nothing on the screen said it failed (U8-4)
  io.err(`${render(C.problemsOnStdout({ prog: 'kaohe eval', n: problems.length }), locale)}\n`);
  return 1;
}

export function cannotWrite(io: IO, path: string, e: NodeJS.ErrnoException, locale: Locale): number {
  io.err(`${render(SheetWords.cannotWrite({ prog: 'kaohe eval', path, why: writeWhy(e) }), locale)}\n`);
  return 2;
}

/** `kaohe eval: cannot write the temporary folder …: why`, one line; exit 2. */
export function cannotWriteTemp(io: IO, e: NodeJS.ErrnoException, locale: Locale): number {
  io.err(`${render(C.cannotWriteTemp({ prog: 'kaohe eval', path: tmpdir(), why: writeWhy(e) }), locale)}\n`);
  return 2;
}

/** Whether `e` is the file system's refusal to make or write a temporary file: the spill folder
 * (engine/stream/litter.ts mkdtemp) or its file (a write) — not a bug of ours, not the roster's reading. */
const tempFailure = (e: unknown): e is NodeJS.ErrnoException => {
  const { code, syscall, path } = (e ?? {}) as NodeJS.ErrnoException;
  return typeof code === 'string' && (syscall === 'write' || (typeof path === 'string' && path.startsWith(tmpdir())));
};

/** Runs a streamed cohort writing `file`; when the temporary folder fails it (pass 1 throws: the spill
 * folder or file cannot be made or written), `file` is removed and one line says why: the exit code. */
export async function streamOrReport(io: IO, file: AtomicFile, locale: Locale, run: () => Promise<EvalOutcome<StreamStats>>): Promise<EvalOutcome<StreamStats> | number> {
  try {
    return await run();
  } catch (e) {
    await file.discard();
    if (!tempFailure(e)) throw e;
    return cannotWriteTemp(io, e, locale);
  }
}

function problemJson(p: SheetProblem, locale: Locale): Record<string, unknown> {
  const { msg: _msg, message: _message, ...where } = p;
  return { ...where, message: render(p.msg, locale) };
}
