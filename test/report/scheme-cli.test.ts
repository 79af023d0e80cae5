// `kaohe doc SCHEME.kaohe [--lang zh|en] [--out file.html|file.json]` (issue 15): the HTML page on
// standard output or in a file, the document model as JSON, exit 2 with the diagnostics for a scheme
// with errors, the usage for a bare --out, and what is wrong with --out x.pdf.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { memoryIO } from '../memory-io.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PROVINCE = join(ROOT, 'schemes', 'province-annual.kaohe');
const dir = mkdtempSync(join(tmpdir(), 'kaohe-doc-'));

describe('kaohe doc', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the HTML page in Chinese', async () => {
    const io = memoryIO({}, { disk: true });
    expect(await main(['doc', PROVINCE, '--lang', 'zh'], io)).toBe(0);
    expect(io.stdout).toMatch(/^<!DOCTYPE html>/i);
    expect(io.stdout).toContain('<html lang="zh');
    expect(io.stdout).toContain('考核指标和权重');
    expect(io.stdout).toContain('“有效投诉”达到3的');
  });

  it('writes the document model as JSON in English', async () => {
    const io = memoryIO({}, { disk: true, cwd: dir });
    expect(await main(['doc', PROVINCE, '--lang', 'en', '--out', 'doc.json'], io)).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'doc.json'), 'utf8'));
    expect(doc.lang).toBe('en');
    // A file has no place in a scheme's history: the header shows the scheme's version text only.
    expect(doc.pages[0].subtitle).toBe('Scheme version “2026.1”');
    expect(doc.pages[0].blocks[0]).toEqual({ kind: 'heading', level: 2, text: '1. Who is assessed and when' });
    expect(io.stderr).toContain('wrote doc.json');
  });

  it('refuses a scheme with errors (exit 2, the diagnostics) and a bad --out', async () => {
    const broken = readFileSync(PROVINCE, 'utf8').replace('100 - 缺勤天数 * 5', '100 - 缺勤天 * 5');
    const io = memoryIO({ 'bad.kaohe': broken });
    expect(await main(['doc', 'bad.kaohe', '--lang', 'en'], io)).toBe(2);
    expect(io.stderr).toMatch(/^bad\.kaohe:\d+:\d+: error KH-C\d+/);
    expect(io.stdout).toBe('');
    const usage = memoryIO({}, { disk: true });
    expect(await main(['doc', PROVINCE, '--out', '--lang', 'en'], usage)).toBe(2);
    expect(usage.stderr).toContain('--out needs a value'); // the missing value named (C10b), not only the usage
  });

  it('never lets a label\'s control characters reach the terminal raw (hostile15 F4)', async () => {
    // ESC sequences (clear screen, window title), BEL, NUL, C1 CSI, DEL and bidi overrides in a label.
    const evil = 'X\u001b[2J\u001b]0;PWNED\u0007Y\u0000Z\u202eW\u009b31mV\u007f\u2066Q';
    const source = [
      `方案 测试方案 "${evil}" {`, '  版本 "1"', '  输入 { a: 数值 }', `  指标 i "${evil}" 权重 100% = a`, '}', '',
    ].join('\n');
    const io = memoryIO({ 'ctl.kaohe': source });
    expect(await main(['doc', 'ctl.kaohe', '--lang', 'zh'], io)).toBe(0);
    expect(io.stdout).toMatch(/^<!DOCTYPE html>/i);
    expect(io.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    // The rest of the label is still there, in order.
    expect(io.stdout).toMatch(/X[^<]*Y[^<]*Z[^<]*W[^<]*V[^<]*Q/);
  });

  it('says what is wrong with --out x.pdf, and how to get a PDF (hostile15 F10)', async () => {
    for (const [lang, words] of [['en', /--out takes a \.html or \.json file.*print it to PDF/], ['zh', /“--out”只支持“\.html”或“\.json”.*打印为 PDF/]] as const) {
      const io = memoryIO({}, { disk: true, cwd: dir });
      expect(await main(['doc', PROVINCE, '--out', 'doc.pdf', '--lang', lang], io), lang).toBe(2);
      expect(io.stderr, lang).toMatch(words);
      expect(io.stderr, lang).toContain('doc.pdf');
      expect(io.stderr, lang).not.toMatch(/usage|用法/);
      expect(io.stdout, lang).toBe('');
      expect(existsSync(join(dir, 'doc.pdf')), lang).toBe(false);
    }
  });
});
