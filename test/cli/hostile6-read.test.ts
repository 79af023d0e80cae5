// Hostile audit H6 (session 6), what `kaohe` reads and where it prints. F11: an input or scheme read from
// standard input or a device had no size cap (the 64 MiB .json cap looked at the file's size, which a
// pipe or /dev/zero does not have): `z.json -> /dev/zero` grew to 4.5 GB. Now the bytes are counted as
// they are read and the read stops at the cap. F7: standard output on a full device (`> /dev/full`)
// ended the command with a line of minified source and a stack; now one line, exit 2. A roster
// (.jsonl/.csv) that is a device spun without end: a roster is read twice, so it must be a file.

import { spawn } from 'node:child_process';
import { closeSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { people, WINDOW_SCHEME } from '../../bench/roster-data.js';
import { run as checkCmd } from '../../cli/commands/check.js';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { processIO, readCapped, type IO } from '../../cli/io.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';
import { CHILD_FLAGS } from '../child-flags.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const tempDir = tempDirs('kaohe-h6-read-');

/** The process's own IO (files read as `kaohe` reads them), its output captured. */
function diskIO(): IO & { stdout: string; stderr: string } {
  const io = { ...processIO, stdout: '', stderr: '', out(t: string) { io.stdout += t; }, err(t: string) { io.stderr += t; } };
  return io;
}

/** The built `kaohe` (bin/kaohe.js) with `stdin` piped in (ended early when the child stops
 * reading) and standard output to `stdout` (a file descriptor, or captured); its exit and output. */
async function kaohe(args: string[], opts: { stdin?: Buffer; stdout?: number } = {}) {
  const child = spawn(process.execPath, [...CHILD_FLAGS, join(ROOT, 'bin/kaohe.js'), ...args],
    { stdio: [opts.stdin ? 'pipe' : 'ignore', opts.stdout ?? 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout?.on('data', (d) => { stdout += d; });
  child.stderr!.on('data', (d) => { stderr += d; });
  if (opts.stdin) {
    child.stdin!.on('error', () => { /* the child stopped reading: what it refused */ });
    child.stdin!.end(opts.stdin);
  }
  const code = await new Promise<number | string | null>((r) => child.on('close', (c, sig) => r(c ?? sig)));
  return { code, stdout, stderr };
}

describe('F11: reads are counted and stopped at the cap', () => {
  it('a .json input on standard input over 64 MiB: refused with the advice to give a file, exit 2, not read to its end', async () => {
    const big = Buffer.alloc(64 * 2 ** 20 + 1, 0x20); // spaces: valid JSON text around nothing
    const r = await kaohe(['eval', WINDOW_SCHEME, '-', '--lang', 'en'], { stdin: big });
    expect(r.stderr).toBe('kaohe eval: standard input is more than 64 MiB (at most 64 MiB is read from it: it is read whole, as a .json input): write it to a file and give the file\'s path — a roster file (.jsonl, a subject per line; .csv; .xlsx) is read as a stream, whatever its size: `kaohe eval SCHEME roster.jsonl`\n');
    expect(r.code).toBe(2);
    const zh = await kaohe(['eval', WINDOW_SCHEME, '-', '--lang', 'zh'], { stdin: big });
    expect(zh.stderr).toBe('kaohe eval：标准输入超过 64 兆字节（标准输入按 “.json” 输入整个读入，至多 64 兆字节）：请先写入文件，再给出文件路径——名册文件（“.jsonl” 每行一个人员、“.csv”、“.xlsx”）按流读取，不限大小，如 “kaohe eval 方案 roster.jsonl”\n');
  }, 60_000);

  it('a device (/dev/zero) as the .json input or as the scheme is refused at the cap', async () => {
    const io = diskIO();
    expect(await evalCmd([WINDOW_SCHEME, '/dev/zero', '--lang', 'en'], io)).toBe(2);
    expect(io.stderr).toBe('kaohe eval: /dev/zero is more than 64 MiB (at most 64 MiB as .json): save it as .jsonl (a subject per line), .csv or .xlsx\n');
    expect(() => readCapped('/dev/zero', 2 ** 20)).toThrow(expect.objectContaining({ code: 'KH_TOO_LARGE' }));
    const dir = tempDir();
    writeFileSync(join(dir, 'small.kaohe'), 'x'.repeat(2 ** 20 + 1));
    const check = diskIO();
    expect(() => readCapped(join(dir, 'small.kaohe'), 2 ** 20)).toThrow(expect.objectContaining({ code: 'KH_TOO_LARGE' })); // a file: by its size
    expect(readCapped(join(dir, 'small.kaohe'), 2 ** 20 + 1).length).toBe(2 ** 20 + 1);
    expect(await checkCmd([join(dir, 'small.kaohe'), '--lang', 'en'], check)).toBe(1); // under the default cap: read and checked
  }, 60_000);

  it('a roster (.jsonl, .csv) that is a device is refused at once: a roster is read twice', async () => {
    const dir = tempDir();
    for (const [name, lang, line] of [
      ['z.jsonl', 'en', 'kaohe eval: cannot read z.jsonl: not a regular file (a device or a pipe): a roster is read twice; save it to a file first\n'],
      ['z.csv', 'zh', 'kaohe eval：无法读取“z.csv”：不是普通文件（而是设备或管道）：名单文件要读取两遍，请先保存为文件\n'],
    ]) {
      symlinkSync('/dev/zero', join(dir, name));
      const io = memoryIO({}, { disk: true, cwd: dir });
      expect(await evalCmd([WINDOW_SCHEME, name, '--lang', lang], io)).toBe(2);
      expect(io.stderr).toBe(line);
    }
  });

  it('any command says a read stopped at its cap in one line: "cannot read PATH: more than N MiB; not read"', async () => {
    const io = diskIO();
    const capped: IO = { ...io, read: (p) => processIO.read(p, 2 ** 20) }; // the default cap is 256 MiB: too much for a test
    expect(await checkCmd(['/dev/zero', '--lang', 'en'], capped)).toBe(2);
    expect(io.stderr).toBe('kaohe check: cannot read /dev/zero: more than 1 MiB; not read\n');
    const zh = diskIO();
    expect(await checkCmd(['/dev/zero', '--lang', 'zh'], { ...zh, read: (p) => processIO.read(p, 2 ** 20) })).toBe(2);
    expect(zh.stderr).toBe('kaohe check：无法读取“/dev/zero”：超过 1 兆字节，未读取\n');
  });
});

describe('F7: standard output that cannot be written', () => {
  it('> /dev/full: one line in the chosen language, exit 2, no stack', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'one.json'), JSON.stringify(people(1, 3)[0].subject));
    for (const [lang, line] of [
      ['en', 'kaohe eval: cannot write standard output: no space left on the device\n'],
      ['zh', 'kaohe eval：无法写入标准输出：磁盘空间已满\n'],
    ]) {
      const full = openSync('/dev/full', 'w');
      try {
        // the quarter named: a periodless result adds its notice (period-option-c10.test.ts)
        const r = await kaohe(['eval', WINDOW_SCHEME, join(dir, 'one.json'), '--period', '2026-Q1', '--lang', lang], { stdout: full });
        expect(r.stderr).toBe(line);
        expect(r.code).toBe(2);
      } finally {
        closeSync(full);
      }
    }
  }, 60_000);
});
