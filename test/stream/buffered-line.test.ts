// BufferedWriter.line (engine/stream/buffered.ts): a spilled line copied to the results with its rank
// put in — the bytes before the placeholder, the text, the bytes after, a newline — at every place
// the 1 MiB buffer may be: with room, filling it exactly, past it (flushed first), and a line longer
// than the buffer itself (written whole). The file must read as the same lines made as strings.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BufferedWriter } from '../../engine/stream/buffered.js';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-line-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** Writes the lines through `line` (and a text between some, through `write`), reads the file back. */
async function written(lines: { src: string; at: number; cut: number; text: string; before?: string }[]): Promise<string> {
  const path = join(dir, `f${n++}`);
  const w = new BufferedWriter(path);
  for (const l of lines) {
    if (l.before) { const p = w.write(l.before); if (p) await p; }
    const p = w.line(Buffer.from(l.src, 'utf8'), Buffer.byteLength(l.src.slice(0, l.at)), Buffer.byteLength(l.src.slice(l.at, l.at + l.cut)), l.text);
    if (p) await p;
  }
  await w.end();
  return readFileSync(path, 'utf8');
}

const expected = (lines: { src: string; at: number; cut: number; text: string; before?: string }[]) =>
  lines.map((l) => `${l.before ?? ''}${l.src.slice(0, l.at)}${l.text}${l.src.slice(l.at + l.cut)}\n`).join('');

describe('BufferedWriter.line', () => {
  it('a line past the buffer, one longer than it, and a line filling it exactly', async () => {
    const big = 'x'.repeat((1 << 20) + 10), rank = ',"rank":{"overall":1,"cohort":1},';
    const lines = [
      { src: `{"a":1,"rank":null,"b":"${'优'.repeat(300_000)}"}`, at: 6, cut: 13, text: rank },
      { src: `{"s":"${big}","rank":null,}`, at: big.length + 8, cut: 13, text: rank }, // longer than the buffer
      { src: 'y'.repeat(1000), at: 0, cut: 0, text: '' },
    ];
    const fill = (1 << 20) - Buffer.byteLength(expected(lines.slice(0, 1))) % (1 << 20) - 1; // the next line ends at the buffer's end
    lines.splice(1, 0, { src: 'z'.repeat(fill), at: 5, cut: 2, text: 'ab' });
    expect(await written(lines)).toBe(expected(lines));
  });

  it('random lines, places and texts read back as made', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ src: fc.string({ unit: 'grapheme', maxLength: 60_000 }), a: fc.nat(), c: fc.nat(), text: fc.string({ unit: 'grapheme', maxLength: 40 }), before: fc.option(fc.string({ maxLength: 100_000 }), { nil: undefined }) }), { maxLength: 40 }),
      async (raw) => {
        const lines = raw.map(({ src, a, c, text, before }) => {
          const cps = [...src], at = cps.length ? a % (cps.length + 1) : 0, cut = Math.min(c % 20, cps.length - at);
          const s = cps.join(''), atU = cps.slice(0, at).join('').length, cutU = cps.slice(at, at + cut).join('').length;
          return { src: s, at: atU, cut: cutU, text, before };
        });
        expect(await written(lines)).toBe(expected(lines));
      }), { numRuns: 25, seed: 8 });
  });
});
