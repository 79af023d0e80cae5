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
