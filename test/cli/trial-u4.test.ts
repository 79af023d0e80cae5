// The command line's answers to the user trial U4 (/tmp/status/U4.md): the template's example row
// left in is said on stderr, naming the row (MED-4); the template's own 姓名 column alone is no
// notice (LOW-6); `kaohe serve` names an unknown option, lists every option in --help and takes
// `--max-body-bytes N` (validated; the server then takes a body the default 2 MiB refuses) (MED-5,
// LOW-1); `kaohe eval --help` explains --explain and --rules-runtime without saying the input types
// twice (LOW-2).

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { run as serveCmd } from '../../cli/commands/serve.js';
import { main } from '../../cli/main.js';
import { memoryIO } from '../memory-io.js';
import { SCHEMES } from '../sheets/fixtures.js';
import { tempDirs } from '../temp-dirs.js';
import { CHILD_FLAGS } from '../child-flags.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const tempDir = tempDirs('kaohe-trial-u4-');
const dir = tempDir();
const io = () => memoryIO({}, { disk: true, cwd: dir });
const scheme = join(SCHEMES, 'window-quarterly.kaohe');

/** The template with its example row kept and one more person (a copy of it, another id). */
async function filledTemplate(name: string, keepExample: boolean): Promise<string> {
  const t = io();
  expect(await main(['template', scheme, '--out', `${name}-template.xlsx`, '--lang', 'zh'], t)).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(dir, `${name}-template.xlsx`));
  const sheet = book.getWorksheet('名单')!;
  const example = sheet.getRow(2), copy = sheet.getRow(3);
  example.eachCell((cell, col) => { copy.getCell(col).value = col === 1 ? 'B0001' : cell.value; });
  const id = String(example.getCell(1).value);
  if (!keepExample) sheet.spliceRows(2, 1);
  await book.xlsx.writeFile(join(dir, `${name}.xlsx`));
  return id;
}

describe('kaohe eval of a filled template', () => {
  it('says on stderr that the example row was left in, naming it (zh and en); nothing when it was removed', async () => {
    const id = await filledTemplate('kept', true);
    const zh = io();
    const rc = await evalCmd([scheme, 'kept.xlsx', '--out', 'kept.jsonl', '--lang', 'zh'], zh);
    expect(zh.stdout).toBe('');
    expect(rc).toBe(0);
    expect(zh.stderr).toContain(`第 2 行是模板的示例（编号 “${id}”），被当作一个人计算了：请删除或改写该行\n`);
    const en = io();
    expect(await evalCmd([scheme, 'kept.xlsx', '--out', 'kept.csv', '--lang', 'en'], en)).toBe(0);
    expect(en.stderr).toContain(`row 2 is the template’s example (id “${id}”), evaluated as a person: delete it or write over it\n`);

    await filledTemplate('clean', false);
    const clean = io();
    // the quarter named: a periodless result adds its notice (period-option-c10.test.ts)
    expect(await evalCmd([scheme, 'clean.xlsx', '--out', 'clean.jsonl', '--period', '2026-Q1', '--lang', 'zh'], clean)).toBe(0);
    expect(clean.stderr).toBe('已写入 “clean.jsonl”（1 人）\n'); // 姓名 alone, the template's 名单 sheet: no notice
  });
});

describe('kaohe serve options', () => {
  it('names an unknown option (zh) and refuses a bad --max-body-bytes with the full usage', async () => {
    const a = memoryIO();
    expect(await serveCmd(['--port', '0', '--data', 'x', '--lang', 'zh'], a)).toBe(2);
    expect(a.stderr.split('\n')[0]).toBe('kaohe serve：未知选项“--data”');
    expect(a.stderr).toContain('单位为秒');
    expect(a.stderr).not.toContain('(seconds)');
    for (const bad of ['12', '-1', 'lots', String(2 ** 31)]) {
      const b = memoryIO();
      expect(await serveCmd(['--max-body-bytes', bad, '--lang', 'en'], b)).toBe(2);
      expect(b.stderr).toContain('--max-body-bytes N: the largest request body');
    }
    for (const bad of ['0', '0.5', '3601', 'lots']) { // U8-2: a cohort's whole budget, 1 s to an hour
      const b = memoryIO();
      expect(await serveCmd(['--cohort-max-seconds', bad, '--lang', 'en'], b)).toBe(2);
      expect(b.stderr).toContain('--cohort-max-seconds 10: how long one cohort evaluation may take');
    }
  });

  it('--help lists every option the command takes', async () => {
    const h = memoryIO();
    expect(await main(['serve', '--help', '--lang', 'en'], h)).toBe(0);
    for (const o of ['--port', '--host', '--db', '--schemes', '--session-hours', '--max-source-bytes', '--max-body-bytes', '--cohort-max-seconds', '--headers-timeout',
      '--request-timeout', '--keep-alive-timeout', '--idle-timeout', '--max-connections', '--trust-proxy', '--lang']) expect(h.stdout).toContain(o);
  });

  it('takes a body over the default 2 MiB with --max-body-bytes (a live server)', async () => {
    const body = JSON.stringify({ source: 'x'.repeat(3 * 2 ** 20) }); // over 2 MiB, and over the 1.5 MiB source cap
    const answer = async (extra: string[]) => {
      // the built command, as a user runs it (dist/ is built by test/package/global-setup.ts): no TypeScript loader in the child
      const child = spawn(process.execPath, [...CHILD_FLAGS, join(ROOT, 'bin/kaohe.js'), 'serve', '--lang', 'en', '--port', '0', '--db', join(tempDir(), 'k.db'), '--schemes', join(dir, 'none'), ...extra],
        { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      try {
        let seen = '';
        child.stderr!.on('data', (d: Buffer) => (seen += d.toString()));
        const started = Date.now();
        while (!/token \(shown once\): (kh_\S+)/.test(seen) || !/serving on (http:\S+)/.test(seen)) {
          if (Date.now() - started > 60_000 || child.exitCode !== null) throw new Error(`no server: ${seen}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        const base = /serving on (http:\S+)/.exec(seen)![1], token = /token \(shown once\): (kh_\S+)/.exec(seen)![1];
        const res = await fetch(`${base}/api/check`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
        return ((await res.json()) as { error?: { code: string } }).error?.code;
      } finally {
        child.kill('SIGKILL');
      }
    };
    // Without the flag the body is 413 payload_too_large (test/server/edge.test.ts, docs/security.md): one
    // server start is enough here (each takes seconds under load).
    expect(await answer(['--max-body-bytes', String(4 * 2 ** 20)])).toBe('source_too_large'); // the body was taken
  }, 120_000);
});

describe('kaohe eval --help', () => {
  it('explains --explain and --rules-runtime and does not repeat the input types', async () => {
    for (const lang of ['en', 'zh']) {
      const h = memoryIO();
      expect(await main(['eval', '--help', '--lang', lang], h)).toBe(0);
      const lines = h.stdout.split('\n');
      expect(lines.some((l) => /^ {2}(“)?--explain/.test(l))).toBe(true);
      expect(lines.some((l) => /^ {2}(“)?--rules-runtime/.test(l))).toBe(true);
      expect(new Set(lines).size).toBe(lines.length);
      // the input and --out kinds are said once (the command's line), not again below it
      expect(h.stdout).not.toContain(lang === 'en' ? 'INPUT: .json (or - for standard input), .jsonl, .csv or .xlsx; --out' : '输入文件：“.json”（“-”为标准输入）、“.jsonl”、“.csv”或“.xlsx”；“--out”');
    }
  });
});
