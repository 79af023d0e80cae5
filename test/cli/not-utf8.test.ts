// A scheme or JSON input saved in GBK (Notepad's "ANSI" on a Chinese Windows) is refused with the line
// and byte of the first bad byte, in the user's language, instead of being read as U+FFFD and then
// failing somewhere else (hostile audit H5 F4, session 5: the .jsonl roster was fixed; this is the rest).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processIO, type IO } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { tempDirs } from '../temp-dirs.js';

const tempDir = tempDirs('kaohe-utf8-');

async function run(args: string[]): Promise<{ code: number; err: string; out: string }> {
  let err = '', out = '';
  const io: IO = { ...processIO, out: (t) => { out += t; }, err: (t) => { err += t; } };
  return { code: await main(args, io), err, out };
}

describe('files that are not UTF-8', () => {
  const gbk = Buffer.concat([Buffer.from('方案 测试 {\n  // ', 'utf8'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('\n}\n')]);

  it('check names the line and byte, zh and en, exit 2', async () => {
    const file = join(tempDir(), 'gbk.kaohe');
    writeFileSync(file, gbk);
    const zh = await run(['check', file, '--lang', 'zh']);
    expect(zh.code).toBe(2);
    expect(zh.err).toContain('第 2 行，文件第 22 个字节为 “0xd6”');
    const en = await run(['check', file, '--lang', 'en']);
    expect(en.err).toContain('line 2, byte 22 of the file is 0xd6');
    expect(en.err).not.toMatch(/\n\s+at /); // no stack
  });

  it('a JSON input for eval too; a U+FFFD written in UTF-8 stays valid', async () => {
    const dir = tempDir();
    const scheme = join(import.meta.dirname, '../../schemes/quarterly-review.kaohe');
    const input = join(dir, 'in.json');
    writeFileSync(input, Buffer.concat([Buffer.from('{"id": "'), Buffer.from([0xd5, 0xc5]), Buffer.from('", "x": 1}')]));
    const bad = await run(['eval', scheme, input, '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('line 1, byte 9 of the file is 0xd5');
    writeFileSync(input, '{"id": "a\uFFFDb", "x": 1}');
    const ok = await run(['eval', scheme, input, '--lang', 'en']);
    expect(ok.err).not.toContain('UTF-8'); // read; what the scheme says of its inputs is another matter
  });
});
