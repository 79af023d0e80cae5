// One finder of the first byte that is not UTF-8 (review of session 6): the server's 400 and the CLI
// and sheet readers (sheets/node/utf8.ts firstBadByte) name the same byte — the API counting from 0,
// the CLI from 1. The server's own binary search named the byte after a cut-short sequence
// (`C3 28`: the `(`), and `??` for a body ending inside a character.

import { describe, expect, it } from 'vitest';
import { render, type Msg } from '../../dsl/i18n/index.js';
import { firstBadByte } from '../../sheets/node/utf8.js';
import { notUtf8 } from '../../server/utf8.js';

const cases: [string, number[], number, string][] = [
  ['a GBK pair', [0x7b, 0xb2, 0xe2, 0x7d], 1, 'b2'],
  ['a cut-short sequence inside', [0x61, 0xc3, 0x28, 0x62], 1, 'c3'],
  ['a cut-short sequence at the end', [0x61, 0x62, 0xe6, 0xb5], 2, 'e6'],
  ['a stray continuation byte after Chinese', [0xe6, 0xb5, 0x8b, 0x80], 3, '80'],
  ['U+FFFD written in the text, then 0xff', [0xef, 0xbf, 0xbd, 0xff], 3, 'ff'],
];

describe('the first byte that is not UTF-8: one answer for the API and the CLI', () => {
  for (const [name, bytes, at, byte] of cases) {
    it(name, () => {
      const cli = firstBadByte(Buffer.from(bytes))!;
      expect([cli.at, cli.byte.toString(16)]).toEqual([at + 1, byte]);
      const e = notUtf8(new Uint8Array(bytes));
      expect((e.details as { offset: number }[])[0].offset).toBe(at);
      expect(render(e.msg as Msg, 'en')).toBe(`the body is not valid UTF-8 (byte ${at} is 0x${byte}); send text encoded as UTF-8`);
    });
  }
});
