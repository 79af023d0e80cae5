// `kaohe check` as API.md fixes it: text lines, --json, exit codes, stdin, unreadable files.
import { describe, expect, it } from 'vitest';
import { run } from '../../cli/commands/check.js';
import { fakeIO } from './helpers.js';

const CLEAN = 'scheme s {\n  input { x: number }\n  indicator a weight 100% = x\n}\n';
const WARN = 'scheme s {\n  input { x: number, y: number }\n  indicator a weight 100% = x\n}\n';
const BAD = 'scheme s {\n  input { x: number }\n  indicator a weight 90% = x + z\n}\n';

describe('kaohe check', () => {
  it('prints nothing and exits 0 for a clean file', async () => {
    const io = fakeIO({ 'a.kaohe': CLEAN });
    expect(await run(['a.kaohe'], io)).toBe(0);
    expect(io.stdout).toBe('');
  });

  it('prints FILE:LINE:COL: severity CODE: message and exits 1 on errors', async () => {
    const io = fakeIO({ 'w.kaohe': WARN, 'b.kaohe': BAD });
    expect(await run(['w.kaohe'], io)).toBe(0);
    expect(await run(['b.kaohe', 'w.kaohe'], io)).toBe(1);
    const lines = io.stdout.trim().split('\n');
    expect(lines[0]).toBe('w.kaohe:2:22: warning KH-C040: input y is declared but never used');
    expect(lines.some((l) => /^b\.kaohe:3:32: error KH-C001: /.test(l))).toBe(true);
    expect(lines.some((l) => /^b\.kaohe:\d+:\d+: error KH-C010: /.test(l))).toBe(true);
  });

  it('prints one JSON array with --json', async () => {
    const io = fakeIO({ 'b.kaohe': BAD, 'w.kaohe': WARN });
    expect(await run(['--json', 'b.kaohe', 'w.kaohe'], io)).toBe(1);
    const arr = JSON.parse(io.stdout) as Record<string, unknown>[];
    expect(arr.map((d) => d.code).sort()).toEqual(['KH-C001', 'KH-C010', 'KH-C040']);
    expect(Object.keys(arr[0]).sort()).toEqual(['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    expect(arr.find((d) => d.code === 'KH-C001')).toMatchObject({ file: 'b.kaohe', line: 3, column: 32, endLine: 3, endColumn: 33, severity: 'error' });
  });

  it('reads standard input for -', async () => {
    const io = fakeIO({}, BAD);
    expect(await run(['-'], io)).toBe(1);
    expect(io.stdout).toMatch(/^<stdin>:3:32: error KH-C001/m);
  });

  it('reports an unreadable file without a stack trace and exits 2', async () => {
    const io = fakeIO({ 'a.kaohe': CLEAN });
    expect(await run(['missing.kaohe', 'a.kaohe'], io)).toBe(2);
    expect(io.stderr).toBe('kaohe check: cannot read missing.kaohe: no such file\n');
    expect(await run([], io)).toBe(2);
    expect(await run(['--bogus', 'a.kaohe'], io)).toBe(2);
  });

  it('never throws on garbage', async () => {
    const io = fakeIO({ 'g.kaohe': 'scheme { when when ) ( 1 2 3 "' });
    expect(await run(['g.kaohe'], io)).toBe(1);
    expect(io.stderr).toBe('');
  });
});
