// What a command may touch of the outside world, so tests can run commands in-process.

import { readFileSync } from 'node:fs';

export interface IO {
  out(text: string): void;
  err(text: string): void;
  /** Reads a file, or standard input for `-`. */
  read(path: string): string;
  cwd: string;
}

export const processIO: IO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  read: (p) => readFileSync(p === '-' ? 0 : p, 'utf8'),
  cwd: process.cwd(),
};

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
export function readOrReport(io: IO, command: string, path: string): string | undefined {
  try {
    return io.read(path);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    io.err(`kaohe ${command}: cannot read ${shownPath(path)}: ${why}\n`);
    return undefined;
  }
}

/** The gcc-style line every command prints for a diagnostic (API.md). */
export function diagnosticLine(file: string, d: { range: { start: { line: number; column: number } }; severity: string; code: string; message: string }): string {
  return `${file}:${d.range.start.line}:${d.range.start.column}: ${d.severity} ${d.code}: ${d.message}`;
}
