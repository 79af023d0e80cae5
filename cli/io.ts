// What a command may touch of the outside world, so tests can run commands in-process; and what
// every command shares: options, reading and writing files, the language of its words, the
// diagnostic line.

import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { localizeDiagnostic } from '../dsl/diagnostics.js';
import { envLanguage, localeFromEnv, parseLocale, render, type Locale, type Msg } from '../dsl/i18n/index.js';
import { removeLitter } from '../engine/stream/litter.js';
import { M as SheetWords } from '../sheets/messages.js';
import { firstBadByte, hexByte } from '../sheets/node/utf8.js';
import { C } from './messages.js';
import { isOption, nearOption, optionProblem, optionProblemMsg, type OptionSpec } from './options.js';

export interface IO {
  out(text: string): void;
  err(text: string): void;
  /** Resolves once what `out` was given has been taken by its reader (a pipe to a slower command):
   * a command writing a lot waits on it between chunks, so unread output never piles up in memory
   * (user trial U7-18: 180,000 results to `| gzip` held 1.49 GB). Absent: nothing to wait for. */
  drained?(): Promise<void>;
  /** Reads a file, or standard input for `-`; more than `max` bytes (default MAX_READ) are refused
   * (an error with code KH_TOO_LARGE). */
  read(path: string, max?: number): string;
  cwd: string;
  /** The environment the locale is read from (LC_ALL, LC_MESSAGES, LANG); none means English. */
  env?: Record<string, string | undefined>;
}

/** A file's bytes as text; bytes that are not UTF-8 (a GBK file from Notepad or Excel) are refused with
 * where, instead of being decoded silently to U+FFFD (hostile audit F4, session 5). */
function utf8Text(bytes: Buffer): string {
  const bad = firstBadByte(bytes);
  if (!bad) return bytes.toString('utf8');
  let line = 1;
  for (let i = 0; i < bad.at - 1; i++) if (bytes[i] === 0x0a) line++;
  throw Object.assign(new Error('not UTF-8'), { code: 'KH_NOT_UTF8', line, ...bad });
}

/** The most any command reads of one file as text (a scheme, a .json input, a round export):
 * `kaohe whatif`'s largest file. The commands' own limits are lower (eval's .json: 64 MiB). */
export const MAX_READ = 256 * 2 ** 20;

/** The bytes of `path` (standard input for `-`), counted as they are read: more than `max` is
 * refused when reached, so standard input or a device (`/dev/zero`, a FIFO) — whose size no stat
 * tells — cannot fill the memory (hostile audit H6 F11). */
export function readCapped(path: string, max: number): Buffer {
  const fd = path === '-' ? 0 : openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isFile() && st.size > max) throw tooLarge(max);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // A file's size and one byte more (its end seen in one read); a file that says 0 (/proc) or any
      // other kind: 1 MiB at a time.
      const buf = Buffer.allocUnsafe(st.isFile() && st.size > 0 ? Math.min(st.size + 1, max + 1, 1 << 24) : 1 << 20);
      const n = readSome(fd, buf);
      if (n === 0) break;
      total += n;
      if (total > max) throw tooLarge(max);
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    if (path !== '-') closeSync(fd);
  }
}

const tooLarge = (max: number) => Object.assign(new Error(`more than ${max} bytes`), { code: 'KH_TOO_LARGE', max });

