// Test helpers: analyze a source and list its diagnostic codes; a fake IO for running commands.
import { analyze } from '../../dsl/index.js';
import { memoryIO } from '../memory-io.js';

export function codes(src: string): string[] {
  return analyze(src).diagnostics.map((d) => d.code);
}

export function diags(src: string) {
  return analyze(src).diagnostics;
}

/** Files from a map, `stdin` for `-` (see test/memory-io.ts). */
export const fakeIO = (files: Record<string, string>, stdin = '') => memoryIO(files, { stdin });

/** A minimal scheme around some declarations. */
export const wrap = (body: string) => `scheme 测试 {\n${body}\n}\n`;
