// Test helpers: analyze a source and list its diagnostic codes; a fake IO for running commands.
import { analyze } from '../../dsl/index.js';
import type { IO } from '../../cli/io.js';

export function codes(src: string): string[] {
  return analyze(src).diagnostics.map((d) => d.code);
}

export function diags(src: string) {
  return analyze(src).diagnostics;
}

export function fakeIO(files: Record<string, string>, stdin = ''): IO & { stdout: string; stderr: string } {
  const io = {
    stdout: '', stderr: '', cwd: '/',
    out(t: string) { io.stdout += t; },
    err(t: string) { io.stderr += t; },
    read(p: string) {
      if (p === '-') return stdin;
      if (!(p in files)) throw Object.assign(new Error(`ENOENT: no such file, open '${p}'`), { code: 'ENOENT' });
      return files[p];
    },
  };
  return io;
}

/** A minimal scheme around some declarations. */
export const wrap = (body: string) => `scheme 测试 {\n${body}\n}\n`;