/** One read; a non-blocking standard input with nothing yet (EAGAIN) is waited for. */
function readSome(fd: number, buf: Buffer): number {
  for (;;) {
    try {
      return readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

/** Set once standard output (or error) is closed by its reader: `kaohe check … | head -1`. */
const closed = { stdout: false, stderr: false };

export const processIO: IO = {
  out: (t) => { if (!closed.stdout) process.stdout.write(t); },
  err: (t) => { if (!closed.stderr) process.stderr.write(t); },
  drained: () => new Promise<void>((done) => {
    const s = process.stdout;
    if (closed.stdout || !s.writableNeedDrain) { done(); return; }
    const over = () => { s.off('drain', over); s.off('close', over); s.off('error', over); done(); };
    s.on('drain', over); s.on('close', over); s.on('error', over); // a reader gone never drains
  }),
  read: (p, max = MAX_READ) => utf8Text(readCapped(p, max)),
  cwd: process.cwd(),
  env: process.env,
};

/** For the `kaohe` process (bin/kaohe.js), not for commands run in-process: when the reader of
 * standard output or error goes away (EPIPE), further output is dropped and the command finishes
 * quietly with its own exit code, instead of dying on an unhandled 'error' event with a stack. Any
 * other failure to write them (`> /dev/full`: ENOSPC) is said in one line — on standard error, when
 * that is not what failed — the temporary files removed, exit 2 (hostile audit H6 F7). */
export function quietWhenOutputClosed(argv: string[] = process.argv.slice(2)): void {
  for (const name of ['stdout', 'stderr'] as const) {
    process[name].on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED' || closed[name]) { closed[name] = true; return; }
      closed[name] = true;
      removeLitter();
      const command = argv[0] && !argv[0].startsWith('-') ? `kaohe ${argv[0]}` : 'kaohe';
      if (name === 'stdout') {
        try { process.stderr.write(`${render(C.cannotWriteStdout({ prog: command, why: writeWhy(e) }), argvLocale(argv, process.env))}\n`); } catch { /* stderr gone too */ }
      }
      process.exit(2);
    });
  }
}

/** The locale of words said before or outside a command: a `--lang` anywhere in argv, else the environment. */
export function argvLocale(argv: string[], env: Record<string, string | undefined>): Locale {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const v = i < 0 ? undefined : argv[i].startsWith('--lang=') ? argv[i].slice(7) : argv[i + 1];
  return parseLocale(v) ?? localeFromEnv(env);
}

/** The language of a command's words: `--lang zh|en` (also `zh-CN`, `en_US`…), else the locale of
 * `env` (LC_ALL, LC_MESSAGES, LANG), else English. Undefined when `--lang` names neither. */
export function cliLocale(opts: ReadonlyMap<string, string | true>, env: Record<string, string | undefined> = {}): Locale | undefined {
  const v = opts.get('lang');
  if (v === undefined) return localeFromEnv(env);
  return typeof v === 'string' ? parseLocale(v) : undefined;
}

/** The language of documents a command makes for a scheme's users — a roster template, a results
 * workbook: `--lang`, else the environment's when it names zh or en, else the scheme's own
 * (`scheme()`: sheets/scheme.ts schemeLocale). An IT box's `LANG=C.UTF-8` (or no LANG at all, or
 * POSIX) names no language: a scheme written in Chinese then gets a Chinese template, not an English
 * one with Chinese headers (V11 trial MED-4). The command's own words on stderr keep cliLocale's. */
export function documentLocale(opts: ReadonlyMap<string, string | true>, env: Record<string, string | undefined> = {}, scheme: () => Locale): Locale {
  const v = opts.get('lang');
  if (typeof v === 'string') return parseLocale(v) ?? scheme(); // a bad --lang was refused before (langOrReport)
  return envLanguage(env) ?? scheme();
}

/** cliLocale for `command`, saying on stderr why `--lang` is wrong (then the caller exits 2). With
 * `spec`, the options as written are judged first (cli/options.ts: one given twice, or without its
 * value), said in one line — in the environment's language when it is `--lang` that is wrong. */
export function langOrReport(io: IO, command: string, opts: ReadonlyMap<string, string | true>, spec?: OptionSpec): Locale | undefined {
  const problem = spec && optionProblem(spec);
  if (problem) {
    const shown = (problem.option === 'lang' ? undefined : cliLocale(opts, io.env)) ?? localeFromEnv(io.env ?? {});
    io.err(`${render(optionProblemMsg(command, problem, spec.hints), shown)}\n`);
    return undefined;
  }
  const locale = cliLocale(opts, io.env);
  if (!locale) {
    const v = opts.get('lang');
    const fallback = localeFromEnv(io.env ?? {});
    io.err(`${render(C.badLang({ prog: `kaohe ${command}`, value: v === true ? '' : String(v) }), fallback)}\n`);
  }
  return locale;
}

/** `usage: SYNOPSIS` in `locale`, with a newline. */
export function usage(synopsis: string, locale: Locale): string {
  return `${render(C.usage({ synopsis }), locale)}\n`;
}

/** `kaohe COMMAND: unknown option --X` in `locale`, with a newline; with the command's `known`
 * options, the nearest of them when one is close (`--perod`: did you mean `--period`?). */
export function unknownOption(command: string, option: string, locale: Locale, known: readonly string[] = []): string {
  const near = nearOption(option, known);
  const prog = `kaohe ${command}`;
  return `${render(near ? C.unknownOptionNear({ prog, option, near }) : C.unknownOption({ prog, option }), locale)}\n`;
}

/** Splits argv into positional arguments and `--flag [value]` options (flags listed in `valued` take a
 * value; another option is never taken as one: `--period --out x.json` is a --period without its
 * value, said by cli/options.ts). */
export function parseArgs(argv: string[], valued: string[] = []): { args: string[]; opts: Map<string, string | true> } {
  const args: string[] = [];
  const opts = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (isOption(a)) {
      const eq = a.indexOf('=');
      if (eq > 0) opts.set(a.slice(2, eq), a.slice(eq + 1));
      else if (valued.includes(a.slice(2)) && i + 1 < argv.length && !isOption(argv[i + 1])) opts.set(a.slice(2), argv[++i]);
      else opts.set(a.slice(2), true);
    } else args.push(a);
  }
  return { args, opts };
}

