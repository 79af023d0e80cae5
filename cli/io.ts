// What a command may touch of the outside world, so tests can run commands in-process; and what
// every command shares: options, reading and writing files, the language of its words, the
// diagnostic line.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { localizeDiagnostic } from '../dsl/diagnostics.js';
import { localeFromEnv, parseLocale, render, type Locale } from '../dsl/i18n/index.js';
import { M as SheetWords } from '../sheets/messages.js';
import { firstBadByte } from '../sheets/node/utf8.js';
import { C } from './messages.js';

export interface IO {
  out(text: string): void;
  err(text: string): void;
  /** Reads a file, or standard input for `-`. */
  read(path: string): string;
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

/** Set once standard output (or error) is closed by its reader: `kaohe check … | head -1`. */
const closed = { stdout: false, stderr: false };

export const processIO: IO = {
  out: (t) => { if (!closed.stdout) process.stdout.write(t); },
  err: (t) => { if (!closed.stderr) process.stderr.write(t); },
  read: (p) => utf8Text(readFileSync(p === '-' ? 0 : p)),
  cwd: process.cwd(),
  env: process.env,
};

/** For the `kaohe` process (bin/kaohe.js), not for commands run in-process: when the reader of
 * standard output or error goes away (EPIPE), further output is dropped and the command finishes
 * quietly with its own exit code, instead of dying on an unhandled 'error' event with a stack. */
export function quietWhenOutputClosed(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    process[name].on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED' || closed[name]) { closed[name] = true; return; }
      throw e;
    });
  }
}

/** The language of a command's words: `--lang zh|en` (also `zh-CN`, `en_US`…), else the locale of
 * `env` (LC_ALL, LC_MESSAGES, LANG), else English. Undefined when `--lang` names neither. */
export function cliLocale(opts: ReadonlyMap<string, string | true>, env: Record<string, string | undefined> = {}): Locale | undefined {
  const v = opts.get('lang');
  if (v === undefined) return localeFromEnv(env);
  return typeof v === 'string' ? parseLocale(v) : undefined;
}

/** cliLocale for `command`, saying on stderr why `--lang` is wrong (then the caller exits 2). */
export function langOrReport(io: IO, command: string, opts: ReadonlyMap<string, string | true>): Locale | undefined {
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

/** `kaohe COMMAND: unknown option --X` in `locale`, with a newline. */
export function unknownOption(command: string, option: string, locale: Locale): string {
  return `${render(C.unknownOption({ prog: `kaohe ${command}`, option }), locale)}\n`;
}

/** Splits argv into positional arguments and `--flag [value]` options (flags listed in `valued` take a value). */
export function parseArgs(argv: string[], valued: string[] = []): { args: string[]; opts: Map<string, string | true> } {
  const args: string[] = [];
  const opts = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      if (eq > 0) opts.set(a.slice(2, eq), a.slice(eq + 1));
      else if (valued.includes(a.slice(2)) && i + 1 < argv.length) opts.set(a.slice(2), argv[++i]);
      else opts.set(a.slice(2), true);
    } else args.push(a);
  }
  return { args, opts };
}

/** How a command names a file in messages: `-` is standard input. */
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
        : (e as Error)?.message ?? String(e);
  io.err(`${render(C.cannotRead({ prog: `kaohe ${command}`, path: shownPath(path), why }), locale)}\n`);
}

function notUtf8Words(e: unknown): { line: string; at: string; found: string } {
  const { line, at, byte } = e as { line: number; at: number; byte: number };
  return { line: String(line), at: String(at), found: `0x${byte.toString(16).padStart(2, '0')}` };
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
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? SheetWords.noDirectory() : code === 'EACCES' ? SheetWords.noPermission() : (e as Error).message;
    io.err(`${render(SheetWords.cannotWrite({ prog: `kaohe ${command}`, path, why }), locale)}\n`);
    return false;
  }
}
