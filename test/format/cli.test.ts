// `kaohe fmt` in-process: printing, --check, --write, --keywords, stdin, syntax errors, usage.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../cli/commands/fmt.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';

const tempFmtDir = tempDirs('kaohe-fmt-');
const fakeIO = (files: Record<string, string>, cwd = '/') => memoryIO(files, { cwd });
const SCHEMES = join(import.meta.dirname, '../../schemes');

const messy = 'scheme s{let a=1+2\n\n\n\nlet b = max( a ,3 )}';
const clean = 'scheme s {\n  let a = 1 + 2\n\n  let b = max(a, 3)\n}\n';

describe('kaohe fmt', () => {
  it('prints the canonical form, from a file or stdin', async () => {
    const io = fakeIO({ 'a.kaohe': messy, '-': messy });
    expect(await run(['a.kaohe'], io)).toBe(0);
    expect(await run(['-'], io)).toBe(0);
    expect(io.stdout).toBe(clean + clean);
  });

  it('--check lists unformatted files and exits 1', async () => {
    const io = fakeIO({ 'a.kaohe': messy, 'b.kaohe': clean });
    expect(await run(['a.kaohe', 'b.kaohe', '--check'], io)).toBe(1);
    expect(io.stdout).toBe('a.kaohe\n');
    expect(await run(['b.kaohe', '--check'], fakeIO({ 'b.kaohe': clean }))).toBe(0);
  });

  it('--keywords switches the language', async () => {
    const io = fakeIO({ 'a.kaohe': messy });
    expect(await run(['a.kaohe', '--keywords', 'zh'], io)).toBe(0);
    expect(io.stdout).toBe('方案 s {\n  定义 a = 1 + 2\n\n  定义 b = 最大(a, 3)\n}\n');
  });

  it('--write rewrites the file', async () => {
    const dir = tempFmtDir();
    writeFileSync(join(dir, 'a.kaohe'), messy);
    const io = { ...fakeIO({}), cwd: dir, read: (p: string) => readFileSync(join(dir, p), 'utf8') };
    expect(await run(['a.kaohe', '--write'], io)).toBe(0);
    expect(readFileSync(join(dir, 'a.kaohe'), 'utf8')).toBe(clean);
  });

  it('refuses files with syntax errors and prints their diagnostics', async () => {
    const io = fakeIO({ 'bad.kaohe': 'scheme s {\n  let = 1\n}\n' });
    expect(await run(['bad.kaohe'], io)).toBe(1);
    expect(io.stdout).toBe('');
    expect(io.stderr).toMatch(/^bad\.kaohe:2:\d+: error KH-P\d{3}: /);
  });

  it('reports unreadable files and bad usage without a stack trace', async () => {
    const io = fakeIO({});
    expect(await run(['missing.kaohe'], io)).toBe(1);
    expect(io.stderr).toContain('cannot read missing.kaohe');
    expect(await run([], fakeIO({}))).toBe(2);
    expect(await run(['a.kaohe', '--keywords', 'fr'], fakeIO({}))).toBe(2);
    expect(io.stderr).not.toMatch(/\n\s+at /);
  });

  it('--lang zh: its own errors, the diagnostics and usage in Chinese; --keywords stays the language of the code', async () => {
    const bad = fakeIO({ 'bad.kaohe': 'scheme s {\n  let = 1\n}\n' });
    expect(await run(['bad.kaohe', '--lang', 'zh'], bad)).toBe(1);
    expect(bad.stderr).toMatch(/^bad\.kaohe:2:\d+: error KH-P\d{3}: [^a-z]*$/m);
    expect(bad.stderr).not.toMatch(/unexpected|expected/i);
    const missing = fakeIO({});
    expect(await run(['--lang=zh', 'missing.kaohe'], missing)).toBe(1);
    expect(missing.stderr).toBe('kaohe fmt：无法读取“missing.kaohe”：文件不存在\n');
    const opt = fakeIO({});
    expect(await run(['a.kaohe', '--lang', 'zh', '--bogus'], opt)).toBe(2);
    expect(opt.stderr).toBe('kaohe fmt：未知选项“--bogus”\n用法：kaohe fmt FILE… [--write] [--check] [--keywords en|zh] [--lang zh|en]\n');
    const kw = fakeIO({});
    expect(await run(['a.kaohe', '--keywords', 'fr', '--lang', 'zh'], kw)).toBe(2);
    expect(kw.stderr).toMatch(/^kaohe fmt：“--keywords”只能是“en”或“zh”\n用法：/);
    const empty = fakeIO({ 'e.kaohe': '' });
    expect(await run(['e.kaohe', '--lang', 'zh'], empty)).toBe(1);
    expect(empty.stderr).toMatch(/^e\.kaohe:1:1: error KH-P001: 文件是空的/);
    const en = fakeIO({ 'a.kaohe': messy });
    expect(await run(['a.kaohe', '--lang', 'en', '--keywords', 'zh'], en)).toBe(0);
    expect(en.stdout).toBe('方案 s {\n  定义 a = 1 + 2\n\n  定义 b = 最大(a, 3)\n}\n');
    const fr = fakeIO({ 'a.kaohe': messy });
    expect(await run(['a.kaohe', '--lang', 'fr'], fr)).toBe(2);
    expect(fr.stderr).toBe('kaohe fmt: --lang must be zh or en, not \'fr\'\n');
  });

  it('--check passes on every shipped scheme (schemes/*.kaohe)', async () => {
    const files = readdirSync(SCHEMES).filter((f) => f.endsWith('.kaohe')).map((f) => join(SCHEMES, f));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const io = memoryIO({}, { disk: true });
    expect(await run([...files, '--check'], io)).toBe(0);
    expect(io.stdout).toBe('');
    expect(io.stderr).toBe('');
  });
});
