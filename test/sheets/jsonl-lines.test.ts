// JSON lines read by bytes (sheets/node/jsonl.ts, issue 16): `\r\n`, a byte-order mark, blank lines,
// characters split across the reader's 1 MiB chunks, and a line over the limit reported at its number
// without being held in memory (a 1 GB line had crashed readline with a stack trace).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonLines, MAX_LINE_BYTES } from '../../sheets/node/jsonl.js';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(name: string, content: string | Buffer) {
  const path = join(dir, name);
  writeFileSync(path, content);
  const out: { text?: string; n: number }[] = [];
  for await (const l of jsonLines(path)) out.push(l);
  return out;
}

describe('jsonLines', () => {
  it('reads CRLF, drops the BOM and blank lines, keeps line numbers', async () => {
    expect(await read('a.jsonl', '\ufeff{"a":1}\r\n\r\n  \n{"b":"二"}\r\n{"c":3}')).toEqual([
      { text: '{"a":1}', n: 1 }, { text: '{"b":"二"}', n: 4 }, { text: '{"c":3}', n: 5 },
    ]);
  });

  it('decodes a character split across two chunks', async () => {
    const pad = 'x'.repeat((1 << 20) - 12);
    const line = `{"p":"${pad}","q":"张三"}`; // 张 straddles the first 1 MiB boundary
    const got = await read('b.jsonl', `${line}\n{"r":1}\n`);
    expect(got.map((l) => l.text)).toEqual([line, '{"r":1}']);
  });

  it('reports a line over the limit by number and reads on', async () => {
    const big = Buffer.alloc(MAX_LINE_BYTES + 10, 0x61);
    const got = await read('c.jsonl', Buffer.concat([Buffer.from('{"a":1}\n'), big, Buffer.from('\n{"b":2}\n')]));
    expect(got).toEqual([{ text: '{"a":1}', n: 1 }, { n: 2 }, { text: '{"b":2}', n: 3 }]);
  });
});
