// An in-memory IO for running `kaohe` commands in-process: files from a map (or, with `disk`, from the
// real file system when not in the map), standard input from `stdin`, output captured as text.

import { readFileSync } from 'node:fs';
import type { IO } from '../cli/io.js';

export interface MemoryIO extends IO { stdout: string; stderr: string }

export function memoryIO(files: Record<string, string> = {}, opts: { stdin?: string; cwd?: string; disk?: boolean } = {}): MemoryIO {
  const io: MemoryIO = {
    stdout: '', stderr: '', cwd: opts.cwd ?? '/',
    out(t) { io.stdout += t; },
    err(t) { io.stderr += t; },
    read(p) {
      if (p in files) return files[p];
      if (p === '-') return opts.stdin ?? '';
      if (opts.disk) return readFileSync(p, 'utf8');
      throw Object.assign(new Error(`ENOENT: no such file, open '${p}'`), { code: 'ENOENT' });
    },
  };
  return io;
}