/** How a command names a file in messages: `-` is standard input. */
/** A command's one-line message: `kaohe db: …` in English, `kaohe db：…` in Chinese (a full-width colon,
 * as the catalogs' own `{prog}：…` lines). */
export const progLine = (prog: string, text: string, locale: Locale): string => `${prog}${locale === 'zh' ? '：' : ': '}${text}\n`;

export const shownPath = (path: string): string => (path === '-' ? '<stdin>' : path);

/** Reads a scheme or input file for `command`; on failure says so in words (no stack, no errno
 * dump) and returns undefined, leaving the exit code to the caller. */
export function readOrReport(io: IO, command: string, path: string, locale: Locale = 'en'): string | undefined {
  try {
    return io.read(path);
  } catch (e) {
    reportUnreadable(io, command, path, e, locale);
    return undefined;
  }
}

/** `kaohe COMMAND: cannot read PATH: why` on stderr, one line in `locale`, for a failed read. */
export function reportUnreadable(io: IO, command: string, path: string, e: unknown, locale: Locale): void {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why = code === 'ENOENT' ? render(C.noSuchFile(), locale)
    : code === 'EACCES' || code === 'EPERM' ? render(C.noPermission(), locale)
      : code === 'EISDIR' ? render(C.isDirectory(), locale)
        : code === 'KH_NOT_UTF8' ? render(C.notUtf8(notUtf8Words(e)), locale)
        : code === 'KH_NOT_FILE' ? render(C.notRegularFile(), locale)
        : code === 'KH_TOO_LARGE' ? render(C.tooLargeToRead({ max: mib((e as { max: number }).max) }), locale)
        : (e as Error)?.message ?? String(e);
  io.err(`${render(C.cannotRead({ prog: `kaohe ${command}`, path: shownPath(path), why }), locale)}\n`);
}

/** Bytes in MiB, rounded up, as text. */
export const mib = (n: number): string => String(Math.ceil(n / 2 ** 20));

function notUtf8Words(e: unknown): { line: string; at: string; found: string } {
  const { line, at, byte } = e as { line: number; at: number; byte: number };
  return { line: String(line), at: String(at), found: hexByte(byte) };
}

type LineDiagnostic = Parameters<typeof localizeDiagnostic>[0];

/** The gcc-style line every command prints for a diagnostic (API.md), its message in `locale`
 * (English by default). `error`/`warning` and the code stay as they are: tools read them. */
export function diagnosticLine(file: string, d: LineDiagnostic, locale: Locale = 'en'): string {
  const { range, severity, code, message } = locale === 'en' ? d : localizeDiagnostic(d, locale);
  return `${file}:${range.start.line}:${range.start.column}: ${severity} ${code}: ${message}`;
}

/** Writes `path` (relative to the command's directory) with `write`; on failure says why in one line
 * (no stack) and returns false. Atomic: `write` writes a temporary file in the same directory, renamed
 * over `path` once complete, so a killed or failing process never leaves a truncated results file
 * (or destroys the previous one). For `kaohe eval --out` and `kaohe template --out`. */
export async function writeOrReport(io: IO, command: string, path: string, locale: Locale, write: (target: string) => Promise<void>): Promise<boolean> {
  const target = resolve(io.cwd, path);
  // The same extension: the writer chooses the format by it (sheets/node/files.ts).
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp${extname(target)}`);
  try {
    await write(temp);
    await rename(temp, target);
    return true;
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    io.err(`${render(SheetWords.cannotWrite({ prog: `kaohe ${command}`, path, why: writeWhy(e as NodeJS.ErrnoException) }), locale)}\n`);
    return false;
  }
}

/** Why a file or folder could not be written, in words when the system's code is a common one. */
export function writeWhy(e: NodeJS.ErrnoException): Msg | string {
  switch (e.code) {
    case 'ENOENT': return SheetWords.noDirectory();
    case 'EACCES': case 'EPERM': return SheetWords.noPermission();
    case 'ENOSPC': case 'EDQUOT': return C.noSpace();
    case 'ENOTDIR': return C.notAFolder();
    default: return e.message;
  }
}
